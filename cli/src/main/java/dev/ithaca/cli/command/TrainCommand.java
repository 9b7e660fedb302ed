package dev.ithaca.cli.command;

import dev.ithaca.cli.build.ClassificationData;
import dev.ithaca.cli.build.PreparedData;
import dev.ithaca.cli.config.RunConfig;
import dev.ithaca.cli.config.bind.Overrides;
import dev.ithaca.cli.report.HtmlReport;
import dev.ithaca.cli.report.TrainingMetrics;
import dev.ithaca.spi.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code ithaca train}: trains whatever the config describes and writes checkpoints and reports. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = dev.ithaca.cli.Version.class,
        description = "Train the model the config describes (MLP, LeNet-5 or GPT language model) on its data, with its"
                + " optimizer, schedule, callbacks and metrics. Writes checkpoints/, config.json, training_metrics.json and"
                + " report.html into the output directory.",
        footerHeading = "%nExamples:%n",
        footer = {"  ithaca train --config examples/fashion-mnist-mlp.yaml",
                "  ithaca train -c examples/fashion-mnist-lenet5.yaml --set training.epochs=3 --set optimizer.lr=0.02",
                "  ithaca train -c run.yaml --resume          # continue after an interruption",
                "  ithaca train -c examples/lm-quick.yaml --set 'data.paths=[corpus/]' --backend cpu"})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--resume", description = "Continue from the last checkpoint in the output directory (if there is one).")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RunConfig config = options.loadRequired("train", new Overrides());
        RunSetup.prepareOutputDir(config.outputDir());
        Backend backend = RunSetup.backend(options.backend, config);
        PreparedData data = config.isLanguageModel() ? TextPreparation.prepare(config, out)
                : ClassificationData.load(config.data(), config.training().seed());
        RunSetup.writeResolvedConfig(config, config.outputDir());
        TrainingMetrics metrics = TrainingMetrics.start("train", config, backend.name());
        Training.Trained trained = Training.fit(config, data, backend, resume, metrics, out, System.err);
        Training.writeReports(config.outputDir(), metrics);
        Training.printFinal(out, trained.finals());
        out.println("Reports: " + config.outputDir().resolve(TrainingMetrics.FILE) + ", " + config.outputDir().resolve(HtmlReport.FILE));
        return 0;
    }
}
