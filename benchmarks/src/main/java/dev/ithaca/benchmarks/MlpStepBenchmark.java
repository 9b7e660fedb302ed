package dev.ithaca.benchmarks;

import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.ReLU;
import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.random.Generator;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Strided;
import dev.ithaca.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Forward + backward of an MLP 784-512-512-10 (ReLU) with cross-entropy on a batch of 128, scored
 * in samples/s. {@code tapedStep} is what a user writes (nn modules, {@code loss.backward()}, one
 * Scope per step); {@code rawStep} computes the same loss and gradients with backend kernels on the
 * same parameters' memory, no tape and no Tensor objects. Their ratio is the autograd overhead.
 */
@OperationsPerInvocation(MlpStepBenchmark.BATCH)
public class MlpStepBenchmark extends CpuBenchmark {
    static final int BATCH = 128;
    private static final int[] WIDTHS = {784, 512, 512, 10};

    private Sequential model;
    private CrossEntropyLoss loss;
    private Tensor x;
    private Tensor targets;
    private Backend backend;
    private RawMlp raw;
    private Strided rawTargets;
    private final InjectedSlowdown slowdown = InjectedSlowdown.forKey("mlp-step");

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        Generator generator = new Generator(7);
        List<Module> layers = new ArrayList<>();
        List<RawLinear> rawLayers = new ArrayList<>();
        for (int i = 0; i + 1 < WIDTHS.length; i++) {
            Linear linear = new Linear(WIDTHS[i], WIDTHS[i + 1], generator);
            layers.add(linear);
            rawLayers.add(new RawLinear(linear.weight().strided(), linear.bias().orElseThrow().strided()));
            if (i + 2 < WIDTHS.length) {
                layers.add(new ReLU());
            }
        }
        model = new Sequential(layers);
        raw = new RawMlp(rawLayers);
        loss = new CrossEntropyLoss();
        x = Tensor.of(RandomFloats.of(BATCH * WIDTHS[0], 5), BATCH, WIDTHS[0]);
        long[] classes = new long[BATCH];
        for (int i = 0; i < BATCH; i++) {
            classes[i] = (i * 7L) % WIDTHS[WIDTHS.length - 1];
        }
        targets = Tensor.of(classes, BATCH);
        backend = x.backend();
        rawTargets = RawKernels.view(targets.strided(), BATCH, 1);
        checkSameResult();
        StepWarmup.run(params, this::tapedStep, this::rawStep, 3);
    }

    private void checkSameResult() {
        double tapedLoss;
        try (Scope ignored = Scope.open()) {
            tapedLoss = tapedLoss().item();
        }
        try (RawKernels k = new RawKernels(backend)) {
            RawMlp.Result result = raw.step(k, x.strided(), rawTargets);
            Map<String, float[]> expected = new HashMap<>();
            for (int i = 0; i < result.grads().length; i++) {
                // Sequential names layer i's Linear by its position: a ReLU sits between each two
                expected.put((2 * i) + ".weight", k.toHost(result.grads()[i].weight()));
                expected.put((2 * i) + ".bias", k.toHost(result.grads()[i].bias()));
            }
            SameResult.check("MLP loss", k.toHost(result.loss())[0], tapedLoss, 1e-5);
            SameGradients.check("MLP", expected, model.namedParameters(), 1e-4);
        }
    }

    private Tensor tapedLoss() {
        model.zeroGrad();
        Tensor value = loss.forward(model.forward(x), targets);
        value.backward();
        return value;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
        x.close();
        targets.close();
    }

    @Benchmark
    public void tapedStep() {
        long start = slowdown.start();
        try (Scope ignored = Scope.open()) {
            tapedLoss();
        }
        slowdown.finish(start);
    }

    @Benchmark
    public void rawStep() {
        try (RawKernels k = new RawKernels(backend)) {
            raw.step(k, x.strided(), rawTargets);
        }
    }
}
