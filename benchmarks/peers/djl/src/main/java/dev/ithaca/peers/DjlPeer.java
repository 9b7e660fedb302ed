package dev.ithaca.peers;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The workloads on DJL's PyTorch engine, written as a DJL user writes them: NDArray ops in a
 * manager that frees their results, the Adam optimizer's update (PyTorch's fused kernel through
 * DJL's JNI), and an MLP trained with a {@link Trainer} and a {@link GradientCollector}.
 * Threads: {@code -Dai.djl.pytorch.num_threads} (intra-op) and {@code -Dai.djl.pytorch.num_interop_threads}.
 */
public final class DjlPeer {
    private DjlPeer() {
    }

    public static void main(String[] args) throws Exception {
        Engine engine = Engine.getEngine("PyTorch");
        PeerRun run = PeerRun.fromArgs("DJL " + Engine.getDjlVersion() + " (PyTorch " + engine.getVersion() + ")", args);
        run.detail("engine", engine.getEngineName() + " " + engine.getVersion());
        run.detail("intra-op threads", String.valueOf(JniUtils.getNumThreads()));
        run.detail("inter-op threads", String.valueOf(JniUtils.getNumInteropThreads()));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            manager.getEngine().setRandomSeed(42);
            if (run.wants(Workloads.SGEMM)) {
                for (int n : Workloads.SGEMM_SIZES) {
                    NDArray a = manager.randomNormal(new Shape(n, n));
                    NDArray b = manager.randomNormal(new Shape(n, n));
                    run.measure(Workloads.SGEMM, "n=" + n, "GFLOP/s", Workloads.sgemmFlops(n) / 1e9, Timing.KERNEL,
                            i -> a.matMul(b).close());
                    a.close();
                    b.close();
                }
            }
            if (run.wants(Workloads.ADD)) {
                NDArray a = manager.randomNormal(new Shape(Workloads.ADD_SIZE));
                NDArray b = manager.randomNormal(new Shape(Workloads.ADD_SIZE));
                run.measure(Workloads.ADD, "16M", "ops/s", 1, Timing.KERNEL, i -> a.add(b).close());
                a.close();
                b.close();
            }
            if (run.wants(Workloads.ADAM)) {
                NDArray weight = manager.randomNormal(new Shape(Workloads.ADAM_SIZE));
                NDArray grad = manager.randomNormal(new Shape(Workloads.ADAM_SIZE));
                Optimizer adam = Adam.builder().optLearningRateTracker(Tracker.fixed(Workloads.LEARNING_RATE)).build();
                run.measure(Workloads.ADAM, "10M", "steps/s", 1, Timing.KERNEL, i -> adam.update("w", weight, grad));
                weight.close();
                grad.close();
            }
        }
        if (run.wants(Workloads.MLP_TRAIN) || run.wants(Workloads.MLP_INFER)) {
            mlp(run);
        }
        run.finish();
    }

    private static void mlp(PeerRun run) throws Exception {
        TrainingData data = new TrainingData(7);
        int[] widths = Workloads.MLP_WIDTHS;
        SequentialBlock block = new SequentialBlock();
        for (int i = 1; i < widths.length; i++) {
            block.add(Linear.builder().setUnits(widths[i]).build());
            if (i + 1 < widths.length) {
                block.add(Activation.reluBlock());
            }
        }
        float[] x = new float[Workloads.BATCH * TrainingData.FEATURES];
        int[] y = new int[Workloads.BATCH];
        long[] labels = new long[Workloads.BATCH];
        Step prepare = i -> {
            data.batch(i, x, y);
            for (int r = 0; r < y.length; r++) {
                labels[r] = y[r];
            }
        };
        Shape inputShape = new Shape(Workloads.BATCH, TrainingData.FEATURES);
        try (Model model = Model.newInstance("mlp", Device.cpu(), "PyTorch")) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(Workloads.LEARNING_RATE)).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(inputShape);
                if (run.wants(Workloads.MLP_TRAIN)) {
                    run.measure(Workloads.MLP_TRAIN, "batch 128", "samples/s", Workloads.BATCH, Timing.TRAINING, new Step() {
                        @Override
                        public void prepare(long i) throws Exception {
                            prepare.run(i);
                        }

                        @Override
                        public void run(long i) {
                            try (NDManager batch = trainer.getManager().newSubManager()) {
                                NDArray input = batch.create(x, inputShape);
                                NDArray target = batch.create(labels, new Shape(Workloads.BATCH));
                                try (GradientCollector collector = trainer.newGradientCollector()) {
                                    NDList predictions = trainer.forward(new NDList(input));
                                    collector.backward(trainer.getLoss().evaluate(new NDList(target), predictions));
                                }
                                trainer.step();
                            }
                        }
                    });
                }
                if (run.wants(Workloads.MLP_INFER)) {
                    // what torch.no_grad() does: no autograd graph for a forward pass
                    JniUtils.setGradMode(false);
                    run.measure(Workloads.MLP_INFER, "batch 128", "samples/s", Workloads.BATCH, Timing.KERNEL, new Step() {
                        @Override
                        public void prepare(long i) throws Exception {
                            prepare.run(i);
                        }

                        @Override
                        public void run(long i) {
                            try (NDManager batch = trainer.getManager().newSubManager()) {
                                NDArray logits = trainer.evaluate(new NDList(batch.create(x, inputShape))).singletonOrThrow();
                                if (logits.getDataType() != DataType.FLOAT32) {
                                    throw new IllegalStateException("expected FLOAT32 logits, got " + logits.getDataType());
                                }
                            }
                        }
                    });
                }
            }
        }
    }
}
