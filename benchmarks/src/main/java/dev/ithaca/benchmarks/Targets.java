package dev.ithaca.benchmarks;

import java.util.List;
import java.util.stream.Stream;

/** The benchmark pairs, and the performance targets of the CPU backend as the issues state them. */
final class Targets {
    private Targets() {
    }

    /** Autograd overhead: a taped training step may take at most 1.15x the time of the same math in raw kernels. */
    static final double MAX_TAPE_SLOWDOWN = 1.15;

    static final List<Comparison> COMPARISONS = List.of(
            Comparison.atLeast("matmul", "matmul", MatmulBenchmark.class, "tensorMatmul", "rawSgemm", 0.95)
                    .onlyWhen(params -> Integer.parseInt(params.get("n")) >= 512),
            Comparison.atLeast("add", "add 16M", ElementwiseBenchmark.class, "tensorAdd", "javaAdd", 0.8),
            Comparison.atLeast("mul", "mul 16M", ElementwiseBenchmark.class, "tensorMul", "javaMul", 0.8),
            Comparison.reported("softmax", "softmax 4096x1024", SoftmaxBenchmark.class, "tensorSoftmax", "javaSoftmax"),
            Comparison.reported("sum", "sum 16M", SumBenchmark.class, "tensorSum", "javaSum"),
            Comparison.atLeast("adamw", "AdamW step 10M / STREAM triad", OptimizerBenchmark.class, "adamwStep", "triad", 0.6),
            Comparison.reported("accuracy", "Accuracy update 4096x10", MetricsBenchmark.class, "accuracyUpdate", "javaAccuracy"),
            Comparison.reported("f1", "F1 (macro) update 4096x10", MetricsBenchmark.class, "f1Update", "javaF1"),
            Comparison.reported("dataloader", "DataLoader epoch 16384x784", DataLoaderBenchmark.class, "loaderEpoch", "indexSelectEpoch"),
            Comparison.reported("trainer", "Trainer epoch", TrainerBenchmark.class, "trainerEpoch", "handLoop"),
            Comparison.atLeast("mlp-step", "autograd: MLP step", MlpStepBenchmark.class, "tapedStep", "rawStep", 1 / MAX_TAPE_SLOWDOWN),
            Comparison.atLeast("block-step", "autograd: Transformer block step", TransformerBlockStepBenchmark.class, "tapedStep",
                    "rawStep", 1 / MAX_TAPE_SLOWDOWN));

    static final List<Ceiling> CEILINGS = List.of(
            new Ceiling("dispatch", "dispatch (1-element add)", DispatchBenchmark.class, "tensorAddOneElement", 1000));

    /** The benchmarks to run, grouped so that a Tensor benchmark runs next to its baseline. */
    static List<List<String>> runGroups() {
        return Stream.concat(COMPARISONS.stream().map(Comparison::benchmarks), CEILINGS.stream().map(Ceiling::benchmarks)).toList();
    }

    /** Every key a slowdown can be injected into. */
    static List<String> keys() {
        return Stream.concat(COMPARISONS.stream().map(Comparison::key), CEILINGS.stream().map(Ceiling::key)).toList();
    }
}
