package dev.ithaca.peers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The workloads on Deeplearning4j with ND4J's native CPU backend, written as a DL4J user writes them:
 * INDArray ops whose results are closed, the Adam updater as a network applies it (the update is
 * computed in place of the gradient, then subtracted from the parameters), and a
 * {@link MultiLayerNetwork} trained with {@code fit}. Threads: {@code OMP_NUM_THREADS}; run "tuned"
 * with {@code OPENBLAS_CORETYPE=SkylakeX OMP_WAIT_POLICY=PASSIVE} (see scripts/bench-peers.sh).
 */
public final class Dl4jPeer {
    private Dl4jPeer() {
    }

    public static void main(String[] args) throws Exception {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        PeerRun run = PeerRun.fromArgs("DL4J 1.0.0-M2.1", args);
        run.detail("backend", Nd4j.getBackend().getClass().getSimpleName());
        run.detail("blas", Nd4j.factory().blas().getBlasVendor() + ", max threads " + Nd4j.factory().blas().getMaxThreads());
        run.detail("environment", String.valueOf(Nd4j.getEnvironment().maxThreads()) + " max threads");
        Nd4j.getRandom().setSeed(42);
        if (run.wants(Workloads.SGEMM)) {
            for (int n : Workloads.SGEMM_SIZES) {
                try (INDArray a = Nd4j.randn(DataType.FLOAT, n, n); INDArray b = Nd4j.randn(DataType.FLOAT, n, n)) {
                    run.measure(Workloads.SGEMM, "n=" + n, "GFLOP/s", Workloads.sgemmFlops(n) / 1e9, Timing.KERNEL,
                            i -> a.mmul(b).close());
                }
            }
        }
        if (run.wants(Workloads.ADD)) {
            try (INDArray a = Nd4j.randn(DataType.FLOAT, Workloads.ADD_SIZE); INDArray b = Nd4j.randn(DataType.FLOAT, Workloads.ADD_SIZE)) {
                run.measure(Workloads.ADD, "16M", "ops/s", 1, Timing.KERNEL, i -> a.add(b).close());
            }
        }
        if (run.wants(Workloads.ADAM)) {
            adam(run);
        }
        if (run.wants(Workloads.MLP_TRAIN) || run.wants(Workloads.MLP_INFER)) {
            mlp(run);
        }
        run.finish();
    }

    /** A network's Adam step on one [1, 10M] parameter: the updater turns the gradient into the update in place. */
    private static void adam(PeerRun run) throws Exception {
        long n = Workloads.ADAM_SIZE;
        try (INDArray weight = Nd4j.randn(DataType.FLOAT, 1, n);
             INDArray gradient = Nd4j.randn(DataType.FLOAT, 1, n);
             INDArray work = gradient.dup();
             INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2 * n)) {
            AdamUpdater updater = new AdamUpdater(new Adam(Workloads.LEARNING_RATE));
            updater.setStateViewArray(state, weight.shape(), 'c', true);
            run.measure(Workloads.ADAM, "10M", "steps/s", 1, Timing.KERNEL, new Step() {
                @Override
                public void prepare(long i) {
                    work.assign(gradient);
                }

                @Override
                public void run(long i) {
                    updater.applyUpdater(work, (int) i, 0);
                    weight.subi(work);
                }
            });
        }
    }

    private static void mlp(PeerRun run) throws Exception {
        TrainingData data = new TrainingData(7);
        int[] widths = Workloads.MLP_WIDTHS;
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .updater(new Adam(Workloads.LEARNING_RATE))
                .weightInit(WeightInit.RELU)
                .list();
        for (int i = 0; i + 2 < widths.length; i++) {
            layers.layer(new DenseLayer.Builder().nIn(widths[i]).nOut(widths[i + 1]).activation(Activation.RELU).build());
        }
        int last = widths.length - 2;
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(widths[last]).nOut(widths[last + 1]).activation(Activation.SOFTMAX).build());
        MultiLayerConfiguration configuration = layers.build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();

        float[] x = new float[Workloads.BATCH * TrainingData.FEATURES];
        int[] y = new int[Workloads.BATCH];
        float[] oneHot = new float[Workloads.BATCH * TrainingData.CLASSES];
        long[] inputShape = {Workloads.BATCH, TrainingData.FEATURES};
        long[] labelShape = {Workloads.BATCH, TrainingData.CLASSES};
        if (run.wants(Workloads.MLP_TRAIN)) {
            run.measure(Workloads.MLP_TRAIN, "batch 128", "samples/s", Workloads.BATCH, Timing.TRAINING, new Step() {
                @Override
                public void prepare(long i) {
                    data.batch(i, x, y);
                    TrainingData.oneHot(y, oneHot);
                }

                @Override
                public void run(long i) {
                    try (INDArray input = Nd4j.create(x, inputShape, 'c'); INDArray labels = Nd4j.create(oneHot, labelShape, 'c')) {
                        network.fit(input, labels);
                    }
                }
            });
        }
        if (run.wants(Workloads.MLP_INFER)) {
            run.measure(Workloads.MLP_INFER, "batch 128", "samples/s", Workloads.BATCH, Timing.KERNEL, new Step() {
                @Override
                public void prepare(long i) {
                    data.batch(i, x, y);
                }

                @Override
                public void run(long i) {
                    try (INDArray input = Nd4j.create(x, inputShape, 'c'); INDArray output = network.output(input, false)) {
                        if (output.dataType() != DataType.FLOAT) {
                            throw new IllegalStateException("expected FLOAT outputs, got " + output.dataType());
                        }
                    }
                }
            });
        }
    }
}
