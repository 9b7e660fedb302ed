package dev.ithaca.autograd;

/**
 * Turns history recording off on this thread until closed, as {@code torch.no_grad()}: results
 * of ops inside have no {@code gradFn} and need no saved tensors.
 *
 * <pre>{@code
 * try (NoGrad ignored = NoGrad.enter()) {
 *     Tensor predictions = model.forward(x);
 * }
 * }</pre>
 */
public final class NoGrad implements AutoCloseable {
    private final boolean previous;
    private boolean closed;

    private NoGrad(boolean previous) {
        this.previous = previous;
    }

    public static NoGrad enter() {
        NoGrad scope = new NoGrad(GradMode.isEnabled());
        GradMode.setEnabled(false);
        return scope;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            GradMode.setEnabled(previous);
        }
    }
}
