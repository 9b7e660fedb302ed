package dev.ithaca.benchmarks;

import java.util.List;
import java.util.stream.Stream;

/** The performance targets of the CPU backend, as the issue states them. */
final class Targets {
    private Targets() {
    }

    /** Autograd overhead: a taped training step may take at most 1.15x the time of the same math in raw kernels. */
    static final double MAX_TAPE_SLOWDOWN = 1.15;

    static final List<Comparison> COMPARISONS = List.of(
            Comparison.atLeast("matmul", MatmulBenchmark.class, "tensorMatmul", "rawSgemm", 0.95)
                    .onlyWhen(params -> Integer.parseInt(params.get("n")) >= 512),
            Comparison.atLeast("add 16M", ElementwiseBenchmark.class, "tensorAdd", "javaAdd", 0.8),
            Comparison.atLeast("mul 16M", ElementwiseBenchmark.class, "tensorMul", "javaMul", 0.8),
            Comparison.reported("softmax 4096x1024", SoftmaxBenchmark.class, "tensorSoftmax", "javaSoftmax"),
            Comparison.reported("sum 16M", SumBenchmark.class, "tensorSum", "javaSum"),
            Comparison.atLeast("autograd: MLP step", MlpStepBenchmark.class, "tapedStep", "rawStep", 1 / MAX_TAPE_SLOWDOWN),
            Comparison.atLeast("autograd: Transformer block step", TransformerBlockStepBenchmark.class, "tapedStep", "rawStep",
                    1 / MAX_TAPE_SLOWDOWN));

    static final List<Ceiling> CEILINGS = List.of(
            new Ceiling("dispatch (1-element add)", DispatchBenchmark.class, "tensorAddOneElement", 1000));

    /** The benchmarks to run, grouped so that a Tensor benchmark runs next to its baseline. */
    static List<List<String>> runGroups() {
        return Stream.concat(COMPARISONS.stream().map(Comparison::benchmarks), CEILINGS.stream().map(Ceiling::benchmarks)).toList();
    }
}
