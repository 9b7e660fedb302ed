package dev.ithaca.spi;

import java.util.List;

/**
 * The plain-Java way to reach backends, without Guice. Tensor factories without an explicit
 * backend use {@link #current()}: the backend set with {@link #use(Backend)} on this thread, else the
 * configured default ({@code ithaca.backend}, {@code ITHACA_BACKEND}, else {@code auto}).
 */
public final class Backends {
    private static final ThreadLocal<Backend> OVERRIDE = new ThreadLocal<>();

    private Backends() {
    }

    private static final class Holder {
        static final BackendRegistry REGISTRY = BackendRegistry.discover();
    }

    /**
     * The configured default, resolved on first use. Not a holder class: a failed resolution must
     * throw its {@link BackendUnavailableException} again on every call, not a NoClassDefFoundError.
     */
    private static final class DefaultBackend {
        private static volatile Backend value;

        static Backend get() {
            Backend resolved = value;
            if (resolved != null) {
                return resolved;
            }
            synchronized (DefaultBackend.class) {
                if (value == null) {
                    value = Holder.REGISTRY.select(BackendRequest.resolve(null));
                }
                return value;
            }
        }
    }

    public static BackendRegistry registry() {
        return Holder.REGISTRY;
    }

    /** The named backend; throws {@link BackendUnavailableException} with the reason and fix if it cannot run. */
    public static Backend get(String name) {
        return Holder.REGISTRY.get(name);
    }

    /** Every backend on the classpath with its availability and reason. */
    public static List<BackendDescription> describe() {
        return Holder.REGISTRY.describe();
    }

    /** The backend new tensors go to on this thread. */
    public static Backend current() {
        Backend override = OVERRIDE.get();
        return override != null ? override : DefaultBackend.get();
    }

    /** Makes {@code backend} the default for tensors created on this thread until the returned handle closes. */
    public static Use use(Backend backend) {
        Backend previous = OVERRIDE.get();
        OVERRIDE.set(backend);
        return new Use(previous);
    }

    /** Restores the previous default backend of the thread that opened it. */
    public static final class Use implements AutoCloseable {
        private final Backend previous;

        private Use(Backend previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(previous);
            }
        }
    }
}
