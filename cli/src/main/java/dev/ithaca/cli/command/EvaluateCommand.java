package dev.ithaca.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ithaca.cli.CliException;
import dev.ithaca.cli.FailureReport;
import dev.ithaca.cli.build.ClassificationData;
import dev.ithaca.cli.build.DataShape;
import dev.ithaca.cli.build.LanguageData;
import dev.ithaca.cli.build.PreparedData;
import dev.ithaca.cli.build.TrainingRun;
import dev.ithaca.cli.config.DataConfig;
import dev.ithaca.cli.config.RunConfig;
import dev.ithaca.cli.config.bind.ConfigException;
import dev.ithaca.cli.config.bind.Overrides;
import dev.ithaca.cli.io.AtomicFiles;
import dev.ithaca.data.text.CorpusSplit;
import dev.ithaca.data.text.Tokenizer;
import dev.ithaca.spi.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ithaca evaluate}: a checkpoint's loss and metrics on the validation or test data, as JSON. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = dev.ithaca.cli.Version.class,
        description = "Evaluate a checkpoint on the config's data: loss and every configured metric, printed as JSON"
                + " (and written to --output).",
        footerHeading = "%nExamples:%n",
        footer = {"  ithaca evaluate --config examples/fashion-mnist-mlp.yaml --split test",
                "  ithaca evaluate --run runs/lm --checkpoint runs/lm/checkpoints/last.safetensors --output eval.json"})
public final class EvaluateCommand implements Callable<Integer> {

    /** Which part of the data to evaluate on. */
    public enum Split { VALIDATION, TEST }

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--run", paramLabel = "DIR", description = "A train or pipeline output directory: its config.json is the config.")
    Path run;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Weights to evaluate (default: <output_dir>/checkpoints/last.safetensors).")
    Path checkpoint;

    @Option(names = "--split", paramLabel = "SPLIT",
            description = "validation or test (default: test when the config has test data, else validation).")
    Split split;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the JSON result to this file.")
    Path output;

    @Override
    public Integer call() throws Exception {
        RunConfig config = run != null && options.config == null
                ? RunSetup.readResolvedConfig(run, overrides()) : options.loadRequired("evaluate (or --run DIR)", new Overrides());
        Backend backend = RunSetup.backend(options.backend, config);
        PreparedData data = config.isLanguageModel() ? textData(config) : ClassificationData.load(config.data(), config.training().seed());
        Split chosen = split != null ? split : data.test() != null ? Split.TEST : Split.VALIDATION;
        if (chosen == Split.TEST && data.test() == null) {
            throw CliException.usage("--split test: the config names no test data (data.test_images/test_path); use --split validation");
        }
        if (chosen == Split.VALIDATION && data.validation() == null) {
            throw CliException.usage("--split validation: data.validation_fraction is 0, so there is no validation data");
        }
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        TrainingRun evaluation = TrainingRun.create(config, data, backend, config.outputDir(), silent);
        Path weights = Checkpoints.choose(checkpoint, config);
        Checkpoints.loadWeights(evaluation.model(), weights);
        Map<String, Double> metrics = new LinkedHashMap<>(chosen == Split.TEST ? evaluation.test() : evaluation.validate());
        String prefix = chosen == Split.TEST ? "test_" : "val_";
        if (data.shape().kind() == DataShape.Kind.TOKENS && metrics.containsKey(prefix + "loss")) {
            metrics.putIfAbsent(prefix + "perplexity", Math.exp(metrics.get(prefix + "loss")));
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode result = json.createObjectNode();
        result.put("checkpoint", weights.toString());
        result.put("split", chosen.name().toLowerCase(java.util.Locale.ROOT));
        result.put("examples", chosen == Split.TEST ? data.test().size() : data.validation().size());
        result.put("backend", backend.name());
        ObjectNode values = result.putObject("metrics");
        metrics.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                values.put(k, v);
            } else {
                values.put(k, Double.toString(v));
            }
        });
        String text = json.writeValueAsString(result);
        spec.commandLine().getOut().println(text);
        if (output != null) {
            try {
                AtomicFiles.writeString(output, text + "\n");
            } catch (IOException e) {
                throw CliException.io("cannot write " + output + ": " + FailureReport.describe(e), e);
            }
        }
        return 0;
    }

    private Overrides overrides() throws ConfigException {
        Overrides overrides = options.overrides();
        overrides.with("output_dir", options.outputDir != null ? options.outputDir : run);
        return overrides;
    }

    /** The run's own split and its saved tokenizer: evaluation never trains a tokenizer. */
    private static PreparedData textData(RunConfig config) {
        DataConfig.Text text = (DataConfig.Text) config.data();
        CorpusSplit.Parts<String> parts = LanguageData.split(LanguageData.read(text.paths()).text(), text.validationFraction(),
                config.training().seed());
        Tokenizer tokenizer = LanguageData.load(LanguageData.tokenizerPath(config));
        int[] validation = parts.validation().isEmpty() ? new int[0] : tokenizer.encode(parts.validation());
        return LanguageData.windows(config, tokenizer.encode(parts.train()), validation, tokenizer.vocabSize());
    }
}
