package dev.ithaca.autograd;

/** Whether ops on this thread record their history (on unless inside {@link NoGrad}). */
public final class GradMode {
    private static final ThreadLocal<Boolean> DISABLED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private GradMode() {
    }

    public static boolean isEnabled() {
        return !DISABLED.get();
    }

    static void setEnabled(boolean enabled) {
        DISABLED.set(!enabled);
    }
}
