package dev.ithaca.benchmarks;

import dev.ithaca.memory.Scope;
import dev.ithaca.nn.GELU;
import dev.ithaca.nn.LayerNorm;
import dev.ithaca.nn.Parameter;
import dev.ithaca.nn.TransformerBlock;
import dev.ithaca.random.Generator;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.util.HashMap;
import java.util.Map;

/**
 * Forward + backward of one pre-norm Transformer block (d = 256, 4 heads, exact GELU, no dropout)
 * on 16 sequences of 128 tokens, from a fixed output gradient, scored in sequences/s. As in
 * {@link MlpStepBenchmark}, {@code tapedStep} goes through nn and autograd, {@code rawStep} does
 * the same math in backend kernels on the same parameters, and the ratio is the autograd overhead.
 */
@OperationsPerInvocation(TransformerBlockStepBenchmark.BATCH)
public class TransformerBlockStepBenchmark extends CpuBenchmark {
    static final int BATCH = 16;
    static final int TIME = 128;
    static final int WIDTH = 256;
    static final int HEADS = 4;

    private TransformerBlock block;
    private Tensor x;
    private Tensor dy;
    private RawKernels constants;
    private RawTransformerBlock raw;
    private final InjectedSlowdown slowdown = InjectedSlowdown.forKey("block-step");

    @Setup(Level.Trial)
    public void setUp() {
        block = new TransformerBlock(WIDTH, HEADS, 0, GELU.Approximation.NONE, new Generator(11));
        x = Tensor.of(RandomFloats.of(BATCH * TIME * WIDTH, 12), BATCH, TIME, WIDTH).requiresGrad(true);
        dy = Tensor.of(RandomFloats.of(BATCH * TIME * WIDTH, 13), BATCH, TIME, WIDTH);
        constants = new RawKernels(x.backend());
        Map<String, Parameter> p = block.namedParameters();
        Strided mask = constants.fromHost(causalMask(), DType.BOOL, TIME, TIME);
        RawAttention attention = new RawAttention(linear(p, "attn.qkv"), linear(p, "attn.proj"), BATCH, TIME, HEADS, mask);
        raw = new RawTransformerBlock(layerNorm(p, "ln1"), attention, layerNorm(p, "ln2"), linear(p, "mlp.0"), linear(p, "mlp.2"));
        checkSameResult();
    }

    private static boolean[] causalMask() {
        boolean[] keep = new boolean[TIME * TIME];
        for (int query = 0; query < TIME; query++) {
            for (int key = 0; key <= query; key++) {
                keep[query * TIME + key] = true;
            }
        }
        return keep;
    }

    private static RawLinear linear(Map<String, Parameter> p, String name) {
        return new RawLinear(p.get(name + ".weight").strided(), p.get(name + ".bias").strided());
    }

    private RawLayerNorm layerNorm(Map<String, Parameter> p, String name) {
        double eps = ((LayerNorm) block.namedModules().get(name)).eps();
        return new RawLayerNorm(p.get(name + ".weight").strided(), p.get(name + ".bias").strided(), eps);
    }

    private void checkSameResult() {
        float[] tapedOutput;
        try (Scope ignored = Scope.open()) {
            tapedOutput = tapedForwardBackward().toFloatArray();
        }
        try (RawKernels k = new RawKernels(x.backend())) {
            RawTransformerBlock.Result result = raw.step(k, rows(x), rows(dy));
            SameResult.check("Transformer block output", k.toHost(result.output()), tapedOutput, 1e-4);
            Map<String, float[]> expected = new HashMap<>();
            result.grads().forEach((name, grad) -> expected.put(name, k.toHost(grad)));
            Map<String, Tensor> leaves = new HashMap<>(block.namedParameters());
            leaves.put("input", x);
            SameGradients.check("Transformer block", expected, leaves, 1e-3);
        }
    }

    private Tensor tapedForwardBackward() {
        block.zeroGrad();
        x.zeroGrad();
        Tensor output = block.forward(x);
        output.backward(dy);
        return output;
    }

    private static Strided rows(Tensor t) {
        return RawKernels.view(t.strided(), (long) BATCH * TIME, WIDTH);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        constants.close();
        block.close();
        x.close();
        dy.close();
    }

    @Benchmark
    public void tapedStep() {
        long start = slowdown.start();
        try (Scope ignored = Scope.open()) {
            tapedForwardBackward();
        }
        slowdown.finish(start);
    }

    @Benchmark
    public void rawStep() {
        try (RawKernels k = new RawKernels(x.backend())) {
            raw.step(k, rows(x), rows(dy));
        }
    }
}
