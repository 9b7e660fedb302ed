package dev.ithaca.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Frees, when it closes, every tensor created inside it on this thread except those handed to
 * {@link #detach}. Scopes nest: a detached tensor moves to the enclosing scope (or, at the top,
 * belongs to nobody and lives until closed or collected).
 *
 * <pre>{@code
 * try (Scope scope = Scope.open()) {
 *     Tensor y = x.mul(2).add(1).relu();   // intermediates die with the scope
 *     return scope.detach(y);              // y survives
 * }
 * }</pre>
 *
 * <p>Autograd keeps its own handles on the tensors an op saves for backward, created in the scope
 * open when the op ran: run {@code backward()} before that scope closes. Layers therefore free
 * their intermediates with {@link dev.ithaca.nn.Temporaries} rather than a nested scope.
 */
public final class Scope implements AutoCloseable {
    private static final ThreadLocal<Scope> INNERMOST = new ThreadLocal<>();

    private final Scope parent;
    private final Thread owner = Thread.currentThread();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private boolean closed;

    private Scope(Scope parent) {
        this.parent = parent;
    }

    /** Opens a scope nested in this thread's innermost one. */
    public static Scope open() {
        Scope scope = new Scope(INNERMOST.get());
        INNERMOST.set(scope);
        return scope;
    }

    /** Called by resource constructors: puts the resource under this thread's innermost scope, if any. */
    public static void track(AutoCloseable resource) {
        Scope scope = INNERMOST.get();
        if (scope != null) {
            scope.resources.add(resource);
        }
    }

    /**
     * Takes {@code resource} out of whichever open scope on this thread tracks it, so only its
     * new owner frees it (autograd uses this for gradients that belong to a parameter).
     */
    public static void untrack(AutoCloseable resource) {
        for (Scope scope = INNERMOST.get(); scope != null; scope = scope.parent) {
            int i = scope.lastIndexOf(resource);
            if (i >= 0) {
                scope.resources.set(i, null);
                return;
            }
        }
    }

    /** True when a scope is open on this thread. */
    public static boolean isActive() {
        return INNERMOST.get() != null;
    }

    /**
     * Keeps {@code resource} alive past this scope: it moves to the enclosing scope, or is owned
     * by the caller when this is the outermost one.
     */
    public <T extends AutoCloseable> T detach(T resource) {
        checkOpen();
        int i = lastIndexOf(resource);
        if (i < 0) {
            throw new IllegalArgumentException("detach: " + resource + " was not created in this scope"
                    + " (it is already owned elsewhere, or was created on another thread)");
        }
        resources.set(i, null);
        if (parent != null) {
            parent.resources.add(resource);
        }
        return resource;
    }

    /** Number of live resources this scope will free. */
    public int size() {
        int n = 0;
        for (AutoCloseable r : resources) {
            if (r != null) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("Scope opened on thread '" + owner.getName()
                    + "' must be closed on that thread, not '" + Thread.currentThread().getName() + "'");
        }
        if (INNERMOST.get() != this) {
            throw new IllegalStateException("Scopes must close innermost first; a nested scope opened inside this one is still open");
        }
        closed = true;
        if (parent == null) {
            INNERMOST.remove();
        } else {
            INNERMOST.set(parent);
        }
        RuntimeException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            AutoCloseable r = resources.get(i);
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Scope could not free " + r, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        resources.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private int lastIndexOf(AutoCloseable resource) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            if (resources.get(i) == resource) {
                return i;
            }
        }
        return -1;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Scope is already closed");
        }
    }
}
