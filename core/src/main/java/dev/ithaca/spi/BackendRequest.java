package dev.ithaca.spi;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Which backend the configuration asks for, and where that came from. Precedence: system property
 * {@value #PROPERTY}, then environment variable {@value #ENV}, then the value given in code or a
 * config file, then {@code auto}.
 */
public record BackendRequest(String name, String source) {
    public static final String PROPERTY = "ithaca.backend";
    public static final String ENV = "ITHACA_BACKEND";
    public static final String AUTO = "auto";

    /** Resolves the request from this JVM's system properties and environment. */
    public static BackendRequest resolve(String configured) {
        return resolve(configured, System::getProperty, System::getenv);
    }

    /** Resolution with explicit lookups, so the precedence is testable without touching the real environment. */
    public static BackendRequest resolve(String configured, UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String fromProperty = properties.apply(PROPERTY);
        if (isSet(fromProperty)) {
            return new BackendRequest(normalize(fromProperty), "system property " + PROPERTY);
        }
        String fromEnv = environment.apply(ENV);
        if (isSet(fromEnv)) {
            return new BackendRequest(normalize(fromEnv), "environment variable " + ENV);
        }
        if (isSet(configured)) {
            return new BackendRequest(normalize(configured), "configuration");
        }
        return new BackendRequest(AUTO, "default");
    }

    public boolean isAuto() {
        return AUTO.equals(name);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String normalize(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
