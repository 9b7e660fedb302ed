package dev.ithaca.cli.config.bind;

import java.util.List;
import java.util.Map;

/**
 * What a config value may be, derived once from the Java types of the config records. The binder,
 * the {@code --set} coercion, the JSON Schema and the reference docs are all walks over it.
 */
public sealed interface ConfigType permits ConfigType.Scalar, ConfigType.ListOf, ConfigType.RecordOf, ConfigType.OneOf {

    /** Short name for messages and docs: {@code number}, {@code list of integer}, {@code optimizer}. */
    String displayName();

    /** A leaf value. {@code enumValues} lists the allowed spellings for {@link Kind#ENUM}. */
    record Scalar(Kind kind, Class<?> javaType, List<String> enumValues) implements ConfigType {
        public enum Kind { NUMBER, INTEGER, BOOLEAN, STRING, PATH, ENUM }

        public Scalar {
            enumValues = List.copyOf(enumValues);
        }

        @Override
        public String displayName() {
            return switch (kind) {
                case NUMBER -> "number";
                case INTEGER -> "integer";
                case BOOLEAN -> "boolean";
                case STRING -> "string";
                case PATH -> "path";
                case ENUM -> "one of " + String.join(", ", enumValues);
            };
        }
    }

    record ListOf(ConfigType element) implements ConfigType {
        @Override
        public String displayName() {
            return "list of " + element.displayName();
        }
    }

    /** A section: a record whose components are its keys, in declaration order. */
    record RecordOf(Class<? extends Record> javaType, List<Field> fields, String doc) implements ConfigType {
        public RecordOf {
            fields = List.copyOf(fields);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RecordOf r && r.javaType == javaType;
        }

        @Override
        public int hashCode() {
            return javaType.hashCode();
        }

        @Override
        public String toString() {
            return "RecordOf[" + javaType.getSimpleName() + "]";
        }

        public Field field(String key) {
            for (Field f : fields) {
                if (f.key().equals(key)) {
                    return f;
                }
            }
            return null;
        }

        public List<String> keys() {
            return fields.stream().map(Field::key).toList();
        }

        @Override
        public String displayName() {
            return "section";
        }
    }

    /**
     * A sealed family chosen by the {@value #DISCRIMINATOR} key; {@code variants} maps each name to its
     * record, in the order the interface permits them.
     */
    record OneOf(Class<?> javaType, Map<String, RecordOf> variants, String doc) implements ConfigType {
        public static final String DISCRIMINATOR = "type";

        // identity by the Java type: a family can contain itself (a sequential schedule of schedules),
        // so the generated equals/hashCode/toString would recurse forever
        @Override
        public boolean equals(Object other) {
            return other instanceof OneOf o && o.javaType == javaType;
        }

        @Override
        public int hashCode() {
            return javaType.hashCode();
        }

        @Override
        public String toString() {
            return "OneOf[" + javaType.getSimpleName() + "]";
        }

        /** The variant name of a bound value. */
        public String nameOf(Object value) {
            for (Map.Entry<String, RecordOf> e : variants.entrySet()) {
                if (e.getValue().javaType() == value.getClass()) {
                    return e.getKey();
                }
            }
            throw new IllegalArgumentException(value.getClass() + " is not a variant of " + javaType);
        }

        @Override
        public String displayName() {
            return "section with type " + String.join(" | ", variants.keySet());
        }
    }

    /** One key of a section. */
    record Field(String key, String javaName, ConfigType type, Key spec, java.lang.reflect.RecordComponent component) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Field f && f.component.equals(component);
        }

        @Override
        public int hashCode() {
            return component.hashCode();
        }

        @Override
        public String toString() {
            return "Field[" + component.getDeclaringRecord().getSimpleName() + "." + javaName + "]";
        }

        public boolean required() {
            return Key.REQUIRED.equals(spec.defaultValue());
        }

        public boolean hasDefault() {
            return !required() && !Key.UNSET.equals(spec.defaultValue());
        }
    }
}
