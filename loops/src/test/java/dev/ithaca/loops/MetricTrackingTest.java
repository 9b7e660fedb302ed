package dev.ithaca.loops;

import dev.ithaca.metrics.Accuracy;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.optim.SGD;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which keys the trainer logs, where, and with which values (checked against a plain-Java computation). */
class MetricTrackingTest extends CpuTest {
    private static final SyntheticData ALL = SyntheticData.teacherClassification(32, 4, 3, 61);
    private static final SyntheticData TRAIN = ALL.withoutRows(20, 32);   // 20 rows: batches of 8, 8, 4
    private static final SyntheticData VAL = ALL.withoutRows(0, 20);      // 12 rows: batches of 5, 5, 2

    /** Mean cross-entropy and accuracy of the linear model over {@code data}, in doubles. */
    private static double[] lossAndAccuracy(float[] parameters, SyntheticData data) {
        int in = 4;
        int classes = 3;
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < data.rows(); i++) {
            double[] logits = new double[classes];
            int best = 0;
            for (int c = 0; c < classes; c++) {
                logits[c] = parameters[classes * in + c];
                for (int j = 0; j < in; j++) {
                    logits[c] += parameters[c * in + j] * data.inputs()[i * in + j];
                }
                if (logits[c] > logits[best]) {
                    best = c;
                }
            }
            double max = logits[best];
            double sumExp = 0;
            for (double l : logits) {
                sumExp += Math.exp(l - max);
            }
            loss += max + Math.log(sumExp) - logits[(int) data.labels()[i]];
            correct += best == data.labels()[i] ? 1 : 0;
        }
        return new double[] {loss / data.rows(), (double) correct / data.rows()};
    }

    @Test
    void trainValidationAndTestValuesMatchAHandComputation() {
        Linear model = own(Models.linear(8, 4, 3));
        SGD frozen = own(SGD.builder().lr(0).build(model.parameters()));   // weights never change: every value is computable up front
        float[] parameters = Models.flat(model);
        double[] train = lossAndAccuracy(parameters, TRAIN);
        double[] val = lossAndAccuracy(parameters, VAL);
        RecordingCallback recorder = new RecordingCallback();
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(frozen).callback(recorder)
                .metric("acc", Accuracy.multiclass(3)).maxEpochs(2).build();
        History history = trainer.fit(ArraySource.shuffled(TRAIN, 8, 4), ArraySource.of(VAL, 5));

        Map<String, Double> row = history.last();
        assertThat(row).containsOnlyKeys("epoch", "step", "train_loss", "acc", "val_loss", "val_acc", "lr", "epoch_seconds",
                "samples_per_second");
        assertThat(row.get("train_loss")).as("mean over all 20 rows, not the last batch").isCloseTo(train[0], Offset.offset(1e-6));
        assertThat(row.get("acc")).isCloseTo(train[1], Offset.offset(1e-12));
        assertThat(row.get("val_loss")).isCloseTo(val[0], Offset.offset(1e-6));
        assertThat(row.get("val_acc")).isCloseTo(val[1], Offset.offset(1e-12));
        assertThat(row.get("lr")).isZero();
        assertThat(row.get("epoch_seconds")).isPositive();
        assertThat(row.get("samples_per_second")).isPositive();

        Map<String, Double> seenAtEpochEnd = recorder.of("epochEnd").get(1).metrics();
        assertThat(seenAtEpochEnd).containsOnlyKeys("loss", "train_loss", "acc", "val_loss", "val_acc");
        assertThat(seenAtEpochEnd.get("val_acc")).isEqualTo(row.get("val_acc"));
        List<RecordingCallback.Event> batchEnds = recorder.of("batchEnd");
        assertThat(batchEnds.get(2).metrics().get("loss")).as("the last, 4-row batch's own loss")
                .isNotCloseTo(train[0], Offset.offset(1e-9));

        Map<String, Double> test = trainer.test(ArraySource.of(VAL, 7));
        assertThat(test).containsOnlyKeys("test_loss", "test_acc");
        assertThat(test.get("test_loss")).isCloseTo(val[0], Offset.offset(1e-6));
        assertThat(test.get("test_acc")).isCloseTo(val[1], Offset.offset(1e-12));
        assertThat(trainer.validate(ArraySource.of(TRAIN, 3))).containsOnlyKeys("val_loss", "val_acc")
                .hasEntrySatisfying("val_acc", v -> assertThat(v).isCloseTo(train[1], Offset.offset(1e-12)));
    }

    @Test
    void historyAccessorsAndJson() {
        assertThat(new History().get("val_loss")).as("nothing logged yet").isEmpty();
        History more = new History();
        more.add(orderedRow(0, 3, 0.5, Double.NaN));
        more.add(orderedRow(1, 6, 0.25, 0.125));
        assertThat(more.get("train_loss")).containsExactly(0.5, 0.25);
        assertThat(more.epochs()).hasSize(2);
        assertThat(more.keys()).containsExactly("epoch", "step", "train_loss", "val_loss");
        assertThat(more.last()).containsEntry("step", 6.0);
        assertThatThrownBy(() -> more.get("val_acc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("History: no epoch logged 'val_acc'; the keys are [epoch, step, train_loss, val_loss]");
        assertThat(more.toJson()).isEqualTo("[{\"epoch\":0,\"step\":3,\"train_loss\":0.5,\"val_loss\":\"NaN\"},"
                + "{\"epoch\":1,\"step\":6,\"train_loss\":0.25,\"val_loss\":0.125}]");
        assertThatThrownBy(() -> more.epochs().get(0).put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    private static Map<String, Double> orderedRow(int epoch, int step, double trainLoss, double valLoss) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("epoch", (double) epoch);
        row.put("step", (double) step);
        row.put("train_loss", trainLoss);
        row.put("val_loss", valLoss);
        return row;
    }
}
