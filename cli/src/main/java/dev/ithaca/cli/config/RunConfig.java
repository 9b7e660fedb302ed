package dev.ithaca.cli.config;

import dev.ithaca.cli.config.bind.Checked;
import dev.ithaca.cli.config.bind.ConfigTypes;
import dev.ithaca.cli.config.bind.Key;
import dev.ithaca.cli.config.bind.Problems;
import dev.ithaca.cli.config.bind.Section;
import dev.ithaca.cli.config.bind.Suggestions;

import java.nio.file.Path;
import java.util.List;

/** A whole run: what {@code ithaca train}, {@code evaluate}, {@code generate} and {@code pipeline} read from YAML. */
@Section(doc = "A run configuration: the YAML file given to `--config`.")
public record RunConfig(
        @Key(doc = "The dataset.") DataConfig data,
        @Key(doc = "The tokenizer (text data only).", defaultValue = "{}") TokenizerConfig tokenizer,
        @Key(doc = "The model.") ModelConfig model,
        @Key(doc = "The optimizer.") OptimizerConfig optimizer,
        @Key(doc = "The learning-rate schedule; unset keeps the optimizer's lr constant.", defaultValue = Key.UNSET)
        SchedulerConfig scheduler,
        @Key(doc = "The training loop.", defaultValue = "{}") TrainingConfig training,
        @Key(doc = "Callbacks.", defaultValue = "{}") CallbacksConfig callbacks,
        @Key(doc = "Validation and test metrics besides the loss.", defaultValue = "[]") List<MetricConfig> metrics,
        @Key(doc = "Text generation (language models).", defaultValue = "{}") GenerationConfig generation,
        @Key(doc = "`auto` (CUDA when a GPU is usable, else CPU), `cpu` or `cuda`. The `ithaca.backend` system property and the"
                + " `ITHACA_BACKEND` environment variable take precedence.", defaultValue = "auto") String backend,
        @Key(doc = "Directory of every output: checkpoints, tokenizer, training_metrics.json, report.html.",
                defaultValue = "runs/ithaca") Path outputDir) implements Checked {

    public boolean isLanguageModel() {
        return model instanceof ModelConfig.Gpt;
    }

    /** Whether the run predicts numbers (csv data with task regression) rather than classes or tokens. */
    public boolean isRegression() {
        return data instanceof DataConfig.Csv csv && csv.task() == DataConfig.Csv.Task.REGRESSION;
    }

    /** Whether the data holds out a validation set. */
    public boolean hasValidation() {
        return data.validationFraction() > 0;
    }

    @Override
    public void check(Problems problems) {
        if (!backend.matches("[a-z][a-z0-9_-]*")) {
            problems.add("backend", "must be auto or a backend name such as cpu or cuda, got '" + backend + "'");
        }
        boolean text = data instanceof DataConfig.Text;
        if (text != isLanguageModel()) {
            problems.add("model.type", text
                    ? "text data trains a language model: use type gpt, got " + typeName(model)
                    : "gpt is a language model and needs data of type text, got data of type " + typeName(data));
        }
        if (model instanceof ModelConfig.LeNet5 && !(data instanceof DataConfig.Idx || data instanceof DataConfig.FashionMnist)) {
            problems.add("model.type", "lenet5 needs image data (idx or fashion_mnist), got data of type " + typeName(data));
        }
        checkMetrics(problems);
        checkMonitor(problems, "callbacks.early_stopping.monitor", callbacks.earlyStopping().enabled(), callbacks.earlyStopping().monitor());
        CallbacksConfig.Checkpoint checkpoint = callbacks.checkpoint();
        checkMonitor(problems, "callbacks.checkpoint.monitor", checkpoint.enabled() && checkpoint.monitor() != null, checkpoint.monitor());
        if (scheduler instanceof SchedulerConfig.ReduceOnPlateau plateau) {
            checkMonitor(problems, "scheduler.monitor", true, plateau.monitor());
            if (training.schedulerInterval() == TrainingConfig.Interval.STEP) {
                problems.add("training.scheduler_interval", "reduce_on_plateau steps after each validation, so it needs epoch, got step");
            }
        }
    }

    private void checkMetrics(Problems problems) {
        for (int i = 0; i < metrics.size(); i++) {
            MetricConfig metric = metrics.get(i);
            boolean lmMetric = metric instanceof MetricConfig.Perplexity;
            boolean regression = metric instanceof MetricConfig.Mse || metric instanceof MetricConfig.Mae;
            if (lmMetric != isLanguageModel()) {
                problems.add("metrics[" + i + "]", lmMetric
                        ? "perplexity is for language models (model type gpt), got model type " + typeName(model)
                        : metric.reportName() + " does not apply to a language model; use perplexity");
            } else if (regression != isRegression()) {
                problems.add("metrics[" + i + "]", regression
                        ? metric.reportName() + " is a regression metric; it needs csv data with task: regression"
                        : metric.reportName() + " is a classification metric; a regression run can use mse or mae");
            }
            for (int j = 0; j < i; j++) {
                if (metrics.get(j).reportName().equals(metric.reportName())) {
                    problems.add("metrics[" + i + "]", "'" + metric.reportName() + "' is listed twice (also metrics[" + j + "])");
                }
            }
        }
    }

    private void checkMonitor(Problems problems, String path, boolean active, String monitor) {
        if (!active) {
            return;
        }
        if (monitor.startsWith("val_") && !hasValidation()) {
            problems.add(path, "'" + monitor + "' needs validation data, but data.validation_fraction is 0;"
                    + " set it above 0 or monitor 'train_loss'");
            return;
        }
        List<String> known = monitorable();
        if (!known.contains(monitor)) {
            problems.add(path, "unknown metric '" + monitor + "'; this run reports " + String.join(", ", known) + "."
                    + Suggestions.didYouMean(monitor, known));
        }
    }

    /** Every metric name a callback can watch in this run (the Trainer's epoch values). */
    public List<String> monitorable() {
        List<String> names = new java.util.ArrayList<>(List.of("train_loss"));
        metrics.forEach(m -> names.add(m.reportName()));
        if (hasValidation()) {
            names.add("val_loss");
            metrics.forEach(m -> names.add("val_" + m.reportName()));
        }
        return names;
    }

    private static String typeName(Object variant) {
        return ConfigTypes.variantName(variant);
    }
}
