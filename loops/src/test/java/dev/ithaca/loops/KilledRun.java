package dev.ithaca.loops;

import dev.ithaca.callbacks.ModelCheckpoint;
import dev.ithaca.spi.Backends;
import dev.ithaca.train.Callback;
import dev.ithaca.train.CallbackSignal;
import dev.ithaca.train.TrainingState;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The child JVM of {@code CheckpointingTest}'s kill test: trains {@link ResumeScenario} with a
 * {@link ModelCheckpoint} saving {@code last.safetensors} every 3 optimizer steps, prints
 * {@code step N} on stdout after each new optimizer step, and at step {@code haltAt} waits to be
 * killed. Arguments: the checkpoint folder and {@code haltAt}.
 */
@SuppressWarnings("try") // scopes, NoGrad and Backends.use work by being open
public final class KilledRun {
    private KilledRun() {
    }

    /** The callbacks both the child and the parent's runs use, so checkpoint state keys match. */
    static List<Callback> callbacks(Path dir, PrintStream out, long haltAt) {
        return List.of(ModelCheckpoint.builder(dir).everyNSteps(3).saveTopK(0).saveLast(true).build(), new StepReporter(out, haltAt));
    }

    static List<Callback> quietCallbacks(Path dir) {
        return callbacks(dir, new PrintStream(OutputStream.nullOutputStream()), -1);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long haltAt = Long.parseLong(args[1]);
        try (Backends.Use cpu = Backends.use(Backends.get("cpu"));
             ResumeScenario run = new ResumeScenario(1, callbacks(dir, System.out, haltAt))) {
            run.fit(null);
        }
        System.out.println("finished");
    }

    /** Reports each new optimizer step after the checkpoint callback ran; blocks for good at {@code haltAt}. */
    private static final class StepReporter implements Callback {
        private final PrintStream out;
        private final long haltAt;
        private long reported = -1;

        StepReporter(PrintStream out, long haltAt) {
            this.out = out;
            this.haltAt = haltAt;
        }

        @Override
        public CallbackSignal onBatchEnd(TrainingState state) {
            if (state.globalStep() > reported) {
                reported = state.globalStep();
                out.println("step " + reported);
                out.flush();
                if (reported == haltAt) {
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            return CallbackSignal.CONTINUE;
        }
    }
}
