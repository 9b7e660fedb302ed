package dev.ithaca.spi;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/** Providers with scripted availability, for registry and injection tests (core has no real backend). */
public final class FakeProviders {
    private FakeProviders() {
    }

    /** A provider whose backend answers only {@code name()}; {@code created} counts create() calls. */
    public static BackendProvider provider(String name, int priority, Availability availability, AtomicInteger created) {
        return new BackendProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public Availability availability() {
                return availability;
            }

            @Override
            public Backend create() {
                created.incrementAndGet();
                return backendNamed(name);
            }
        };
    }

    /** A provider whose probe breaks its contract by throwing a link error. */
    public static BackendProvider throwingProbe(String name) {
        return new BackendProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int priority() {
                return 100;
            }

            @Override
            public Availability availability() {
                throw new UnsatisfiedLinkError("libfake.so: cannot open shared object file");
            }

            @Override
            public Backend create() {
                throw new AssertionError("must not be created");
            }
        };
    }

    static Backend backendNamed(String name) {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name", "toString" -> name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("fake backend has no " + method.getName());
                });
    }
}
