package dev.ithaca.benchmarks;

import dev.ithaca.data.DataLoader;
import dev.ithaca.data.TensorDataset;
import dev.ithaca.loops.Trainer;
import dev.ithaca.memory.Scope;
import dev.ithaca.models.GptConfig;
import dev.ithaca.models.GptLanguageModel;
import dev.ithaca.models.LeNet5;
import dev.ithaca.models.Mlp;
import dev.ithaca.models.NextTokenLoss;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.nn.loss.Loss;
import dev.ithaca.optim.Adam;
import dev.ithaca.random.Generator;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;
import dev.ithaca.train.BatchIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One training epoch of a reference model through {@link Trainer#fit} against the loop a user writes
 * by hand over the same {@link DataLoader}: zero the gradients, forward, loss, backward, Adam step,
 * one Scope per batch. Scored in epochs/s; the ratio is what the Trainer adds per step (its
 * bookkeeping: callbacks, running loss, history, logging).
 *
 * <ul>
 *   <li>{@code mlp}: {@link Mlp} 784-512-512-10, 16 batches of 128</li>
 *   <li>{@code lenet5}: {@link LeNet5} on 1x28x28 images, 4 batches of 128</li>
 *   <li>{@code gpt}: {@link GptLanguageModel} with 2 layers, d = 128, 4 heads, 64 tokens of context, a vocabulary
 *       of 96; 4 batches of 16 sequences</li>
 * </ul>
 */
public class TrainerBenchmark extends CpuBenchmark {
    @Param({"mlp", "lenet5", "gpt"})
    String model;

    private Module network;
    private Loss loss;
    private Adam optimizer;
    private DataLoader loader;
    private Tensor inputs;
    private Tensor targets;
    private Trainer trainer;
    private final InjectedSlowdown slowdown = InjectedSlowdown.forKey("trainer");

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        Generator generator = new Generator(17);
        int batch;
        switch (model) {
            case "mlp" -> {
                network = Mlp.builder().inputFeatures(784).hiddenWidths(512, 512).outputFeatures(10).generator(generator).build();
                loss = new CrossEntropyLoss();
                batch = 128;
                inputs = Tensor.rand(generator, 16L * batch, 784);
                targets = Tensor.randint(generator, 0, 10, 16L * batch);
            }
            case "lenet5" -> {
                network = LeNet5.builder().generator(generator).build();
                loss = new CrossEntropyLoss();
                batch = 128;
                inputs = Tensor.rand(generator, 4L * batch, 1, 28, 28);
                targets = Tensor.randint(generator, 0, 10, 4L * batch);
            }
            case "gpt" -> {
                GptConfig config = GptConfig.of(96, 64, 128, 2, 4);
                network = new GptLanguageModel(config, generator);
                loss = new NextTokenLoss();
                batch = 16;
                inputs = Tensor.randint(generator, 0, 96, 4L * batch, 64);
                targets = Tensor.randint(generator, 0, 96, 4L * batch, 64);
            }
            default -> throw new IllegalArgumentException("model must be mlp, lenet5 or gpt, got " + model);
        }
        optimizer = Adam.builder().lr(1e-3).build(network.parameters());
        loader = DataLoader.builder(TensorDataset.of(inputs, targets)).batchSize(batch).shuffle(true).seed(5).build();
        trainer = Trainer.builder().model(network).loss(loss).optimizer(optimizer).maxEpochs(1).build();
        StepWarmup.run(params, "trainerEpoch", this::trainerEpoch, this::handLoop, 2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        optimizer.close();
        network.close();
        inputs.close();
        targets.close();
    }

    @Benchmark
    public void trainerEpoch() {
        long start = slowdown.start();
        trainer.fit(loader);
        slowdown.finish(start);
    }

    @Benchmark
    public void handLoop() {
        try (BatchIterator batches = loader.iterate(0)) {
            while (batches.hasNext()) {
                try (Scope ignored = Scope.open()) {
                    Batch b = batches.next();
                    optimizer.zeroGrad();
                    loss.forward(network.forward(b.input()), b.target()).backward();
                    optimizer.step();
                }
            }
        }
    }
}
