package dev.ithaca.spi;

/**
 * Entry point of a backend module, found with {@link java.util.ServiceLoader}. Implementations
 * must be cheap to construct and must never let a native-library error escape
 * {@link #availability()}: probing is how {@code auto} decides and how users learn what is missing.
 */
public interface BackendProvider {

    /** Short lowercase name users select it by ({@code cpu}, {@code cuda}). */
    String name();

    /** Higher wins when {@code auto} picks among available backends. */
    int priority();

    /** Probes the machine; called once per JVM by the registry. */
    Availability availability();

    /** Creates the backend; only called after {@link #availability()} said it is available. */
    Backend create();
}
