package dev.ithaca.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ithaca.cli.CliException;
import dev.ithaca.cli.build.LanguageData;
import dev.ithaca.cli.config.ConfigFiles;
import dev.ithaca.cli.config.DataConfig;
import dev.ithaca.cli.config.RunConfig;
import dev.ithaca.cli.config.bind.ConfigException;
import dev.ithaca.cli.config.bind.Overrides;
import dev.ithaca.cli.pipeline.Pipeline;
import dev.ithaca.cli.report.TrainingMetrics;
import dev.ithaca.spi.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ithaca pipeline}: corpus, tokenizer, GPT training and validation, resumable phase by phase. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, versionProvider = dev.ithaca.cli.Version.class,
        description = {"Train a GPT-style language model end to end, in four resumable phases:",
                "1 corpus: read --corpus-path (or download --corpus-url, verified by --sha256) and split it into training"
                        + " and validation text;",
                "2 tokenizer: train a byte-level BPE, save tokenizer.json, reload it, encode the text;",
                "3 model: train with AdamW, warmup + cosine, gradient clipping, checkpoints and early stopping;",
                "4 validation: validation loss and perplexity, sample generations, generation latency (p50/p95), peak memory.",
                "Without --config the built-in examples/lm-default.yaml is used. Outputs in the output directory: tokenizer.json,"
                        + " checkpoints/, model.safetensors, config.json, training_metrics.json, report.html."},
        footerHeading = "%nExamples:%n",
        footer = {"  ithaca pipeline --corpus-path corpus/ --output-dir runs/lm",
                "  ithaca pipeline --corpus-url https://example.org/book.txt --sha256 <64 hex digits> -o runs/book",
                "  ithaca pipeline --corpus-path corpus/ -o runs/lm --resume      # after Ctrl-C or a crash",
                "  ithaca pipeline -c examples/lm-quick.yaml --corpus-path notes.txt --epochs 2 --skip-tokenizer -o runs/lm"})
public final class PipelineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--corpus-path", paramLabel = "PATH", description = "Corpus file or directory (repeatable); default: data.paths of the config.")
    List<Path> corpusPaths = new ArrayList<>();

    @Option(names = "--corpus-url", paramLabel = "URL", description = "Download the corpus (resumable); needs --sha256.")
    URI corpusUrl;

    @Option(names = "--sha256", paramLabel = "HEX", description = "Expected SHA-256 of the --corpus-url file; a mismatch deletes it (exit code 2).")
    String sha256;

    @Option(names = "--epochs", paramLabel = "N", description = "Overrides training.epochs.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Overrides training.batch_size.")
    Integer batchSize;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Overrides optimizer.lr.")
    Double learningRate;

    @Option(names = "--vocab-size", paramLabel = "N", description = "Overrides tokenizer.vocab_size.")
    Integer vocabSize;

    @Option(names = "--context-length", paramLabel = "N", description = "Overrides model.context_length.")
    Integer contextLength;

    @Option(names = "--seed", paramLabel = "N", description = "Overrides training.seed (split, initialization, shuffling, sampling).")
    Long seed;

    @Option(names = "--skip-corpus", description = "Reuse the corpus split already in the output directory.")
    boolean skipCorpus;

    @Option(names = "--skip-tokenizer", description = "Reuse the existing tokenizer (tokenizer.path, else <output_dir>/tokenizer.json).")
    boolean skipTokenizer;

    @Option(names = "--resume", description = "Skip finished phases and continue training from the last checkpoint.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (corpusUrl != null && sha256 == null) {
            throw CliException.usage("--corpus-url needs --sha256 with the file's expected SHA-256");
        }
        if (corpusUrl != null && !corpusPaths.isEmpty()) {
            throw CliException.usage("give either --corpus-path or --corpus-url, not both");
        }
        RunConfig config = options.load("lm-default.yaml", flags());
        if (!config.isLanguageModel()) {
            throw CliException.usage("the pipeline trains language models: the config needs data type text and model type gpt");
        }
        List<Path> paths = corpusPaths.isEmpty() ? ((DataConfig.Text) config.data()).paths() : corpusPaths;
        if (corpusUrl == null && paths.isEmpty() && !skipCorpus && !resume) {
            throw CliException.usage("no corpus: give --corpus-path FILE_OR_DIR (repeatable) or --corpus-url URL --sha256 HEX");
        }
        RunSetup.prepareOutputDir(config.outputDir());
        Backend backend = RunSetup.backend(options.backend, config);
        out.printf(Locale.ROOT, "Pipeline: output in %s, backend %s, seed %d%n", config.outputDir(), backend.name(),
                config.training().seed());
        Pipeline pipeline = new Pipeline(config, backend, new Pipeline.Sources(paths, corpusUrl, sha256, skipCorpus, skipTokenizer),
                resume, out, System.err);
        Thread interruptNotice = new Thread(() -> System.err.println(
                "ithaca pipeline: interrupted; finished phases and the last checkpoint are kept. Run the same command with --resume"
                        + " to continue."));
        Runtime.getRuntime().addShutdownHook(interruptNotice);
        TrainingMetrics metrics;
        try {
            metrics = pipeline.run(used -> recordConfig(config, used));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interruptNotice);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the notice is exactly what the user should see
            }
        }
        summary(out, config, metrics);
        return 0;
    }

    private Overrides flags() {
        Overrides flags = new Overrides();
        if (epochs != null) {
            flags.with("training.epochs", epochs);
        }
        if (batchSize != null) {
            flags.with("training.batch_size", batchSize);
        }
        if (learningRate != null) {
            flags.with("optimizer.lr", learningRate);
        }
        if (vocabSize != null) {
            flags.with("tokenizer.vocab_size", vocabSize);
        }
        if (contextLength != null) {
            flags.with("model.context_length", contextLength);
        }
        if (seed != null) {
            flags.with("training.seed", seed);
        }
        return flags;
    }

    /** The config with the corpus actually read as data.paths, saved as the run's config.json. */
    private RunConfig recordConfig(RunConfig config, List<Path> used) {
        RunConfig resolved = config;
        if (!used.isEmpty()) {
            try {
                Overrides paths = new Overrides().with("data.paths",
                        new ObjectMapper().writeValueAsString(used.stream().map(Path::toString).toList()));
                resolved = ConfigFiles.reresolve(config, paths);
            } catch (ConfigException | com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot record the corpus paths " + used + " in the config", e);
            }
        }
        RunSetup.writeResolvedConfig(resolved, config.outputDir());
        return resolved;
    }

    private static void summary(PrintWriter out, RunConfig config, TrainingMetrics metrics) throws java.io.IOException {
        Path dir = config.outputDir();
        out.println("Artifacts:");
        List<Path> files = new ArrayList<>();
        for (String name : List.of("tokenizer.json", Pipeline.MODEL_FILE, RunSetup.RESOLVED_CONFIG, TrainingMetrics.FILE,
                "report.html", "loss.png", "learning_rate.png")) {
            files.add(dir.resolve(name));
        }
        files.set(0, LanguageData.tokenizerPath(config));
        Path checkpoints = config.callbacks().checkpoint().dir() != null ? config.callbacks().checkpoint().dir() : dir.resolve("checkpoints");
        if (Files.isDirectory(checkpoints)) {
            try (var listing = Files.list(checkpoints)) {
                listing.sorted().forEach(files::add);
            }
        }
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                out.printf(Locale.ROOT, "  %-60s %,12d bytes%n", file, Files.size(file));
            }
        }
        var pipeline = metrics.json().path("pipeline");
        out.printf(Locale.ROOT, "Validation loss %.4f, perplexity %.2f; latency p50 %.1f ms, p95 %.1f ms; peak RSS %.0f MB%n",
                pipeline.path("val_loss").asDouble(Double.NaN), pipeline.path("val_perplexity").asDouble(Double.NaN),
                pipeline.path("latency_p50_ms").asDouble(Double.NaN), pipeline.path("latency_p95_ms").asDouble(Double.NaN),
                pipeline.path("peak_rss_mb").asDouble(Double.NaN));
    }
}
