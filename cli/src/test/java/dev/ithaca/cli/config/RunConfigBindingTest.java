package dev.ithaca.cli.config;

import dev.ithaca.cli.config.bind.ConfigException;
import dev.ithaca.cli.config.bind.ConfigReader;
import dev.ithaca.cli.config.bind.ConfigTree;
import dev.ithaca.cli.config.bind.Overrides;
import dev.ithaca.cli.config.bind.Problems;
import dev.ithaca.models.Activation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunConfigBindingTest {
    private static final String MLP = """
            data:
              type: idx
              train_images: train-images.idx3
              train_labels: train-labels.idx1
            model:
              type: mlp
              hidden_sizes: [64, 32]
            optimizer:
              type: adamw
              lr: 1e-3
            """;

    static RunConfig read(String yaml, String... sets) throws ConfigException {
        Problems problems = new Problems();
        Overrides overrides = Overrides.parse(List.of(sets), problems);
        problems.throwIfAny("--set");
        return ConfigReader.read("test.yaml", yaml, overrides, RunConfig.class);
    }

    static String errorOf(String yaml, String... sets) {
        try {
            read(yaml, sets);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException for\n" + yaml);
    }

    @Test
    void bindsGivenValuesAndFillsEveryDefault() throws ConfigException {
        RunConfig config = read(MLP);

        assertThat(config.data()).isEqualTo(new DataConfig.Idx(Path.of("train-images.idx3"), Path.of("train-labels.idx1"),
                null, null, 0.1));
        assertThat(config.model()).isEqualTo(new ModelConfig.Mlp(List.of(64, 32), Activation.RELU, 0.0, true));
        OptimizerConfig.AdamW adamw = (OptimizerConfig.AdamW) config.optimizer();
        assertThat(adamw.lr()).isEqualTo(0.001);   // "1e-3" is a string in YAML 1.1 and still binds as a number
        assertThat(adamw.betas()).containsExactly(0.9, 0.999);
        assertThat(adamw.weightDecay()).isEqualTo(0.01);
        assertThat(config.scheduler()).isNull();
        assertThat(config.training().epochs()).isEqualTo(10);
        assertThat(config.training().gradientClipVal()).isNull();
        assertThat(config.callbacks().checkpoint().enabled()).isTrue();
        assertThat(config.backend()).isEqualTo("auto");
        assertThat(config.outputDir()).isEqualTo(Path.of("runs/ithaca"));
    }

    @Test
    void outOfRangeValueNamesPathValueAndRange() {
        assertThat(errorOf(MLP.replace("lr: 1e-3", "lr: -0.1"))).contains("optimizer.lr: must be > 0, got -0.1");
        assertThat(errorOf(MLP + "training:\n  epochs: 0\n")).contains("training.epochs: must be >= 1, got 0");
        assertThat(errorOf(MLP.replace("type: idx", "type: idx\n  validation_fraction: 1.5")))
                .contains("data.validation_fraction: must be in [0, 1), got 1.5");
    }

    @Test
    void unknownKeySuggestsTheClosestKnownKey() {
        String message = errorOf(MLP.replace("lr: 1e-3", "lrr: 1e-3"));
        assertThat(message).contains("optimizer.lrr: unknown key for type 'adamw'. Did you mean 'lr'?")
                .contains("Known keys: type, lr, betas, eps, weight_decay, amsgrad, maximize, flush_denormals.");
        assertThat(errorOf(MLP + "trainig:\n  epochs: 3\n")).contains("trainig: unknown key. Did you mean 'training'?");
        assertThat(errorOf(MLP + "training:\n  batchsize: 3\n")).contains("training.batchsize: unknown key. Did you mean 'batch_size'?");
    }

    @Test
    void unknownKeyFarFromEveryKnownKeyGetsNoSuggestion() {
        assertThat(errorOf(MLP + "zzzzzzzz: 1\n")).contains("zzzzzzzz: unknown key. Known keys:").doesNotContain("Did you mean");
    }

    @Test
    void unknownVariantListsTheAllowedOnes() {
        assertThat(errorOf(MLP.replace("type: adamw", "type: adamx")))
                .contains("optimizer.type: unknown value 'adamx'; allowed: sgd, adam, adamw, rmsprop, adagrad. Did you mean 'adam'?");
    }

    @Test
    void keysOfAnotherVariantAreRejected() {
        assertThat(errorOf(MLP.replace("lr: 1e-3", "lr: 1e-3\n  momentum: 0.9")))
                .contains("optimizer.momentum: unknown key for type 'adamw'");
    }

    @Test
    void missingRequiredKeysAndWrongTypesAreAllReportedAtOnce() {
        String message = errorOf("""
                data:
                  type: idx
                  train_images: a
                model:
                  type: mlp
                  hidden_sizes: wide
                optimizer:
                  type: sgd
                  nesterov: maybe
                training:
                  batch_size: 2.5
                """);
        assertThat(message).contains("(4 problems)")
                .contains("data.train_labels: missing; this key is required")
                .contains("model.hidden_sizes: expected a list (list of integer), got 'wide'")
                .contains("optimizer.nesterov: expected true or false, got 'maybe'")
                .contains("training.batch_size: expected an integer, got 2.5");
    }

    @Test
    void listElementsAreCheckedWithTheirIndex() {
        assertThat(errorOf(MLP.replace("[64, 32]", "[64, 0]"))).contains("model.hidden_sizes[1]: must be >= 1, got 0");
    }

    @Test
    void crossKeyRulesReportTheRightPath() {
        assertThat(errorOf(MLP.replace("type: adamw\n  lr: 1e-3", "type: sgd\n  nesterov: true")))
                .contains("optimizer.nesterov: needs momentum > 0 and dampening 0");
        assertThat(errorOf(MLP.replace("type: mlp\n  hidden_sizes: [64, 32]", "type: gpt")))
                .contains("model.type: gpt is a language model and needs data of type text, got data of type idx");
        assertThat(errorOf(MLP + "metrics: [perplexity]\n")).contains("metrics[0]: perplexity is for language models");
        assertThat(errorOf(MLP + "callbacks:\n  early_stopping: {enabled: true, monitor: val_acc}\n"))
                .contains("callbacks.early_stopping.monitor: unknown metric 'val_acc'; this run reports train_loss, val_loss.");
    }

    @Test
    void sequentialSchedulerNeedsOneMilestonePerSwitch() {
        String message = errorOf(MLP + """
                scheduler:
                  type: sequential
                  schedulers: [{type: warmup, warmup_steps: 5}, cosine]
                  milestones: [5, 9]
                """);
        assertThat(message).contains("scheduler.milestones: needs 1 value(s), one per switch between the 2 schedulers, got 2");
    }

    @Test
    void bareVariantNameMeansEveryDefault() throws ConfigException {
        RunConfig config = read(MLP + "metrics: [accuracy, {type: f1, average: weighted}]\nscheduler: cosine\n");
        assertThat(config.metrics()).containsExactly(new MetricConfig.Accuracy(1, MetricConfig.Average.MICRO),
                new MetricConfig.F1(MetricConfig.Average.WEIGHTED));
        assertThat(config.scheduler()).isEqualTo(new SchedulerConfig.Cosine(null, 0.0));
    }

    @Test
    void setOverridesCoerceToTheKeyType() throws ConfigException {
        RunConfig config = read(MLP, "optimizer.lr=0.05", "training.epochs=3", "training.shuffle=no",
                "model.hidden_sizes=[512, 256]", "training.gradient_clip_val=1", "callbacks.early_stopping.enabled=true",
                "callbacks.early_stopping.monitor=val_loss", "output_dir=/tmp/run");

        assertThat(config.optimizer().lr()).isEqualTo(0.05);
        assertThat(config.training().epochs()).isEqualTo(3);
        assertThat(config.training().shuffle()).isFalse();
        assertThat(((ModelConfig.Mlp) config.model()).hiddenSizes()).containsExactly(512, 256);
        assertThat(config.training().gradientClipVal()).isEqualTo(1.0);
        assertThat(config.callbacks().earlyStopping().enabled()).isTrue();
        assertThat(config.outputDir()).isEqualTo(Path.of("/tmp/run"));
    }

    @Test
    void setCanSwitchVariantsAndRemoveKeys() throws ConfigException {
        RunConfig config = read(MLP + "scheduler: {type: step, step_size: 3}\n", "optimizer={type: sgd, lr: 0.1, momentum: 0.9}",
                "scheduler=null", "metrics=[{type: accuracy}]", "metrics.0.top_k=3");
        assertThat(config.optimizer()).isInstanceOf(OptimizerConfig.Sgd.class);
        assertThat(((OptimizerConfig.Sgd) config.optimizer()).momentum()).isEqualTo(0.9);
        assertThat(config.scheduler()).isNull();
        assertThat(config.metrics()).containsExactly(new MetricConfig.Accuracy(3, MetricConfig.Average.MICRO));
    }

    @Test
    void badSetValuesGetTheSameChecksAndSayWhereTheyCameFrom() {
        assertThat(errorOf(MLP, "training.epochs=abc"))
                .contains("training.epochs: expected an integer, got 'abc' (from --set training.epochs=abc)");
        assertThat(errorOf(MLP, "optimizer.lr=-1")).contains("optimizer.lr: must be > 0, got -1 (from --set optimizer.lr=-1)");
        assertThat(errorOf(MLP, "optimizer.lrr=0.1"))
                .contains("optimizer.lrr: unknown key for type 'adamw'. Did you mean 'lr'?").contains("(from --set optimizer.lrr=0.1)");
        assertThat(errorOf(MLP, "optimizer.lr.x=1")).contains("optimizer.lr: is 0.001, not a section, so it has no key 'x' (from --set optimizer.lr.x=1)");
    }

    @Test
    void malformedSetIsReported() {
        assertThatThrownBy(() -> read(MLP, "optimizer.lr")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--set: expected key=value with a dotted key such as optimizer.lr=0.01, got 'optimizer.lr'");
        assertThatThrownBy(() -> read(MLP, "=3")).hasMessageContaining("got '=3'");
    }

    @Test
    void yamlSyntaxErrorsGiveTheLine() {
        assertThat(errorOf("data:\n  type: idx\n  train_images: [a\nmodel: mlp\n")).contains("YAML syntax error at line");
        assertThat(errorOf("- just\n- a list\n")).contains("the document must be a mapping of sections");
    }

    @Test
    void resolvedTreeBindsBackToAnEqualConfig() throws ConfigException {
        RunConfig config = read(MLP + "scheduler: {type: sequential, schedulers: [{type: warmup, warmup_steps: 2}, cosine],"
                + " milestones: [2]}\nmetrics: [accuracy]\n");
        String resolved = ConfigTree.of(config).toString();
        RunConfig again = ConfigReader.read("resolved", resolved, new Overrides(), RunConfig.class);
        assertThat(again).isEqualTo(config);
        assertThat(ConfigTree.flatten(ConfigTree.of(config))).containsEntry("optimizer.lr", 0.001)
                .containsEntry("training.batch_size", 32L).containsEntry("scheduler.schedulers.0.warmup_steps", 2L)
                .containsEntry("model.hidden_sizes", "[64,32]");
    }
}
