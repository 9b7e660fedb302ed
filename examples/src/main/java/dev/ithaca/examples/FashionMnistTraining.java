package dev.ithaca.examples;

import dev.ithaca.data.idx.FashionMnist;
import dev.ithaca.examples.FashionMnistRecipe.Architecture;
import dev.ithaca.examples.FashionMnistRecipe.Result;
import dev.ithaca.examples.FashionMnistRecipe.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** The Fashion-MNIST example: trains an MLP and LeNet-5 and prints their test accuracy. */
@Command(name = "fashion-mnist", mixinStandardHelpOptions = true,
        description = "Trains an MLP and LeNet-5 on Fashion-MNIST (AdamW, cosine annealing, early stopping, checkpoints) "
                + "and reports test accuracy, time per epoch and samples/s.",
        footer = {"", "Needs the Debian package: apt-get install dataset-fashion-mnist"})
public final class FashionMnistTraining implements Callable<Integer> {

    @Option(names = "--model", split = ",", description = "mlp, lenet5 or both (comma separated; default: ${DEFAULT-VALUE})",
            defaultValue = "mlp,lenet5")
    List<String> models;

    @Option(names = "--epochs", defaultValue = "10", description = "maximum epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", description = "AdamW learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--weight-decay", defaultValue = "1e-4", description = "AdamW weight decay (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--patience", defaultValue = "3", description = "early-stopping patience in epochs (default: ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--train-subset", defaultValue = "0", description = "train on the first N training images only (0 = all)")
    long trainSubset;

    @Option(names = "--seed", defaultValue = "42", description = "default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--workers", defaultValue = "1", description = "data-loading threads (0 = load on the training thread)")
    int workers;

    @Option(names = "--data-dir", defaultValue = FashionMnist.DEFAULT_DIRECTORY,
            description = "directory with the four IDX files (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--output-dir", defaultValue = "target/fashion-mnist", description = "checkpoints go here (default: ${DEFAULT-VALUE})")
    Path outputDir;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FashionMnistTraining()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        FashionMnist fashion = FashionMnist.at(dataDir);
        List<Result> results = new ArrayList<>();
        for (String name : models) {
            Architecture architecture = architecture(name);
            Settings settings = new Settings(architecture, epochs, batchSize, learningRate, weightDecay, patience,
                    trainSubset, seed, workers, outputDir, !quiet);
            System.out.printf("== %s on Fashion-MNIST (%s) ==%n", architecture, fashion.directory());
            Result result = FashionMnistRecipe.run(fashion, settings, System.out);
            results.add(result);
            System.out.printf(Locale.ROOT, "%s: test accuracy %.2f%% (loss %.4f) after %d epochs; %.1f s/epoch, %.0f samples/s; best checkpoint %s%n",
                    architecture, 100 * result.testAccuracy(), result.testLoss(), result.epochsRun(), result.secondsPerEpoch(),
                    result.samplesPerSecond(), result.bestCheckpoint());
        }
        System.out.println();
        System.out.println("| model | test accuracy | epochs | s/epoch | samples/s |");
        System.out.println("|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %.2f%% | %d | %.1f | %.0f |%n", r.architecture(), 100 * r.testAccuracy(),
                    r.epochsRun(), r.secondsPerEpoch(), r.samplesPerSecond());
        }
        return 0;
    }

    private static Architecture architecture(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "mlp" -> Architecture.MLP;
            case "lenet5", "lenet-5", "lenet" -> Architecture.LENET5;
            default -> throw new CommandLine.ParameterException(new CommandLine(new FashionMnistTraining()),
                    "--model: unknown model '" + name + "'; valid: mlp, lenet5");
        };
    }
}
