package dev.ithaca.loops;

import dev.ithaca.callbacks.TerminateOnNaN;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.nn.loss.MSELoss;
import dev.ithaca.optim.SGD;
import dev.ithaca.spi.Backends;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Gradient accumulation, clipping by norm and by value (PyTorch's formulas), and non-finite losses. */
@SuppressWarnings("try") // scopes, NoGrad and Backends.use work by being open
class GradientHandlingTest extends CpuTest {
    private static final SyntheticData REGRESSION = SyntheticData.linearRegression(24, 3, 2, 41);

    private static void assertClose(float[] actual, double[] expected, double tolerance) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("parameter value %d", i).isCloseTo(expected[i], Offset.offset(tolerance));
        }
    }

    private Linear linear(double[] theta) {
        Linear layer = own(Models.linear(0, 3, 2));
        LinearReference.load(layer, theta, 3, 2);
        return layer;
    }

    private static final double[] THETA = {0.3, -0.2, 0.5, 0.1, 0.4, -0.6, 0.05, -0.1};

    @Test
    void fourAccumulatedMicroBatchesOfEightEqualOneBatchOfThirtyTwo() {
        SyntheticData data = SyntheticData.teacherClassification(64, 4, 3, 42);
        Sequential whole = own(Models.mlp(9, 4, 16, 3));
        Sequential accumulated = own(Models.mlp(9, 4, 16, 3));
        SGD sgdWhole = own(SGD.builder().lr(0.5).momentum(0.9).build(whole.parameters()));
        SGD sgdAccumulated = own(SGD.builder().lr(0.5).momentum(0.9).build(accumulated.parameters()));

        History one = Trainer.builder().model(whole).loss(new CrossEntropyLoss()).optimizer(sgdWhole).maxEpochs(2).build()
                .fit(ArraySource.of(data, 32));
        History four = Trainer.builder().model(accumulated).loss(new CrossEntropyLoss()).optimizer(sgdAccumulated)
                .accumulateGradBatches(4).maxEpochs(2).build()
                .fit(ArraySource.of(data, 8));

        assertThat(four.get("step")).containsExactly(2.0, 4.0).isEqualTo(one.get("step"));
        float[] expected = Models.flat(whole);
        float[] actual = Models.flat(accumulated);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], Offset.offset(1e-5f));
        }
        assertThat(four.get("train_loss").get(0)).isCloseTo(one.get("train_loss").get(0), Offset.offset(1e-6));
    }

    @Test
    void theTrailingPartialWindowStepsWithTheLossScaledByOneOverN() {
        Linear layer = linear(THETA);
        double[] theta0 = toDouble(Models.flat(layer));
        SGD sgd = own(SGD.builder().lr(0.1).build(layer.parameters()));
        RecordingCallback recorder = new RecordingCallback();
        Trainer.builder().model(layer).loss(new MSELoss()).optimizer(sgd).callback(recorder).accumulateGradBatches(2).maxEpochs(1)
                .build().fit(ArraySource.of(REGRESSION, 8));   // batches 0, 1 in one window, batch 2 alone

        double[] g01 = LinearReference.sum(LinearReference.mseGradient(theta0, REGRESSION, 0, 8),
                LinearReference.mseGradient(theta0, REGRESSION, 8, 16));
        double[] theta1 = LinearReference.step(theta0, g01, 0.1, 0.5);
        double[] theta2 = LinearReference.step(theta1, LinearReference.mseGradient(theta1, REGRESSION, 16, 24), 0.1, 0.5);
        assertClose(Models.flat(layer), theta2, 1e-6);
        assertThat(recorder.of("batchEnd")).extracting(RecordingCallback.Event::step).containsExactly(0L, 1L, 2L);
    }

    @Property(tries = 25)
    void oneOptimizerStepPerWindowAndOneForEachEpochsRemainder(@ForAll @IntRange(min = 1, max = 7) int batches,
                                                              @ForAll @IntRange(min = 1, max = 4) int accumulate,
                                                              @ForAll @IntRange(min = 1, max = 3) int epochs) {
        try (Backends.Use cpu = Backends.use(CPU); Linear layer = Models.linear(1, 3, 2);
             SGD sgd = SGD.builder().lr(0.01).build(layer.parameters())) {
            SyntheticData data = SyntheticData.linearRegression(batches * 2, 3, 2, 7);
            History history = Trainer.builder().model(layer).loss(new MSELoss()).optimizer(sgd).accumulateGradBatches(accumulate)
                    .maxEpochs(epochs).build().fit(ArraySource.of(data, 2));
            long perEpoch = (batches + accumulate - 1) / accumulate;
            assertThat(history.last().get("step")).isEqualTo((double) (epochs * perEpoch));
        }
    }

    @Test
    void clippingByNormScalesTheUpdateAsClipGradNorm() {
        double[] g = LinearReference.mseGradient(held(), REGRESSION, 0, 24);
        double total = Math.sqrt(Arrays.stream(g).map(v -> v * v).sum());
        double maxNorm = 0.1;
        assertThat(total).as("the test needs clipping to bite").isGreaterThan(maxNorm);
        assertClose(trainOneStep(b -> b.gradientClipNorm(maxNorm)), clippedStep(g, Math.min(1, maxNorm / (total + 1e-6))), 1e-6);

        double maxAbs = Arrays.stream(g).map(Math::abs).max().getAsDouble();
        assertClose(trainOneStep(b -> b.gradientClipNorm(0.05, Double.POSITIVE_INFINITY)),
                clippedStep(g, Math.min(1, 0.05 / (maxAbs + 1e-6))), 1e-6);

        assertClose(trainOneStep(b -> b.gradientClipNorm(1e6)), clippedStep(g, 1), 1e-6);
    }

    @Test
    void clippingByValueClampsEachGradientElement() {
        double[] g = LinearReference.mseGradient(held(), REGRESSION, 0, 24);
        double clip = 0.2;
        assertThat(Arrays.stream(g).anyMatch(v -> Math.abs(v) > clip)).as("the test needs some elements above the limit").isTrue();
        double[] clamped = Arrays.stream(g).map(v -> Math.max(-clip, Math.min(clip, v))).toArray();
        assertClose(trainOneStep(b -> b.gradientClipValue(clip)), LinearReference.step(held(), clamped, 0.5, 1), 1e-6);
    }

    /** One SGD step (lr 0.5) of the linear model on all 24 rows with the given clipping. */
    private float[] trainOneStep(UnaryOperator<Trainer.Builder> clipping) {
        Linear layer = linear(THETA);
        SGD sgd = own(SGD.builder().lr(0.5).build(layer.parameters()));
        clipping.apply(Trainer.builder().model(layer).loss(new MSELoss()).optimizer(sgd).maxEpochs(1)).build()
                .fit(ArraySource.of(REGRESSION, 24));
        return Models.flat(layer);
    }

    private double[] held() {
        Linear layer = linear(THETA);
        return toDouble(Models.flat(layer));
    }

    private double[] clippedStep(double[] g, double coefficient) {
        return LinearReference.step(held(), g, 0.5, coefficient);
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    // ---- non-finite losses -----------------------------------------------------------------------

    private static final SyntheticData CLASSES = SyntheticData.teacherClassification(48, 4, 3, 43);

    @Test
    void aNonFiniteLossFailsWithItsValueAndPositionByDefault() {
        Sequential model = own(Models.mlp(2, 4, 8, 3));
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        RecordingCallback recorder = new RecordingCallback();
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).callback(recorder).maxEpochs(2).build();
        assertThatThrownBy(() -> trainer.fit(ArraySource.of(CLASSES.withNaNAt(17), 8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("non-finite loss NaN at epoch 0, batch 2 (global step 2)")
                .hasMessageContaining("onNonFiniteLoss(NonFiniteLoss.SKIP)");
        assertThat(recorder.exceptions()).hasSize(1);
        assertThat(recorder.hooks()).endsWith("batchBegin 0/2", "exception", "trainEnd");
    }

    @Test
    void skippingANonFiniteBatchEqualsTrainingWithoutIt() {
        Sequential skipping = own(Models.mlp(2, 4, 8, 3));
        Sequential without = own(Models.mlp(2, 4, 8, 3));
        SGD sgdSkipping = own(SGD.builder().lr(0.1).momentum(0.9).build(skipping.parameters()));
        SGD sgdWithout = own(SGD.builder().lr(0.1).momentum(0.9).build(without.parameters()));
        RecordingCallback recorder = new RecordingCallback();
        History skipped = Trainer.builder().model(skipping).loss(new CrossEntropyLoss()).optimizer(sgdSkipping).callback(recorder)
                .onNonFiniteLoss(NonFiniteLoss.SKIP).maxEpochs(2).build()
                .fit(ArraySource.of(CLASSES.withNaNAt(17), 8));
        History clean = Trainer.builder().model(without).loss(new CrossEntropyLoss()).optimizer(sgdWithout).maxEpochs(2).build()
                .fit(ArraySource.of(CLASSES.withoutRows(16, 24), 8));

        assertThat(Models.sameBits(Models.bits(skipping), Models.bits(without))).as("bit-identical weights").isTrue();
        assertThat(skipped.get("step")).containsExactly(5.0, 10.0).isEqualTo(clean.get("step"));
        assertThat(skipped.get("train_loss")).isEqualTo(clean.get("train_loss"));
        assertThat(recorder.of("batchEnd").get(2).metrics().get("loss")).as("callbacks still see the bad value").isNaN();
    }

    @Test
    void aStepBoundedRunWhoseEveryBatchIsSkippedFailsInsteadOfLoopingForever() {
        Sequential model = own(Models.mlp(2, 4, 8, 3));
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        SyntheticData poisoned = CLASSES;
        for (int row = 0; row < CLASSES.rows(); row += 8) {
            poisoned = poisoned.withNaNAt(row);
        }
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd)
                .onNonFiniteLoss(NonFiniteLoss.SKIP).maxSteps(10).build();
        SyntheticData allBad = poisoned;
        assertThatThrownBy(() -> trainer.fit(ArraySource.of(allBad, 8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("epoch 0 took no optimizer step");
    }

    @Test
    void ignoringANonFiniteLossTrainsOnItAndTerminateOnNaNStopsTheRun() {
        Sequential model = own(Models.mlp(2, 4, 8, 3));
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        TerminateOnNaN terminate = new TerminateOnNaN();
        History history = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).callback(terminate)
                .onNonFiniteLoss(NonFiniteLoss.IGNORE).maxEpochs(3).build()
                .fit(ArraySource.of(CLASSES.withNaNAt(17), 8));

        assertThat(terminate.stopReason()).get().asString().contains("invalid loss NaN at global step 3 (epoch 0, batch 2)");
        assertThat(history.size()).isEqualTo(1);
        assertThat(history.last().get("train_loss")).isNaN();
        assertThat(Models.flat(model)).as("the NaN gradient reached the weights").contains(Float.NaN);
    }
}
