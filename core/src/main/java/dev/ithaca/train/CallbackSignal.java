package dev.ithaca.train;

/** What a callback asks of the training loop after a hook: go on, or stop (the first STOP wins). */
public enum CallbackSignal {
    CONTINUE,
    STOP;

    /** STOP if either is STOP, so a loop can fold the answers of several callbacks. */
    public CallbackSignal and(CallbackSignal other) {
        return this == STOP || other == STOP ? STOP : CONTINUE;
    }
}
