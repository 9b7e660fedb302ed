package dev.ithaca.cli.docs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ithaca.cli.config.bind.Binder;
import dev.ithaca.cli.config.bind.ConfigType;
import dev.ithaca.cli.config.bind.ConfigTypes;
import dev.ithaca.cli.config.bind.Key;
import dev.ithaca.cli.config.bind.Ranges;

import java.util.HashMap;
import java.util.Map;

/**
 * The Markdown configuration reference ({@code docs/configuration.md}): one table per section, in
 * the order of the YAML, with every key's type, default, allowed values and description, all read
 * from the {@link Key} annotations the binder enforces.
 */
public final class ConfigReference {
    private final StringBuilder out = new StringBuilder();
    private final Map<Class<?>, String> documented = new HashMap<>();

    private ConfigReference() {
    }

    public static String of(Class<? extends Record> root, String intro) {
        ConfigReference reference = new ConfigReference();
        reference.out.append(intro.strip()).append("\n");
        reference.record("", (ConfigType.RecordOf) ConfigTypes.of(root), null);
        return reference.out.toString();
    }

    private void record(String path, ConfigType.RecordOf record, String variant) {
        documented.put(record.javaType(), path);
        if (variant == null) {
            out.append("\n").append(path.isEmpty() ? "## Top level" : "## `" + path + "`").append("\n\n");
        } else {
            out.append("\n### `").append(path).append("` with `type: ").append(variant).append("`\n\n");
        }
        if (!record.doc().isEmpty()) {
            out.append(record.doc()).append("\n\n");
        }
        if (record.fields().isEmpty()) {
            out.append("No options.\n");
            return;
        }
        out.append("| key | type | default | allowed | description |\n");
        out.append("|---|---|---|---|---|\n");
        for (ConfigType.Field field : record.fields()) {
            out.append("| `").append(field.key()).append("` | ").append(typeName(path, field)).append(" | ")
                    .append(defaultText(field)).append(" | ").append(allowed(field)).append(" | ")
                    .append(escape(field.spec().doc())).append(" |\n");
        }
        for (ConfigType.Field field : record.fields()) {
            String child = path.isEmpty() ? field.key() : path + "." + field.key();
            section(child, field.type());
        }
    }

    private void section(String path, ConfigType type) {
        if (type instanceof ConfigType.ListOf list) {
            section(path + "[]", list.element());
        } else if (type instanceof ConfigType.RecordOf record && !documented.containsKey(record.javaType())) {
            record(path, record, null);
        } else if (type instanceof ConfigType.OneOf oneOf && !documented.containsKey(oneOf.javaType())) {
            documented.put(oneOf.javaType(), path);
            out.append("\n## `").append(path).append("`\n\n");
            if (!oneOf.doc().isEmpty()) {
                out.append(oneOf.doc()).append("\n\n");
            }
            out.append("`type` is one of: ").append(String.join(", ", oneOf.variants().keySet().stream()
                    .map(v -> "`" + v + "`").toList())).append(".\n");
            oneOf.variants().forEach((variant, record) -> record(path, record, variant));
        }
    }

    private String typeName(String path, ConfigType.Field field) {
        ConfigType type = field.type();
        String element = type instanceof ConfigType.ListOf list ? "list of " : "";
        ConfigType base = type instanceof ConfigType.ListOf list ? list.element() : type;
        if (base instanceof ConfigType.RecordOf || base instanceof ConfigType.OneOf) {
            Class<?> cls = base instanceof ConfigType.RecordOf r ? r.javaType() : ((ConfigType.OneOf) base).javaType();
            String target = documented.getOrDefault(cls, (path.isEmpty() ? "" : path + ".") + field.key() + (element.isEmpty() ? "" : "[]"));
            return element + "section ([`" + target + "`](#" + anchor(target) + "))";
        }
        if (base instanceof ConfigType.Scalar scalar && scalar.kind() == ConfigType.Scalar.Kind.ENUM) {
            return element + "string";
        }
        return element + base.displayName();
    }

    private static String defaultText(ConfigType.Field field) {
        if (field.required()) {
            return "**required**";
        }
        JsonNode node = Binder.defaultNode(field);
        if (node == null) {
            return "unset";
        }
        if (node.isObject() && node.isEmpty()) {
            return "all defaults";
        }
        return "`" + (node.isTextual() ? node.asText() : node.toString()) + "`";
    }

    private static String allowed(ConfigType.Field field) {
        Key spec = field.spec();
        ConfigType base = field.type() instanceof ConfigType.ListOf list ? list.element() : field.type();
        StringBuilder text = new StringBuilder();
        if (base instanceof ConfigType.Scalar scalar) {
            if (scalar.kind() == ConfigType.Scalar.Kind.ENUM) {
                text.append(String.join(", ", scalar.enumValues().stream().map(v -> "`" + v + "`").toList()));
            } else if (spec.allowed().length > 0) {
                text.append(String.join(", ", java.util.Arrays.stream(spec.allowed()).map(v -> "`" + v + "`").toList()));
            } else if (Ranges.bounded(spec)) {
                text.append(Ranges.describe(spec).replace("<", "&lt;").replace(">", "&gt;"));
            }
        }
        if (spec.minItems() > 0) {
            text.append(text.length() > 0 ? "; " : "").append("at least ").append(spec.minItems()).append(" element")
                    .append(spec.minItems() == 1 ? "" : "s");
        }
        return text.length() == 0 ? "" : text.toString();
    }

    private static String anchor(String heading) {
        return heading.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
