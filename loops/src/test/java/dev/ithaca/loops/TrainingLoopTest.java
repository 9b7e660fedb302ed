package dev.ithaca.loops;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.metrics.Accuracy;
import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.optim.Adam;
import dev.ithaca.optim.SGD;
import dev.ithaca.schedule.ReduceLROnPlateau;
import dev.ithaca.schedule.StepLR;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Callback;
import dev.ithaca.train.CallbackSignal;
import dev.ithaca.train.TrainingState;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The loop itself: learning, step and batch counts, hook order, memory per step, modes, schedulers, errors, evaluation. */
@SuppressWarnings("try") // scopes, NoGrad and Backends.use work by being open
class TrainingLoopTest extends CpuTest {
    private static final SyntheticData ALL = SyntheticData.teacherClassification(144, 4, 3, 21);
    private static final SyntheticData TRAIN = ALL.withoutRows(96, 144);
    private static final SyntheticData VAL = ALL.withoutRows(0, 96);

    private Sequential mlp() {
        return own(Models.mlp(3, 4, 16, 3));
    }

    @Test
    void lossFallsAndAccuracyRisesOnALearnableProblem() {
        Sequential model = mlp();
        Adam adam = own(Adam.builder().lr(0.05).build(model.parameters()));
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(adam)
                .metric("acc", Accuracy.multiclass(3)).maxEpochs(10).build();
        History history = trainer.fit(ArraySource.shuffled(TRAIN, 16, 1), ArraySource.of(VAL, 16));

        List<Double> trainLoss = history.get("train_loss");
        assertThat(trainLoss).hasSize(10);
        assertThat(trainLoss.get(9)).isLessThan(0.5 * trainLoss.get(0));
        assertThat(history.get("val_loss").get(9)).isLessThan(history.get("val_loss").get(0));
        assertThat(history.last().get("val_acc")).isGreaterThan(0.85);
        assertThat(history.last().get("acc")).isGreaterThan(0.85);
    }

    @Test
    void countsOptimizerStepsAndBatches() {
        Sequential model = mlp();
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        RecordingCallback recorder = new RecordingCallback();
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).callback(recorder)
                .maxEpochs(3).build();
        History history = trainer.fit(ArraySource.of(TRAIN, 20));   // 96 rows: batches of 20, 20, 20, 20, 16

        assertThat(recorder.of("batchEnd")).extracting(RecordingCallback.Event::step)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
        assertThat(recorder.of("batchEnd")).extracting(RecordingCallback.Event::batch)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 0L, 1L, 2L, 3L, 4L, 0L, 1L, 2L, 3L, 4L);
        assertThat(history.get("step")).containsExactly(5.0, 10.0, 15.0);
        assertThat(history.get("epoch")).containsExactly(0.0, 1.0, 2.0);
        assertThat(history.size()).isEqualTo(3);
    }

    @Test
    void maxStepsEndsTrainingMidEpochAndClosesThatEpochOut() {
        Sequential model = mlp();
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        RecordingCallback recorder = new RecordingCallback();
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).callback(recorder)
                .maxSteps(7).build();
        History history = trainer.fit(ArraySource.of(TRAIN, 20), ArraySource.of(VAL, 24));

        assertThat(history.get("step")).containsExactly(5.0, 7.0);
        assertThat(history.get("val_loss")).hasSize(2);
        assertThat(recorder.hooks().subList(recorder.hooks().size() - 5, recorder.hooks().size()))
                .containsExactly("batchEnd 1/1 step=7", "validationBegin 1", "validationEnd 1", "epochEnd 1", "trainEnd");

        Trainer epochsFirst = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).maxSteps(100).maxEpochs(2).build();
        assertThat(epochsFirst.fit(ArraySource.of(TRAIN, 20)).get("step")).containsExactly(5.0, 10.0);
    }

    @Test
    void callsHooksInOrder() {
        Sequential model = mlp();
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        RecordingCallback first = new RecordingCallback();
        RecordingCallback second = new RecordingCallback();
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).callbacks(List.of(first, second))
                .maxEpochs(2).build();
        trainer.fit(ArraySource.of(TRAIN, 48), ArraySource.of(VAL, 48));

        assertThat(first.hooks()).containsExactly(
                "trainBegin",
                "epochBegin 0", "batchBegin 0/0", "batchEnd 0/0 step=1", "batchBegin 0/1", "batchEnd 0/1 step=2",
                "validationBegin 0", "validationEnd 0", "epochEnd 0",
                "epochBegin 1", "batchBegin 1/0", "batchEnd 1/0 step=3", "batchBegin 1/1", "batchEnd 1/1 step=4",
                "validationBegin 1", "validationEnd 1", "epochEnd 1",
                "trainEnd");
        assertThat(second.hooks()).isEqualTo(first.hooks());
        assertThat(first.of("batchEnd").get(0).metrics()).containsOnlyKeys("loss");
        assertThat(first.of("validationBegin").get(0).metrics()).containsOnlyKeys("loss", "train_loss");
        assertThat(first.of("epochEnd").get(0).metrics()).containsOnlyKeys("loss", "train_loss", "val_loss");
    }

    @Test
    void validatesEveryNthEpoch() {
        Sequential model = mlp();
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        RecordingCallback recorder = new RecordingCallback();
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).callback(recorder)
                .maxEpochs(5).validateEveryNEpochs(2).build();
        History history = trainer.fit(ArraySource.of(TRAIN, 48), ArraySource.of(VAL, 48));

        assertThat(recorder.of("validationEnd")).extracting(RecordingCallback.Event::epoch).containsExactly(1, 3);
        assertThat(history.get("val_loss")).hasSize(2);
        assertThat(history.epochs().get(0)).doesNotContainKey("val_loss");
        assertThat(history.epochs().get(1)).containsKey("val_loss");
        assertThat(recorder.of("epochEnd").get(2).metrics()).as("the latest val_loss stays visible").containsKey("val_loss");
    }

    @Test
    void offHeapMemoryStaysFlatAndEveryBatchIsFreed() {
        Sequential model = mlp();
        Adam adam = own(Adam.builder().lr(0.01).build(model.parameters()));
        List<Long> live = new ArrayList<>();
        Callback meter = new Callback() {
            @Override
            public CallbackSignal onBatchEnd(TrainingState state) {
                live.add(CPU.memoryStats().liveBytes());
                return CallbackSignal.CONTINUE;
            }
        };
        ArraySource train = ArraySource.shuffled(TRAIN, 4, 2);   // 24 steps per epoch
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(adam).callback(meter)
                .metric("acc", Accuracy.multiclass(3)).gradientClipNorm(1).maxEpochs(2).build();
        long before = CPU.memoryStats().liveBytes();
        trainer.fit(train, ArraySource.of(VAL, 16));

        assertThat(live).hasSize(48);
        // from the second step on (Adam's moments and the metric state exist) no step ends higher than the first did;
        // the count could only drop, if the Cleaner freed something an earlier test forgot
        assertThat(live.subList(1, live.size())).allMatch(bytes -> bytes <= live.get(1));
        assertThat(live.get(1)).as("a step leaves gradients and optimizer state behind").isGreaterThan(before);
        assertThat(train.handedOut()).hasSize(96).allMatch(Tensor::isClosed);
    }

    @Test
    void validationRunsWithoutGradientsInEvalModeAndEveryModeIsPutBack() {
        Sequential inner = mlp();
        Probe model = own(new Probe(inner));
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        inner.children().get(0).eval();   // a frozen first layer: fit trains the whole model, then puts this back
        RecordingCallback recorder = new RecordingCallback();
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).callback(recorder)
                .maxEpochs(1).build();
        trainer.fit(ArraySource.of(TRAIN, 48), ArraySource.of(VAL, 24));

        assertThat(model.calls()).containsExactly(new Probe.Call(true, true), new Probe.Call(true, true),
                new Probe.Call(false, false), new Probe.Call(false, false));
        assertThat(recorder.of("validationEnd").get(0).training()).as("train mode is back after validation").isTrue();
        assertThat(model.isTraining()).isTrue();
        assertThat(inner.children().get(0).isTraining()).isFalse();
        assertThat(inner.children().get(2).isTraining()).isTrue();

        model.eval();
        trainer.fit(ArraySource.of(TRAIN, 48));
        assertThat(model.isTraining()).as("fit leaves the modes as it found them").isFalse();
    }

    @Test
    void anEpochSchedulerStepsAfterEachEpochAndAStepSchedulerAfterEachOptimizerStep() {
        Sequential model = mlp();
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        Trainer perEpoch = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd)
                .scheduler(new StepLR(sgd, 1, 0.5)).maxEpochs(3).build();
        History history = perEpoch.fit(ArraySource.of(TRAIN, 32));
        assertThat(history.get("lr")).containsExactly(0.1, 0.05, 0.025);
        assertThat(sgd.learningRate()).isEqualTo(0.0125);

        SGD other = own(SGD.builder().lr(0.1).build(model.parameters()));
        Trainer perStep = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(other)
                .scheduler(new StepLR(other, 2, 0.5), SchedulerInterval.STEP).maxEpochs(2).build();
        History steps = perStep.fit(ArraySource.of(TRAIN, 32));   // 3 steps per epoch
        assertThat(steps.get("lr")).containsExactly(0.1, 0.05);   // after 3 steps: one halving
        assertThat(other.learningRate()).isEqualTo(0.0125);        // after 6 steps: three
    }

    @Test
    void aMetricDrivenSchedulerGetsTheMonitoredValue() {
        Sequential model = mlp();
        // maximizing the loss makes val_loss worse every epoch, so a patience-0 plateau halves the rate from epoch 1 on
        SGD ascent = own(SGD.builder().lr(0.1).maximize(true).build(model.parameters()));
        ReduceLROnPlateau plateau = ReduceLROnPlateau.builder(ascent).factor(0.5).patience(0).build();
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(ascent).scheduler(plateau)
                .maxEpochs(4).build();
        History history = trainer.fit(ArraySource.of(TRAIN, 32), ArraySource.of(VAL, 48));
        assertThat(history.get("lr")).containsExactly(0.1, 0.1, 0.05, 0.025);

        Trainer withoutValidation = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(ascent)
                .scheduler(ReduceLROnPlateau.builder(ascent).build()).maxEpochs(1).build();
        assertThatThrownBy(() -> withoutValidation.fit(ArraySource.of(TRAIN, 32)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs the monitored metric");
        Trainer onTrainLoss = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(ascent)
                .scheduler(ReduceLROnPlateau.builder(ascent).build()).schedulerMonitor("train_loss").maxEpochs(1).build();
        assertThat(onTrainLoss.fit(ArraySource.of(TRAIN, 32)).size()).isEqualTo(1);
    }

    @Test
    void anErrorReachesEveryCallbackThenOnTrainEndAndIsRethrown() {
        Sequential model = mlp();
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        RuntimeException boom = new IllegalStateException("boom");
        CrossEntropyLoss crossEntropy = new CrossEntropyLoss();
        int[] calls = {0};
        RecordingCallback recorder = new RecordingCallback();
        Trainer trainer = Trainer.builder().model(model).optimizer(sgd).callback(recorder).maxEpochs(2)
                .loss((input, target) -> {
                    if (++calls[0] == 4) {
                        throw boom;
                    }
                    return crossEntropy.forward(input, target);
                }).build();
        assertThatThrownBy(() -> trainer.fit(ArraySource.of(TRAIN, 32))).isSameAs(boom);
        assertThat(recorder.exceptions()).containsExactly(boom);
        assertThat(recorder.hooks().subList(recorder.hooks().size() - 3, recorder.hooks().size()))
                .containsExactly("batchBegin 1/0", "exception", "trainEnd");
        assertThat(model.isTraining()).isTrue();
    }

    @Test
    void aCallbackMustAnswerWithASignal() {
        Sequential model = mlp();
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        Callback broken = new Callback() {
            @Override
            public CallbackSignal onEpochBegin(TrainingState state) {
                return null;
            }
        };
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).callback(broken).maxEpochs(1).build();
        assertThatThrownBy(() -> trainer.fit(ArraySource.of(TRAIN, 32)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("onEpochBegin returned null");
    }

    @Test
    void unlabelledTrainingBatchesAreRefused() {
        Sequential model = mlp();
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).maxEpochs(1).build();
        assertThatThrownBy(() -> trainer.fit(new UnlabelledSource(TRAIN, 32)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Trainer: training batch 0 of epoch 0 has no target; training needs labelled batches");
        assertThatThrownBy(() -> trainer.validate(new UnlabelledSource(VAL, 32))).hasMessageContaining("batch 0 has no target");
    }

    @Test
    void predictValidateAndTestEvaluateTheModelWithoutCallbacks() {
        Sequential model = mlp();
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        RecordingCallback recorder = new RecordingCallback();
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).callback(recorder)
                .metric("acc", Accuracy.multiclass(3)).maxEpochs(1).build();

        assertThat(trainer.validate(ArraySource.of(VAL, 20))).containsOnlyKeys("val_loss", "val_acc");
        Map<String, Double> test = trainer.test(ArraySource.of(VAL, 20));
        assertThat(test).containsOnlyKeys("test_loss", "test_acc");
        assertThat(recorder.events()).isEmpty();

        try (Scope scope = Scope.open(); NoGrad ignored = NoGrad.enter()) {
            Tensor predictions = trainer.predict(new UnlabelledSource(VAL, 20));   // 48 rows: 20, 20, 8
            assertThat(predictions.shape()).containsExactly(48, 3);
            float[] expected = model.forward(Tensor.of(VAL.inputs(), 48, 4)).toFloatArray();
            float[] actual = predictions.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], Offset.offset(1e-5f));
            }
        }
    }
}
