package dev.ithaca.callbacks;

import java.util.IllegalFormatException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checkpoint file name such as {@code epoch={epoch}-val_loss={val_loss:.4f}}: each {@code {name}}
 * or {@code {name:spec}} is replaced by that value, formatted with the Python-style spec
 * ({@code .4f}, {@code 03d}, {@code .2e}) when there is one. Without a spec, whole numbers print as
 * integers and others in Java's shortest form. A name with no value prints as 0, as in Lightning.
 */
final class FilenameTemplate {
    private static final Pattern FIELD = Pattern.compile("\\{([^{}:]+)(?::([^{}]*))?}");
    private static final Pattern SPEC = Pattern.compile("[-+ 0#,]*\\d*(\\.\\d+)?[dfeEgGxX]");

    private final String template;

    FilenameTemplate(String template) {
        Objects.requireNonNull(template, "filename");
        if (template.isBlank()) {
            throw new IllegalArgumentException("ModelCheckpoint: filename must not be blank");
        }
        Matcher m = FIELD.matcher(template);
        while (m.find()) {
            String spec = m.group(2);
            if (spec != null && !spec.isEmpty()) {
                if (!SPEC.matcher(spec).matches()) {
                    throw new IllegalArgumentException("ModelCheckpoint: filename '" + template + "' has format spec '" + spec
                            + "' for '" + m.group(1) + "'; use a spec such as .4f, 03d or .2e");
                }
                try {
                    format(1.5, spec);
                } catch (IllegalFormatException e) {
                    throw new IllegalArgumentException("ModelCheckpoint: filename '" + template + "' has an invalid format spec '"
                            + spec + "': " + e.getMessage(), e);
                }
            }
        }
        this.template = template;
    }

    /** The names the template uses. */
    boolean uses(String name) {
        Matcher m = FIELD.matcher(template);
        while (m.find()) {
            if (m.group(1).trim().equals(name)) {
                return true;
            }
        }
        return false;
    }

    String render(Map<String, ? extends Number> values) {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Number value = values.get(m.group(1).trim());
            String spec = m.group(2);
            String text = format(value == null ? 0 : value, spec == null || spec.isEmpty() ? null : spec);
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String format(Number value, String spec) {
        if (spec == null) {
            if (value instanceof Double || value instanceof Float) {
                double d = value.doubleValue();
                return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
            }
            return value.toString();
        }
        char conversion = spec.charAt(spec.length() - 1);
        Object argument = switch (conversion) {
            case 'd', 'x', 'X' -> value.longValue();
            default -> value.doubleValue();
        };
        return String.format(Locale.ROOT, "%" + spec, argument);
    }

    @Override
    public String toString() {
        return template;
    }
}
