package dev.ithaca.cli.config.bind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names one implementation of a sealed config interface: the value of its {@code type} key
 * ({@code type: adamw}) and its documentation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Variant {
    String name();

    String doc();
}
