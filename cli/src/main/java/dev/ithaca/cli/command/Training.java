package dev.ithaca.cli.command;

import dev.ithaca.cli.CliException;
import dev.ithaca.cli.FailureReport;
import dev.ithaca.cli.build.DataShape;
import dev.ithaca.cli.build.PreparedData;
import dev.ithaca.cli.build.TrainingRun;
import dev.ithaca.cli.config.RunConfig;
import dev.ithaca.cli.report.HtmlReport;
import dev.ithaca.cli.report.TrainingMetrics;
import dev.ithaca.spi.Backend;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Trains a prepared run and records it: the part {@code train} and {@code pipeline} share. */
public final class Training {
    private Training() {
    }

    /** A finished run and the metrics of its final model. */
    public record Trained(TrainingRun run, Map<String, Double> finals) {
    }

    /**
     * Fits (continuing the last checkpoint when {@code resume} and one exists), then measures the final
     * model and fills {@code metrics}. A diverged run writes its reports and fails with exit code 3.
     */
    public static Trained fit(RunConfig config, PreparedData data, Backend backend, boolean resume, TrainingMetrics metrics,
                           PrintWriter out, PrintStream progress) {
        TrainingRun run = TrainingRun.create(config, data, backend, config.outputDir(), progress);
        metrics.model(run.model());
        metrics.data(data.facts());
        Path resumeFrom = null;
        if (resume) {
            resumeFrom = run.lastCheckpoint().orElse(null);
            out.println(resumeFrom != null ? "Resuming from " + resumeFrom : "No checkpoint in " + run.checkpointDir()
                    + " to resume from; training from the start");
        }
        out.printf(Locale.ROOT, "Training %s (%,d parameters) on %s: %d epochs of %d batches%n",
                run.model().getClass().getSimpleName(), run.model().parameterCount(), backend.name(), config.training().epochs(),
                run.trainBatchesPerEpoch());
        out.flush();
        TrainingRun.Outcome outcome = run.fit(resumeFrom);
        boolean lm = data.shape().kind() == DataShape.Kind.TOKENS;
        metrics.epochs(outcome.history(), lm ? (int) data.shape().exampleShape()[0] : 1);
        if (outcome.divergence().isPresent()) {
            String reason = outcome.divergence().get();
            metrics.outcome("diverged", reason);
            writeReports(config.outputDir(), metrics);
            throw CliException.diverged("training diverged: " + reason + ". Lower optimizer.lr (now " + config.optimizer().lr()
                    + ") or set training.gradient_clip_val; reports are in " + config.outputDir());
        }
        Map<String, Double> finals = new LinkedHashMap<>(run.validate());
        if (lm && finals.containsKey("val_loss") && !finals.containsKey("val_perplexity")) {
            finals.put("val_perplexity", Math.exp(finals.get("val_loss")));
        }
        Map<String, Double> last = outcome.history().isEmpty() ? Map.of() : outcome.history().last();
        if (last.containsKey("train_loss")) {
            finals.put("train_loss", last.get("train_loss"));
        }
        finals.putAll(run.test());
        metrics.finalMetrics(finals);
        metrics.outcome(outcome.earlyStop().isPresent() ? "early_stopped" : "completed", outcome.earlyStop().orElse(null));
        return new Trained(run, finals);
    }

    /** Writes training_metrics.json and report.html (with its charts); failures are exit code 4. */
    public static void writeReports(Path dir, TrainingMetrics metrics) {
        try {
            metrics.write(dir);
            HtmlReport.write(dir, metrics.json());
        } catch (IOException e) {
            throw CliException.io("cannot write the reports into " + dir + ": " + FailureReport.describe(e), e);
        }
    }

    static void printFinal(PrintWriter out, Map<String, Double> finals) {
        StringBuilder line = new StringBuilder("Final:");
        finals.forEach((k, v) -> line.append(' ').append(k).append('=').append(String.format(Locale.ROOT, "%.4f", v)));
        out.println(line);
    }
}
