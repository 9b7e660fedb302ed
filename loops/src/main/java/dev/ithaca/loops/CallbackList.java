package dev.ithaca.loops;

import dev.ithaca.train.Callback;
import dev.ithaca.train.CallbackSignal;
import dev.ithaca.train.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.BiFunction;

/** Calls one hook on every callback in order and folds their answers: every callback sees every hook, the first STOP wins. */
final class CallbackList {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackList.class);

    private final List<Callback> callbacks;

    CallbackList(List<Callback> callbacks) {
        this.callbacks = List.copyOf(callbacks);
    }

    List<Callback> asList() {
        return callbacks;
    }

    CallbackSignal call(String hook, BiFunction<Callback, TrainingState, CallbackSignal> method, TrainingState state) {
        CallbackSignal folded = CallbackSignal.CONTINUE;
        for (Callback callback : callbacks) {
            CallbackSignal signal = method.apply(callback, state);
            if (signal == null) {
                throw new IllegalStateException(callback.getClass().getName() + "." + hook
                        + " returned null; return CallbackSignal.CONTINUE or CallbackSignal.STOP");
            }
            if (signal == CallbackSignal.STOP) {
                LOG.info("{} asked to stop in {} (epoch {}, batch {}, global step {})", callback.getClass().getSimpleName(), hook,
                        state.epoch(), state.batchIndex(), state.globalStep());
            }
            folded = folded.and(signal);
        }
        return folded;
    }

    /** Tells every callback about {@code error}; a callback that fails here is recorded on {@code error}, not thrown. */
    void onException(TrainingState state, Throwable error) {
        for (Callback callback : callbacks) {
            try {
                callback.onException(state, error);
            } catch (RuntimeException | Error e) {
                error.addSuppressed(e);
            }
        }
    }
}
