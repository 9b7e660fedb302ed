package dev.ithaca.verify;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.callbacks.EarlyStopping;
import dev.ithaca.loops.History;
import dev.ithaca.loops.Trainer;
import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Parameter;
import dev.ithaca.nn.loss.MSELoss;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;
import dev.ithaca.train.BatchIterator;
import dev.ithaca.train.BatchSource;
import dev.ithaca.train.Optimizer;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A Trainer fits y = 2x + 1 from a synthetic BatchSource, and EarlyStopping ends the run once the
 * validation loss stops improving, long before maxEpochs. Needs only ithaca-loops and
 * ithaca-callbacks: the BatchSource and the (plain gradient descent) Optimizer are written here
 * against the contracts in ithaca-core.
 */
public final class CallbacksLoopsCheck {
    private static final int MAX_EPOCHS = 300;

    public static void main(String[] args) {
        InstallCheck.run("ithaca-callbacks + ithaca-loops",
                new String[]{"dev.ithaca.loops.Trainer", "dev.ithaca.loops.History", "dev.ithaca.callbacks.EarlyStopping",
                        "dev.ithaca.callbacks.ModelCheckpoint", "dev.ithaca.callbacks.TerminateOnNaN"},
                CallbacksLoopsCheck::check);
    }

    private static String check() {
        try (Linear model = new Linear(1, 1)) {
            EarlyStopping earlyStopping = EarlyStopping.builder("val_loss").patience(3).minDelta(1e-6).build();
            Trainer trainer = Trainer.builder()
                    .model(model).loss(new MSELoss()).optimizer(new GradientDescent(model.parameters(), 0.2))
                    .callback(earlyStopping)
                    .maxEpochs(MAX_EPOCHS).seed(7).build();
            History history = trainer.fit(new Line(4, 8), new Line(1, 16));
            double valLoss = history.last().get("val_loss");
            InstallCheck.expect("validation loss below 1e-4 after fitting a line, got " + valLoss, valLoss < 1e-4);
            InstallCheck.expect("EarlyStopping to stop before " + MAX_EPOCHS + " epochs, ran " + history.size(),
                    history.size() < MAX_EPOCHS && earlyStopping.stoppedEpoch() > 0);
            float weight = model.namedParameters().get("weight").toFloatArray()[0];
            float bias = model.namedParameters().get("bias").toFloatArray()[0];
            InstallCheck.expectClose("fitted slope", 2.0, weight, 1e-2);
            InstallCheck.expectClose("fitted intercept", 1.0, bias, 1e-2);
            return "stopped at epoch " + earlyStopping.stoppedEpoch() + " of " + MAX_EPOCHS + ", val_loss " + valLoss
                    + ", y = " + weight + " x + " + bias;
        }
    }

    /** Points of y = 2x + 1 for x evenly spaced in [-1, 1], the same batches every epoch. */
    private record Line(int batches, int batchSize) implements BatchSource {
        @Override
        public long batchesPerEpoch() {
            return batches;
        }

        @Override
        public long samplesPerEpoch() {
            return (long) batches * batchSize;
        }

        @Override
        public BatchIterator iterate(int epoch, long firstBatch) {
            return new BatchIterator() {
                private long next = firstBatch;

                @Override
                public long nextBatchIndex() {
                    return next;
                }

                @Override
                public boolean hasNext() {
                    return next < batches;
                }

                @Override
                public Batch next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException("epoch " + epoch + " has " + batches + " batches");
                    }
                    float[] x = new float[batchSize];
                    float[] y = new float[batchSize];
                    for (int i = 0; i < batchSize; i++) {
                        long sample = next * batchSize + i;
                        x[i] = -1f + 2f * sample / (samplesPerEpoch() - 1);
                        y[i] = 2f * x[i] + 1f;
                    }
                    next++;
                    return new Batch(Tensor.of(x, batchSize, 1), Tensor.of(y, batchSize, 1));
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** w -= lr * grad for every parameter: the Optimizer contract at its smallest. */
    private static final class GradientDescent implements Optimizer {
        private final List<Parameter> parameters;
        private double lr;

        GradientDescent(List<Parameter> parameters, double lr) {
            this.parameters = parameters;
            this.lr = lr;
        }

        @Override
        public void step() {
            try (NoGrad noGrad = NoGrad.enter(); Scope scope = Scope.open()) {
                for (Parameter p : parameters) {
                    if (p.grad() != null) {
                        p.copyFrom(p.sub(p.grad().mul(lr)));
                    }
                }
            }
        }

        @Override
        public void zeroGrad() {
            parameters.forEach(Parameter::zeroGrad);
        }

        @Override
        public int groupCount() {
            return 1;
        }

        @Override
        public double learningRate(int group) {
            return lr;
        }

        @Override
        public void setLearningRate(int group, double lr) {
            this.lr = lr;
        }

        @Override
        public Map<String, Object> stateDict() {
            return Map.of("lr", lr);
        }

        @Override
        public void loadStateDict(Map<String, ?> state) {
            lr = ((Number) state.get("lr")).doubleValue();
        }
    }
}
