package dev.ithaca.cli.config.bind;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Derives {@link ConfigType}s from config record classes (cached; the classes never change at run time). */
public final class ConfigTypes {
    private static final Map<Type, ConfigType> CACHE = new ConcurrentHashMap<>();

    private ConfigTypes() {
    }

    public static ConfigType of(Type type) {
        ConfigType cached = CACHE.get(type);
        if (cached == null) {
            synchronized (CACHE) {
                cached = CACHE.get(type);
                if (cached == null) {
                    cached = derive(type);
                    CACHE.put(type, cached);
                }
            }
        }
        return cached;
    }

    /** The YAML key of a Java component name: {@code weightDecay} becomes {@code weight_decay}. */
    public static String snakeCase(String javaName) {
        StringBuilder out = new StringBuilder();
        for (char c : javaName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The {@code type} name of a variant record ({@code adamw} for an AdamW section). */
    public static String variantName(Object variant) {
        Variant annotation = variant.getClass().getAnnotation(Variant.class);
        if (annotation == null) {
            throw new IllegalArgumentException(variant.getClass().getName() + " is not a config variant");
        }
        return annotation.name();
    }

    /** The config spelling of an enum constant: {@code MICRO} is {@code micro}. */
    public static String enumName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private static ConfigType derive(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            return new ConfigType.ListOf(of(parameterized.getActualTypeArguments()[0]));
        }
        if (!(type instanceof Class<?> cls)) {
            throw new IllegalArgumentException("config types must be classes or List<...>, got " + type);
        }
        if (cls == double.class || cls == Double.class) {
            return scalar(ConfigType.Scalar.Kind.NUMBER, cls);
        }
        if (cls == int.class || cls == Integer.class || cls == long.class || cls == Long.class) {
            return scalar(ConfigType.Scalar.Kind.INTEGER, cls);
        }
        if (cls == boolean.class || cls == Boolean.class) {
            return scalar(ConfigType.Scalar.Kind.BOOLEAN, cls);
        }
        if (cls == String.class) {
            return scalar(ConfigType.Scalar.Kind.STRING, cls);
        }
        if (cls == Path.class) {
            return scalar(ConfigType.Scalar.Kind.PATH, cls);
        }
        if (cls.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : cls.getEnumConstants()) {
                names.add(enumName((Enum<?>) constant));
            }
            return new ConfigType.Scalar(ConfigType.Scalar.Kind.ENUM, cls, names);
        }
        if (cls.isRecord()) {
            return record(cls.asSubclass(Record.class));
        }
        if (cls.isSealed()) {
            // registered before its variants are derived, so a variant may refer back to the family
            Map<String, ConfigType.RecordOf> variants = new LinkedHashMap<>();
            ConfigType.OneOf family = new ConfigType.OneOf(cls, java.util.Collections.unmodifiableMap(variants), doc(cls));
            CACHE.put(cls, family);
            for (Class<?> permitted : cls.getPermittedSubclasses()) {
                Variant variant = permitted.getAnnotation(Variant.class);
                if (variant == null || !permitted.isRecord()) {
                    throw new IllegalStateException(permitted + " must be a record annotated with @Variant");
                }
                variants.put(variant.name(), record(permitted.asSubclass(Record.class)));
            }
            return family;
        }
        throw new IllegalArgumentException("unsupported config type " + cls.getName());
    }

    private static ConfigType.Scalar scalar(ConfigType.Scalar.Kind kind, Class<?> cls) {
        return new ConfigType.Scalar(kind, cls, List.of());
    }

    private static ConfigType.RecordOf record(Class<? extends Record> cls) {
        List<ConfigType.Field> fields = new ArrayList<>();
        for (RecordComponent component : cls.getRecordComponents()) {
            Key spec = component.getAnnotation(Key.class);
            if (spec == null) {
                throw new IllegalStateException(cls.getName() + "." + component.getName() + " needs a @Key annotation");
            }
            fields.add(new ConfigType.Field(snakeCase(component.getName()), component.getName(),
                    of(component.getGenericType()), spec, component));
        }
        Variant variant = cls.getAnnotation(Variant.class);
        return new ConfigType.RecordOf(cls, fields, variant != null ? variant.doc() : doc(cls));
    }

    private static String doc(Class<?> cls) {
        Section section = cls.getAnnotation(Section.class);
        return section != null ? section.doc() : "";
    }
}
