package dev.ithaca.callbacks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ithaca.train.Callback;
import dev.ithaca.train.CallbackSignal;
import dev.ithaca.train.TrainingState;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Shows training progress and keeps a metrics log.
 *
 * <ul>
 *   <li>A console progress bar per epoch (the progressbar library): {@code Epoch 3/10}, batches
 *       done of the total, throughput, ETA, and the live loss and training metrics; at the epoch's
 *       end it shows every metric, validation included. This is the one callback that writes to a
 *       stream, being a UI: {@link System#err} unless another is given.</li>
 *   <li>A JSON-lines file, when given: one object per epoch ({@code "event":"epoch"}) and, with
 *       {@code logEveryNSteps}, one every n steps ({@code "event":"step"}), each with {@code epoch},
 *       {@code step} and the metrics. It is appended to, so a resumed run continues it. Non-finite
 *       values are written as the strings {@code "NaN"}, {@code "Infinity"}.</li>
 *   <li>Quiet mode, for non-interactive runs (CI, batch jobs): no bar, only the file.</li>
 * </ul>
 */
public final class LoggingCallback implements Callback, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingCallback.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final Path logFile;
    private final int logEveryNSteps;
    private final boolean quiet;
    private final int updateIntervalMillis;
    private final int barWidth;

    private ProgressBar bar;
    private BufferedWriter writer;
    private long epochStartNanos;

    /** A bar on {@link System#err}, no log file. */
    public LoggingCallback() {
        this(builder());
    }

    private LoggingCallback(Builder b) {
        this.out = b.out;
        this.logFile = b.logFile;
        this.logEveryNSteps = b.logEveryNSteps;
        this.quiet = b.quiet;
        this.updateIntervalMillis = b.updateIntervalMillis;
        this.barWidth = b.barWidth;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Stateless: the log file is appended to and the bar starts afresh after a resume. */
    @Override
    public String stateKey() {
        return "LoggingCallback{" + logFile + "}";
    }

    // ---- hooks -----------------------------------------------------------------------------------

    @Override
    public CallbackSignal onEpochBegin(TrainingState state) {
        epochStartNanos = System.nanoTime();
        if (!quiet) {
            closeBar();
            String epochs = state.maxEpochs() > 0 ? "/" + state.maxEpochs() : "";
            bar = new ProgressBarBuilder()
                    .setTaskName("Epoch " + (state.epoch() + 1) + epochs)
                    .setInitialMax(state.batchesPerEpoch())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" it", 1)
                    .showSpeed()
                    .setUpdateIntervalMillis(updateIntervalMillis)
                    .setConsumer(new ConsoleProgressBarConsumer(out, barWidth))
                    .build();
        }
        return CallbackSignal.CONTINUE;
    }

    @Override
    public CallbackSignal onBatchEnd(TrainingState state) {
        if (bar != null) {
            bar.stepTo(state.batchIndex() + 1);
            bar.setExtraMessage(describe(state.metrics(), false));
        }
        if (logEveryNSteps > 0 && state.globalStep() % logEveryNSteps == 0) {
            writeLine("step", state);
        }
        return CallbackSignal.CONTINUE;
    }

    @Override
    public CallbackSignal onEpochEnd(TrainingState state) {
        if (bar != null) {
            bar.setExtraMessage(describe(state.metrics(), true));
            closeBar();
        }
        writeLine("epoch", state);
        return CallbackSignal.CONTINUE;
    }

    @Override
    public CallbackSignal onTrainEnd(TrainingState state) {
        close();
        return CallbackSignal.CONTINUE;
    }

    @Override
    public CallbackSignal onException(TrainingState state, Throwable error) {
        close();
        return CallbackSignal.CONTINUE;
    }

    /** Finishes the bar and closes the log file; a later hook reopens the file for appending. */
    @Override
    public void close() {
        closeBar();
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.warn("LoggingCallback: could not close {}: {}", logFile, e.toString());
            }
            writer = null;
        }
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** {@code loss=0.2315 acc=0.9120}: training metrics during the epoch, all of them at its end. */
    static String describe(Map<String, Double> metrics, boolean all) {
        StringBuilder text = new StringBuilder();
        Map<String, Double> sorted = new TreeMap<>(metrics);
        Double loss = sorted.remove("loss");
        if (loss != null) {
            text.append("loss=").append(number(loss));
        }
        sorted.forEach((key, value) -> {
            if (all || !key.startsWith("val_")) {
                text.append(text.isEmpty() ? "" : " ").append(key).append('=').append(number(value));
            }
        });
        return text.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }

    // ---- JSON lines ------------------------------------------------------------------------------

    private void writeLine(String event, TrainingState state) {
        if (logFile == null) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.put("epoch", state.epoch());
        line.put("step", state.globalStep());
        if (event.equals("epoch")) {
            line.put("epoch_seconds", (System.nanoTime() - epochStartNanos) / 1e9);
        }
        line.putAll(new TreeMap<>(state.metrics()));
        try {
            if (writer == null) {
                Path parent = logFile.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                writer = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            writer.write(JSON.writeValueAsString(line));
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("LoggingCallback: could not write to " + logFile + ": " + e.getMessage(), e);
        }
    }

    /** Options: bar on System.err, no file, no step lines, not quiet. */
    public static final class Builder {
        private PrintStream out = System.err;
        private Path logFile;
        private int logEveryNSteps;
        private boolean quiet;
        private int updateIntervalMillis = 250;
        private int barWidth = 120;

        private Builder() {
        }

        /** Where the progress bar is drawn. */
        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /** The JSON-lines metrics file (appended to); none by default. */
        public Builder logFile(Path logFile) {
            this.logFile = Objects.requireNonNull(logFile, "logFile");
            return this;
        }

        /** Also write a line every n optimizer steps; 0 (the default) writes per epoch only. */
        public Builder logEveryNSteps(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("LoggingCallback: logEveryNSteps must be >= 0, got " + n);
            }
            this.logEveryNSteps = n;
            return this;
        }

        /** No progress bar; only the log file. */
        public Builder quiet(boolean quiet) {
            this.quiet = quiet;
            return this;
        }

        /** How often the bar redraws, in milliseconds (at least 1). */
        public Builder updateIntervalMillis(int millis) {
            if (millis < 1) {
                throw new IllegalArgumentException("LoggingCallback: updateIntervalMillis must be >= 1, got " + millis);
            }
            this.updateIntervalMillis = millis;
            return this;
        }

        /** Width of the bar line in characters (at least 40). */
        public Builder barWidth(int width) {
            if (width < 40) {
                throw new IllegalArgumentException("LoggingCallback: barWidth must be >= 40, got " + width);
            }
            this.barWidth = width;
            return this;
        }

        public LoggingCallback build() {
            return new LoggingCallback(this);
        }
    }
}
