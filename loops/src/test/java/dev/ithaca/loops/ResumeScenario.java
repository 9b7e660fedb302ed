package dev.ithaca.loops;

import dev.ithaca.callbacks.EarlyStopping;
import dev.ithaca.metrics.Accuracy;
import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.optim.AdamW;
import dev.ithaca.schedule.StepLR;
import dev.ithaca.train.Callback;

import java.util.ArrayList;
import java.util.List;

/**
 * The run every resume test (and the child JVM of the kill test) trains: an MLP with unseeded
 * dropout (so only the trainer's seed and restored generator state fix its masks), AdamW, StepLR,
 * an accuracy metric, EarlyStopping (never triggering, but stateful), gradient accumulation over 2
 * batches with a trailing partial window (7 batches per epoch, the last one short), norm clipping,
 * a reshuffled training source and validation every epoch: every piece of state a resume restores.
 */
final class ResumeScenario implements AutoCloseable {
    static final int EPOCHS = 4;
    /** Batches per epoch 7, optimizer steps per epoch 4 (windows of 2, 2, 2, 1). */
    static final int STEPS_PER_EPOCH = 4;
    private static final SyntheticData ALL = SyntheticData.teacherClassification(72, 6, 3, 11);
    static final SyntheticData TRAIN = ALL.withoutRows(52, 72);
    static final SyntheticData VAL = ALL.withoutRows(0, 52);

    final Sequential model;
    final AdamW optimizer;
    final StepLR scheduler;
    final Trainer trainer;
    final ArraySource train = ArraySource.shuffled(TRAIN, 8, 5);
    final ArraySource val = ArraySource.of(VAL, 10);

    /** {@code initSeed} sets the initial weights: a resumed run may start from any, the checkpoint replaces them. */
    ResumeScenario(long initSeed, List<? extends Callback> extraCallbacks) {
        model = Models.mlpWithDropout(initSeed, 6, 16, 3, 0.25);
        optimizer = AdamW.builder().lr(0.05).weightDecay(0.01).build(model.parameters());
        scheduler = new StepLR(optimizer, 1, 0.8);
        List<Callback> callbacks = new ArrayList<>();
        callbacks.add(EarlyStopping.builder("val_loss").patience(100).build());
        callbacks.addAll(extraCallbacks);
        trainer = Trainer.builder()
                .model(model).loss(new CrossEntropyLoss()).optimizer(optimizer).scheduler(scheduler)
                .callbacks(callbacks).metric("acc", Accuracy.multiclass(3))
                .maxEpochs(EPOCHS).accumulateGradBatches(2).gradientClipNorm(1.0).seed(7)
                .build();
    }

    History fit(Resume resume) {
        return trainer.fit(train, val, resume);
    }

    @Override
    public void close() {
        optimizer.close();
        model.close();
    }
}
