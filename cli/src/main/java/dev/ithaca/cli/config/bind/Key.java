package dev.ithaca.cli.config.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one config key (a record component): its documentation, its default and the range its
 * value must lie in. The binder, the JSON Schema and the configuration reference all read it, so the
 * three never disagree. The YAML key is the component name in snake_case.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Key {
    /** Marks a key without default: the config must give it. */
    String REQUIRED = "\u0000required";
    /** Marks an optional key whose absence means "not set" (null). */
    String UNSET = "\u0000unset";

    /** One or two sentences for the reference docs and the schema's description. */
    String doc();

    /**
     * The default as YAML text ({@code 0.001}, {@code true}, {@code [256, 128]}, {@code {}} for a
     * section whose keys all have defaults), or {@link #REQUIRED} / {@link #UNSET}.
     */
    String defaultValue() default REQUIRED;

    /** Smallest allowed number (inclusive unless {@link #minExclusive}). */
    double min() default Double.NEGATIVE_INFINITY;

    boolean minExclusive() default false;

    /** Largest allowed number (inclusive unless {@link #maxExclusive}). */
    double max() default Double.POSITIVE_INFINITY;

    boolean maxExclusive() default false;

    /** For strings: the allowed values (empty means any). */
    String[] allowed() default {};

    /** For lists: the fewest elements allowed. */
    int minItems() default 0;
}
