package dev.ithaca.loops;

import dev.ithaca.metrics.Accuracy;
import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.optim.SGD;
import dev.ithaca.train.Callback;
import dev.ithaca.train.CallbackSignal;
import dev.ithaca.train.TrainingState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The builder: required parts, ranges and exclusive options, each refused with a message naming the argument and value. */
class TrainerInitializationTest extends CpuTest {
    private Sequential model;
    private SGD sgd;

    @BeforeEach
    void build() {
        model = own(Models.mlp(1, 4, 8, 3));
        sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
    }

    private Trainer.Builder complete() {
        return Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).maxEpochs(1);
    }

    @Test
    void modelLossAndOptimizerAreRequired() {
        assertThatThrownBy(() -> Trainer.builder().loss(new CrossEntropyLoss()).optimizer(sgd).maxEpochs(1).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("Trainer: model(...) is required; set it before build()");
        assertThatThrownBy(() -> Trainer.builder().model(model).optimizer(sgd).maxEpochs(1).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("loss(...) is required");
        assertThatThrownBy(() -> Trainer.builder().model(model).loss(new CrossEntropyLoss()).maxEpochs(1).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("optimizer(...) is required");
        assertThatThrownBy(() -> Trainer.builder().maxEpochs(1).build())
                .hasMessage("Trainer: model(...), loss(...), optimizer(...) are required; set them before build()");
    }

    @Test
    void trainingMustBeBoundedByEpochsOrSteps() {
        assertThatThrownBy(() -> Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set maxEpochs(...) or maxSteps(...)");
        assertThatThrownBy(() -> complete().maxEpochs(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Trainer: maxEpochs must be >= 1, got 0");
        assertThatThrownBy(() -> complete().maxEpochs(-3)).hasMessage("Trainer: maxEpochs must be >= 1, got -3");
        assertThatThrownBy(() -> complete().maxSteps(0)).hasMessage("Trainer: maxSteps must be >= 1, got 0");
        assertThat(Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).maxSteps(5).build()).isNotNull();
    }

    @Test
    void numericOptionsAreRangeChecked() {
        assertThatThrownBy(() -> complete().accumulateGradBatches(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Trainer: accumulateGradBatches must be >= 1, got 0");
        assertThatThrownBy(() -> complete().validateEveryNEpochs(0))
                .hasMessage("Trainer: validateEveryNEpochs must be >= 1, got 0");
        assertThatThrownBy(() -> complete().gradientClipNorm(0)).hasMessage("Trainer: gradientClipNorm maxNorm must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> complete().gradientClipNorm(Double.NaN)).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> complete().gradientClipNorm(Double.POSITIVE_INFINITY)).hasMessageContaining("got Infinity");
        assertThatThrownBy(() -> complete().gradientClipNorm(1, 0)).hasMessage("Trainer: gradientClipNorm normType must be > 0 or +infinity, got 0.0");
        assertThatThrownBy(() -> complete().gradientClipValue(-0.5)).hasMessage("Trainer: gradientClipValue must be finite and > 0, got -0.5");
        assertThatThrownBy(() -> complete().gradientClipNorm(1).gradientClipValue(0.5))
                .hasMessageContaining("gradientClipNorm and gradientClipValue are exclusive");
        assertThatThrownBy(() -> complete().schedulerMonitor(" ")).hasMessageContaining("schedulerMonitor must name a logged value");
    }

    @Test
    void metricNamesMustBeDistinctAndNotShadowTheTrainersKeys() {
        assertThatThrownBy(() -> complete().metric("loss", Accuracy.multiclass(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metric name 'loss' clashes");
        assertThatThrownBy(() -> complete().metric("val_acc", Accuracy.multiclass(3))).hasMessageContaining("'val_acc' clashes");
        assertThatThrownBy(() -> complete().metric("test_acc", Accuracy.multiclass(3))).hasMessageContaining("'test_acc' clashes");
        assertThatThrownBy(() -> complete().metric("my acc", Accuracy.multiclass(3))).hasMessageContaining("without spaces, got 'my acc'");
        assertThatThrownBy(() -> complete().metric("acc", Accuracy.multiclass(3)).metric("acc", Accuracy.multiclass(3)))
                .hasMessage("Trainer: metric 'acc' is already registered");
        Accuracy shared = Accuracy.multiclass(3);
        assertThatThrownBy(() -> complete().metric("a", shared).metric("b", shared)).hasMessageContaining("already registered under another name");
    }

    @Test
    void nullsAreRefusedByName() {
        assertThatThrownBy(() -> Trainer.builder().model(null)).isInstanceOf(NullPointerException.class).hasMessage("model");
        assertThatThrownBy(() -> Trainer.builder().loss(null)).hasMessage("loss");
        assertThatThrownBy(() -> Trainer.builder().optimizer(null)).hasMessage("optimizer");
        assertThatThrownBy(() -> Trainer.builder().scheduler(null)).hasMessage("scheduler");
        assertThatThrownBy(() -> Trainer.builder().callback(null)).hasMessage("callback");
        List<Callback> withNull = new ArrayList<>(Arrays.asList(new RecordingCallback(), null));
        assertThatThrownBy(() -> Trainer.builder().callbacks(withNull)).hasMessage("callbacks[1] is null");
        assertThatThrownBy(() -> complete().build().fit(null)).hasMessage("train");
    }

    @Test
    void defaultsAreTheModelsBackendAndNoBoundOnEpochsWhenOnlyStepsAreSet() {
        RecordingCallback recorder = new RecordingCallback();
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).maxSteps(3)
                .callback(recorder).build();
        assertThat(trainer.backend()).isSameAs(CPU);
        assertThat(trainer.model()).isSameAs(model);
        assertThat(trainer.optimizer()).isSameAs(sgd);
        assertThat(trainer.scheduler()).isEmpty();
        assertThat(trainer.callbacks()).containsExactly(recorder);
        Trainer onCpu = complete().backend(CPU).build();
        assertThat(onCpu.backend()).isSameAs(CPU);

        class MaxEpochsProbe implements Callback {
            int seen = 0;

            @Override
            public CallbackSignal onTrainBegin(TrainingState state) {
                seen = state.maxEpochs();
                return CallbackSignal.CONTINUE;
            }
        }
        MaxEpochsProbe probe = new MaxEpochsProbe();
        Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).maxSteps(3).callback(probe).build()
                .fit(ArraySource.of(SyntheticData.teacherClassification(8, 4, 3, 1), 4));
        assertThat(probe.seen).isEqualTo(-1);
    }

    @Test
    void emptySourcesAreRefused() {
        Trainer trainer = complete().build();
        ArraySource empty = ArraySource.of(SyntheticData.teacherClassification(0, 4, 3, 1), 4);
        ArraySource some = ArraySource.of(SyntheticData.teacherClassification(8, 4, 3, 1), 4);
        assertThatThrownBy(() -> trainer.fit(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Trainer.fit train: the batch source yields no batches (batchesPerEpoch = 0)");
        assertThatThrownBy(() -> trainer.fit(some, empty)).hasMessageContaining("Trainer.fit validation: the batch source yields no batches");
        assertThatThrownBy(() -> trainer.test(empty)).hasMessageContaining("test: the batch source yields no batches");
    }
}
