package dev.ithaca.loops;

import dev.ithaca.callbacks.EarlyStopping;
import dev.ithaca.callbacks.ModelCheckpoint;
import dev.ithaca.metrics.Accuracy;
import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.optim.AdamW;
import dev.ithaca.optim.SGD;
import dev.ithaca.schedule.CosineAnnealingLR;
import dev.ithaca.train.Callback;
import dev.ithaca.train.CallbackSignal;
import dev.ithaca.train.TrainingState;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stopping early: EarlyStopping on val_loss or train_loss, and STOP signals from each kind of hook. */
class EarlyStoppingTest extends CpuTest {
    private static final SyntheticData ALL = SyntheticData.teacherClassification(120, 4, 3, 31);
    private static final SyntheticData TRAIN = ALL.withoutRows(80, 120);   // 80 rows: 4 batches of 20
    private static final SyntheticData VAL = ALL.withoutRows(0, 80);

    @TempDir
    Path dir;

    /** Gradient ascent: the loss rises every epoch, so nothing ever improves after the first check. */
    private SGD ascent(Sequential model) {
        return own(SGD.builder().lr(0.1).maximize(true).build(model.parameters()));
    }

    @Test
    void stopsWhenTheValidationLossStopsImproving() {
        Sequential model = own(Models.mlp(1, 4, 8, 3));
        EarlyStopping early = new EarlyStopping("val_loss", 2);
        RecordingCallback recorder = new RecordingCallback();
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(ascent(model))
                .callbacks(List.of(early, recorder)).maxEpochs(20).build();
        History history = trainer.fit(ArraySource.of(TRAIN, 20), ArraySource.of(VAL, 20));

        assertThat(history.size()).as("epoch 0 sets the best, epochs 1 and 2 do not improve").isEqualTo(3);
        assertThat(early.stoppedEpoch()).isEqualTo(2);
        assertThat(early.bestScore()).isEqualTo(history.get("val_loss").get(0));
        assertThat(recorder.hooks()).endsWith("validationEnd 2", "epochEnd 2", "trainEnd");
    }

    @Test
    void restoresTheBestWeightsWhenAsked() {
        Sequential model = own(Models.mlp(1, 4, 8, 3));
        List<List<int[]>> afterEpoch = new ArrayList<>();
        Callback snapshot = new Callback() {
            @Override
            public CallbackSignal onEpochEnd(TrainingState state) {
                afterEpoch.add(Models.bits(state.model()));
                return CallbackSignal.CONTINUE;
            }
        };
        EarlyStopping early = EarlyStopping.builder("val_loss").patience(1).restoreBestWeights(true).build();
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(ascent(model))
                .callbacks(List.of(early, snapshot)).maxEpochs(10).build();
        trainer.fit(ArraySource.of(TRAIN, 20), ArraySource.of(VAL, 20));
        early.close();

        assertThat(afterEpoch).hasSize(2);
        assertThat(Models.sameBits(Models.bits(model), afterEpoch.get(0))).as("the weights of epoch 0, bit for bit").isTrue();
    }

    @Test
    void monitorsTheTrainingLossWhenThereIsNoValidation() {
        Sequential model = own(Models.mlp(1, 4, 8, 3));
        EarlyStopping early = new EarlyStopping("train_loss", 1);
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(ascent(model))
                .callback(early).maxEpochs(20).build();
        assertThat(trainer.fit(ArraySource.of(TRAIN, 20)).size()).isEqualTo(2);
    }

    @Test
    void aStopFromABatchHookEndsTheEpochAfterThatBatchAndClosesItOut() {
        Sequential model = own(Models.mlp(1, 4, 8, 3));
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        RecordingCallback recorder = new RecordingCallback(e -> e.text().equals("batchEnd 1/2 step=7"));
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).callback(recorder)
                .maxEpochs(10).build();
        History history = trainer.fit(ArraySource.of(TRAIN, 20), ArraySource.of(VAL, 40));

        assertThat(recorder.hooks()).endsWith("batchEnd 1/2 step=7", "validationBegin 1", "validationEnd 1", "epochEnd 1", "trainEnd");
        assertThat(history.size()).isEqualTo(2);
        Map<String, Double> partial = history.last();
        assertThat(partial.get("step")).isEqualTo(7.0);
        double meanOfThreeBatches = recorder.of("batchEnd").subList(4, 7).stream()
                .mapToDouble(e -> e.metrics().get("loss")).sum() / 3;   // equal batches of 20
        assertThat(partial.get("train_loss")).isCloseTo(meanOfThreeBatches, Offset.offset(1e-12));
        assertThat(partial).containsKey("val_loss");
    }

    @Test
    void aStopFromTrainBeginRunsNoEpoch() {
        Sequential model = own(Models.mlp(1, 4, 8, 3));
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        RecordingCallback recorder = new RecordingCallback(e -> e.hook().equals("trainBegin"));
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).callback(recorder)
                .maxEpochs(10).build();
        History history = trainer.fit(ArraySource.of(TRAIN, 20));

        assertThat(recorder.hooks()).containsExactly("trainBegin", "trainEnd");
        assertThat(history.isEmpty()).isTrue();
        assertThatThrownBy(history::last).isInstanceOf(NoSuchElementException.class).hasMessageContaining("no epoch was recorded");
    }

    @Test
    void aStopFromEpochBeginSkipsTheEpochsBatchesButStillEndsIt() {
        Sequential model = own(Models.mlp(1, 4, 8, 3));
        SGD sgd = own(SGD.builder().lr(0.1).build(model.parameters()));
        RecordingCallback recorder = new RecordingCallback(e -> e.text().equals("epochBegin 1"));
        Trainer trainer = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(sgd).callback(recorder)
                .maxEpochs(10).build();
        History history = trainer.fit(ArraySource.of(TRAIN, 20));

        assertThat(recorder.hooks()).endsWith("epochEnd 0", "epochBegin 1", "epochEnd 1", "trainEnd");
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.last()).doesNotContainKey("train_loss").containsEntry("step", 4.0);
    }

    @Test
    void theDesignExampleRunsWithEarlyStoppingAndModelCheckpoint() throws Exception {
        Sequential mlp = own(Models.mlp(5, 4, 16, 3));
        AdamW adamw = own(AdamW.builder().lr(0.03).weightDecay(1e-2).build(mlp.parameters()));
        CosineAnnealingLR cosine = new CosineAnnealingLR(adamw, 10, 0.001);
        ModelCheckpoint checkpoint = ModelCheckpoint.builder(dir).monitor("val_loss").build();
        Trainer trainer = Trainer.builder()
                .model(mlp).loss(new CrossEntropyLoss()).optimizer(adamw).scheduler(cosine)
                .callbacks(List.of(new EarlyStopping("val_loss", 3), checkpoint))
                .metric("acc", Accuracy.multiclass(3))
                .maxEpochs(10).seed(42).build();
        History history = trainer.fit(ArraySource.shuffled(TRAIN, 16, 3), ArraySource.of(VAL, 16));
        Map<String, Double> results = trainer.test(ArraySource.of(VAL, 16));

        assertThat(results).containsOnlyKeys("test_loss", "test_acc");
        assertThat(history.size()).isBetween(1, 10);
        assertThat(history.keys()).contains("train_loss", "acc", "val_loss", "val_acc", "lr", "epoch_seconds", "samples_per_second");
        assertThat(checkpoint.bestModelPath()).isPresent();
        assertThat(Files.exists(checkpoint.bestModelPath().get())).isTrue();
        assertThat(checkpoint.bestModelScore().get()).isEqualTo(history.get("val_loss").stream().min(Double::compare).get());
    }
}
