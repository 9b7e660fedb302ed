package dev.ithaca.peers;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.Parameter;
import dev.ithaca.nn.ReLU;
import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.optim.Adam;
import dev.ithaca.random.Generator;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The workloads on Ithaca's CPU backend, written as a user writes them: Tensor ops whose results
 * are closed, an Adam step, and an MLP trained with a Scope per step. Threads: {@code -Dithaca.cpu.threads}.
 */
public final class IthacaPeer {
    private IthacaPeer() {
    }

    public static void main(String[] args) throws Exception {
        PeerRun run = PeerRun.fromArgs("Ithaca", args);
        run.detail("backend", Backends.current().name());
        run.detail("ithaca.cpu.threads", System.getProperty("ithaca.cpu.threads", "(all cores)"));
        Generator generator = new Generator(42);
        if (run.wants(Workloads.SGEMM)) {
            for (int n : Workloads.SGEMM_SIZES) {
                try (Tensor a = Tensor.randn(generator, n, n); Tensor b = Tensor.randn(generator, n, n)) {
                    run.measure(Workloads.SGEMM, "n=" + n, "GFLOP/s", Workloads.sgemmFlops(n) / 1e9, Timing.KERNEL,
                            i -> a.matmul(b).close());
                }
            }
        }
        if (run.wants(Workloads.ADD)) {
            try (Tensor a = Tensor.randn(generator, Workloads.ADD_SIZE); Tensor b = Tensor.randn(generator, Workloads.ADD_SIZE)) {
                run.measure(Workloads.ADD, "16M", "ops/s", 1, Timing.KERNEL, i -> a.add(b).close());
            }
        }
        if (run.wants(Workloads.ADAM)) {
            try (Parameter weight = Parameter.of("w", Tensor.randn(generator, Workloads.ADAM_SIZE))) {
                weight.setGrad(Tensor.randn(generator, Workloads.ADAM_SIZE));
                try (Adam adam = Adam.builder().lr(Workloads.LEARNING_RATE).build(List.of(weight))) {
                    run.measure(Workloads.ADAM, "10M", "steps/s", 1, Timing.KERNEL, i -> adam.step());
                }
            }
        }
        if (run.wants(Workloads.MLP_TRAIN) || run.wants(Workloads.MLP_INFER)) {
            mlp(run, generator);
        }
        run.finish();
    }

    private static void mlp(PeerRun run, Generator generator) throws Exception {
        TrainingData data = new TrainingData(7);
        int[] widths = Workloads.MLP_WIDTHS;
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            layers.add(new Linear(widths[i], widths[i + 1], generator));
            if (i + 2 < widths.length) {
                layers.add(new ReLU());
            }
        }
        try (Sequential model = new Sequential(layers); Adam adam = Adam.builder().lr(Workloads.LEARNING_RATE).build(model.parameters())) {
            CrossEntropyLoss lossFunction = new CrossEntropyLoss();
            float[] x = new float[Workloads.BATCH * TrainingData.FEATURES];
            int[] y = new int[Workloads.BATCH];
            long[] labels = new long[Workloads.BATCH];
            Step prepare = i -> {
                data.batch(i, x, y);
                for (int r = 0; r < y.length; r++) {
                    labels[r] = y[r];
                }
            };
            if (run.wants(Workloads.MLP_TRAIN)) {
                model.train();
                run.measure(Workloads.MLP_TRAIN, "batch 128", "samples/s", Workloads.BATCH, Timing.TRAINING, new Step() {
                    @Override
                    public void prepare(long i) throws Exception {
                        prepare.run(i);
                    }

                    @Override
                    public void run(long i) {
                        try (Scope scope = Scope.open()) {
                            Tensor input = Tensor.of(x, Workloads.BATCH, TrainingData.FEATURES);
                            Tensor target = Tensor.of(labels, Workloads.BATCH);
                            adam.zeroGrad();
                            lossFunction.forward(model.forward(input), target).backward();
                            adam.step();
                        }
                    }
                });
            }
            if (run.wants(Workloads.MLP_INFER)) {
                model.eval();
                run.measure(Workloads.MLP_INFER, "batch 128", "samples/s", Workloads.BATCH, Timing.KERNEL, new Step() {
                    @Override
                    public void prepare(long i) throws Exception {
                        prepare.run(i);
                    }

                    @Override
                    public void run(long i) {
                        try (NoGrad noGrad = NoGrad.enter(); Scope scope = Scope.open()) {
                            model.forward(Tensor.of(x, Workloads.BATCH, TrainingData.FEATURES));
                        }
                    }
                });
            }
        }
    }
}
