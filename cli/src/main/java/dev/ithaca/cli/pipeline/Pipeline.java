package dev.ithaca.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ithaca.cli.CliException;
import dev.ithaca.cli.FailureReport;
import dev.ithaca.cli.build.LanguageData;
import dev.ithaca.cli.build.ModelFactory;
import dev.ithaca.cli.build.PreparedData;
import dev.ithaca.cli.build.TrainingRun;
import dev.ithaca.cli.command.Training;
import dev.ithaca.cli.config.DataConfig;
import dev.ithaca.cli.config.GenerationConfig;
import dev.ithaca.cli.config.ModelConfig;
import dev.ithaca.cli.config.RunConfig;
import dev.ithaca.cli.config.bind.ConfigTree;
import dev.ithaca.cli.io.AtomicFiles;
import dev.ithaca.cli.report.HtmlReport;
import dev.ithaca.cli.report.TrainingMetrics;
import dev.ithaca.data.TextCorpus;
import dev.ithaca.data.text.CorpusSplit;
import dev.ithaca.data.text.Tokenizer;
import dev.ithaca.io.CheckpointFormatException;
import dev.ithaca.models.GptLanguageModel;
import dev.ithaca.models.Sampling;
import dev.ithaca.nn.Module;
import dev.ithaca.random.Generator;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The language-model pipeline in four phases, each recorded in {@link PipelineState} when done:
 * <ol>
 *   <li>corpus: read (or download) the text and split it deterministically into
 *       {@code corpus/train.txt} and {@code corpus/validation.txt};</li>
 *   <li>tokenizer: train a byte-level BPE on the training text, save {@code tokenizer.json}, reload
 *       it and encode both parts into {@code tokens/*.bin};</li>
 *   <li>model: train the GPT with the configured optimizer, schedule, clipping and callbacks
 *       (checkpoints in {@code checkpoints/}), then save {@code model.safetensors} and the reports;</li>
 *   <li>validation: validation loss and perplexity, sample generations, generation latency and peak
 *       memory, added to {@code training_metrics.json} and {@code report.html}.</li>
 * </ol>
 * With {@code resume}, finished phases whose inputs are unchanged are skipped and training continues
 * from {@code checkpoints/last.safetensors}.
 */
public final class Pipeline {
    static final String CORPUS = "corpus";
    static final String TOKENIZER = "tokenizer";
    static final String TRAINING = "training";
    static final String VALIDATION = "validation";
    public static final String MODEL_FILE = "model.safetensors";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the corpus comes from. */
    public record Sources(List<Path> paths, java.net.URI url, String sha256, boolean skipCorpus, boolean skipTokenizer) {
    }

    private RunConfig config;
    private final Backend backend;
    private final Sources sources;
    private final boolean resume;
    private final PrintWriter out;
    private final PrintStream progress;
    private final Path dir;
    private final ObjectNode timings = JSON.createObjectNode();

    private Tokenizer tokenizer;
    private int[] trainTokens;
    private int[] validationTokens;
    private Module trainedModel;

    public Pipeline(RunConfig config, Backend backend, Sources sources, boolean resume, PrintWriter out, PrintStream progress) {
        this.config = config;
        this.backend = backend;
        this.sources = sources;
        this.resume = resume;
        this.out = out;
        this.progress = progress;
        this.dir = config.outputDir();
    }

    /**
     * Runs every phase that is not already done; returns the final metrics file's content.
     *
     * @param withCorpusPaths gives the config with {@code data.paths} set to the corpus actually read
     *                        (and records it as the run's resolved config)
     */
    public TrainingMetrics run(Function<List<Path>, RunConfig> withCorpusPaths) throws IOException {
        if (!resume) {
            clearPreviousRun();
        }
        PipelineState state = PipelineState.open(dir, resume);
        String corpus = corpusPhase(state, withCorpusPaths);
        String tokens = tokenizerPhase(state, corpus);
        String trained = trainingPhase(state, tokens);
        return validationPhase(state, trained);
    }

    // ---- 1: corpus --------------------------------------------------------------------------------

    private String corpusPhase(PipelineState state, Function<List<Path>, RunConfig> withCorpusPaths) throws IOException {
        header(1, "Corpus");
        Path train = dir.resolve(CORPUS).resolve("train.txt");
        Path validation = dir.resolve(CORPUS).resolve("validation.txt");
        DataConfig.Text text = (DataConfig.Text) config.data();
        ObjectNode settings = JSON.createObjectNode();
        settings.put("paths", sources.paths().toString());
        settings.put("url", String.valueOf(sources.url()));
        settings.put("sha256", String.valueOf(sources.sha256()));
        settings.put("validation_fraction", text.validationFraction());
        settings.put("seed", config.training().seed());
        String fingerprint = PipelineState.fingerprint("", settings);
        JsonNode done = state.finished(CORPUS, fingerprint).orElse(null);
        if (sources.skipCorpus() || done != null) {
            requireFile(train, "the corpus split (run without --skip-corpus first)");
            requireFile(validation, "the corpus split (run without --skip-corpus first)");
            List<Path> recorded = done == null ? List.of() : paths(done.path("sources"));
            config = withCorpusPaths.apply(recorded);
            skipped(sources.skipCorpus() ? "--skip-corpus: using " + train.getParent() : "finished earlier");
            return contentHash(train, validation);
        }
        long start = System.nanoTime();
        List<Path> corpusPaths = sources.url() != null
                ? List.of(new CorpusDownload().fetch(sources.url(), sources.sha256(), dir.resolve("downloads"), out,
                        config.callbacks().progressBar()))
                : sources.paths();
        RunConfig resolved = withCorpusPaths.apply(corpusPaths);
        config = resolved;
        TextCorpus read = LanguageData.read(((DataConfig.Text) resolved.data()).paths());
        CorpusSplit.Parts<String> parts = LanguageData.split(read.text(), text.validationFraction(), config.training().seed());
        AtomicFiles.writeString(train, parts.train());
        AtomicFiles.writeString(validation, parts.validation());
        double seconds = seconds(start);
        ObjectNode details = PipelineState.details();
        details.put("seconds", seconds);
        details.put("corpus_bytes", read.sizeInBytes());
        details.put("files", read.documentCount());
        details.set("sources", JSON.valueToTree(corpusPaths.stream().map(Path::toString).toList()));
        state.markFinished(CORPUS, fingerprint, details);
        timings.put(CORPUS, seconds);
        done(seconds, String.format(Locale.ROOT, "%,d bytes in %d file(s); %,d characters for training, %,d for validation",
                read.sizeInBytes(), read.documentCount(), parts.train().length(), parts.validation().length()));
        return contentHash(train, validation);
    }

    // ---- 2: tokenizer -----------------------------------------------------------------------------

    private String tokenizerPhase(PipelineState state, String corpusHash) throws IOException {
        header(2, "Tokenizer");
        Path tokenizerFile = LanguageData.tokenizerPath(config);
        Path trainBin = dir.resolve("tokens").resolve("train.bin");
        Path validationBin = dir.resolve("tokens").resolve("validation.bin");
        String fingerprint = PipelineState.fingerprint(corpusHash, ConfigTree.of(config.tokenizer()).toString()
                + (sources.skipTokenizer() ? "|reused:" + hashOf(tokenizerFile) : ""));
        if (state.finished(TOKENIZER, fingerprint).isPresent() && Files.isRegularFile(trainBin) && Files.isRegularFile(validationBin)) {
            tokenizer = LanguageData.load(tokenizerFile);
            trainTokens = TokenFiles.read(trainBin);
            validationTokens = TokenFiles.read(validationBin);
            skipped("finished earlier: " + tokenizerFile + ", vocabulary " + tokenizer.vocabSize());
            return fingerprint;
        }
        long start = System.nanoTime();
        String trainText = Files.readString(dir.resolve(CORPUS).resolve("train.txt"), StandardCharsets.UTF_8);
        if (sources.skipTokenizer()) {
            requireFile(tokenizerFile, "the tokenizer to reuse (--skip-tokenizer)");
            tokenizer = LanguageData.load(tokenizerFile);
            out.println("      reusing " + tokenizerFile + " (--skip-tokenizer)");
        } else {
            Tokenizer trained = LanguageData.train(config.tokenizer(), trainText);
            Files.createDirectories(tokenizerFile.toAbsolutePath().getParent());
            trained.save(tokenizerFile);
            tokenizer = reload(tokenizerFile, trained, trainText);
        }
        double trainedAt = seconds(start);
        trainTokens = tokenizer.encode(trainText);
        trainText = null;
        validationTokens = tokenizer.encode(Files.readString(dir.resolve(CORPUS).resolve("validation.txt"), StandardCharsets.UTF_8));
        TokenFiles.write(trainBin, trainTokens);
        TokenFiles.write(validationBin, validationTokens);
        double seconds = seconds(start);
        long corpusBytes = Files.size(dir.resolve(CORPUS).resolve("train.txt")) + Files.size(dir.resolve(CORPUS).resolve("validation.txt"));
        ObjectNode details = PipelineState.details();
        details.put("seconds", seconds);
        details.put("vocab_size", tokenizer.vocabSize());
        details.put("train_tokens", trainTokens.length);
        details.put("validation_tokens", validationTokens.length);
        state.markFinished(TOKENIZER, fingerprint, details);
        timings.put(TOKENIZER, seconds);
        done(seconds, String.format(Locale.ROOT, "vocabulary %d (trained in %.1f s), %,d training + %,d validation tokens,"
                        + " %.2f bytes per token; saved %s", tokenizer.vocabSize(), trainedAt, trainTokens.length, validationTokens.length,
                corpusBytes / (double) Math.max(1, trainTokens.length + validationTokens.length), tokenizerFile));
        return fingerprint;
    }

    /** Loads the saved file back and checks it encodes like the trained tokenizer, so a bad save fails here. */
    private static Tokenizer reload(Path file, Tokenizer trained, String sampleSource) {
        Tokenizer loaded = LanguageData.load(file);
        String sample = sampleSource.substring(0, Math.min(sampleSource.length(), 4096));
        if (loaded.vocabSize() != trained.vocabSize() || !Arrays.equals(loaded.encode(sample), trained.encode(sample))) {
            throw CliException.io("the tokenizer saved to " + file + " does not load back the same (vocabulary "
                    + loaded.vocabSize() + " vs " + trained.vocabSize() + "); the file system may be failing", null);
        }
        return loaded;
    }

    // ---- 3: model ---------------------------------------------------------------------------------

    private String trainingPhase(PipelineState state, String tokensFingerprint) throws IOException {
        header(3, "Model");
        JsonNode settings = ConfigTree.of(config);
        ((ObjectNode) settings).remove(List.of("generation", "output_dir", "backend"));
        String fingerprint = PipelineState.fingerprint(tokensFingerprint, settings.toString());
        if (state.finished(TRAINING, fingerprint).isPresent() && Files.isRegularFile(dir.resolve(MODEL_FILE))
                && Files.isRegularFile(dir.resolve(TrainingMetrics.FILE))) {
            skipped("finished earlier: " + dir.resolve(MODEL_FILE));
            return fingerprint;
        }
        long start = System.nanoTime();
        PreparedData data = LanguageData.windows(config, trainTokens, validationTokens, tokenizer.vocabSize());
        TrainingMetrics metrics = TrainingMetrics.start("pipeline", config, backend.name());
        TrainingRun run = Training.fit(config, data, backend, resume, metrics, out, progress).run();
        trainedModel = run.model();
        try {
            trainedModel.save(dir.resolve(MODEL_FILE));
        } catch (IOException e) {
            throw CliException.io("cannot save " + dir.resolve(MODEL_FILE) + ": " + FailureReport.describe(e), e);
        }
        double seconds = seconds(start);
        timings.put(TRAINING, seconds);
        metrics.section("pipeline").set("phases", timings.deepCopy());
        Training.writeReports(dir, metrics);
        ObjectNode details = PipelineState.details();
        details.put("seconds", seconds);
        details.set("final", metrics.json().path("final").deepCopy());
        state.markFinished(TRAINING, fingerprint, details);
        JsonNode finals = metrics.json().path("final");
        done(seconds, String.format(Locale.ROOT, "%d epochs, train loss %.4f, validation loss %.4f; final weights in %s",
                metrics.json().path("epochs").size(), finals.path("train_loss").asDouble(Double.NaN),
                finals.path("val_loss").asDouble(Double.NaN), dir.resolve(MODEL_FILE)));
        return fingerprint;
    }

    // ---- 4: validation ----------------------------------------------------------------------------

    private TrainingMetrics validationPhase(PipelineState state, String trainingFingerprint) throws IOException {
        header(4, "Validation");
        String fingerprint = PipelineState.fingerprint(trainingFingerprint, ConfigTree.of(config.generation()).toString());
        if (state.finished(VALIDATION, fingerprint).isPresent() && Files.isRegularFile(dir.resolve(HtmlReport.FILE))) {
            skipped("finished earlier: " + dir.resolve(HtmlReport.FILE));
            return TrainingMetrics.read(dir);
        }
        long start = System.nanoTime();
        TrainingMetrics metrics = TrainingMetrics.read(dir);
        GptLanguageModel model = model();
        GenerationConfig generation = config.generation();
        ObjectNode pipeline = metrics.section("pipeline");
        JsonNode finals = metrics.json().path("final");
        pipeline.set("val_loss", finals.path("val_loss"));
        pipeline.set("val_perplexity", finals.path("val_perplexity"));
        ArrayNode samples = pipeline.putArray("samples");
        Sampling sampling = new Sampling(generation.temperature(), generation.topK());
        for (String prompt : generation.prompts()) {
            int[] ids = tokenizer.encode(prompt);
            if (ids.length == 0) {
                continue;
            }
            int[] generated = model.generate(ids, generation.maxTokens(), sampling, new Generator(config.training().seed()));
            String text = tokenizer.decode(generated);
            samples.addObject().put("prompt", prompt).put("text", text);
            out.println("      sample: " + text.replace('\n', ' '));
        }
        Latency latency = measureLatency(model, generation, sampling);
        pipeline.put("latency_prompt_tokens", generation.latencyPromptTokens());
        pipeline.put("latency_new_tokens", generation.latencyNewTokens());
        pipeline.put("latency_runs", latency.runs());
        pipeline.put("latency_p50_ms", latency.p50Millis());
        pipeline.put("latency_p95_ms", latency.p95Millis());
        pipeline.put("latency_mean_ms", latency.meanMillis());
        pipeline.put("generated_tokens_per_second", generation.latencyNewTokens() / (latency.meanMillis() / 1000.0));
        double seconds = seconds(start);
        timings.put(VALIDATION, seconds);
        ObjectNode phases = pipeline.has("phases") ? (ObjectNode) pipeline.get("phases") : pipeline.putObject("phases");
        phases.setAll(timings);
        PeakMemory.peakRssBytes().ifPresent(bytes -> pipeline.put("peak_rss_mb", bytes / (1024.0 * 1024.0)));
        ArrayNode artifacts = pipeline.putArray("artifacts");
        for (String name : List.of("tokenizer.json", MODEL_FILE, "checkpoints", TrainingMetrics.FILE, HtmlReport.FILE)) {
            artifacts.add(dir.resolve(name).toString());
        }
        Path tokenizerFile = LanguageData.tokenizerPath(config);
        artifacts.set(0, JSON.getNodeFactory().textNode(tokenizerFile.toString()));
        Training.writeReports(dir, metrics);
        ObjectNode details = PipelineState.details();
        details.put("seconds", seconds);
        state.markFinished(VALIDATION, fingerprint, details);
        done(seconds, String.format(Locale.ROOT, "validation loss %.4f (perplexity %.2f); generation of %d tokens after a %d-token"
                        + " prompt: p50 %.1f ms, p95 %.1f ms; peak RSS %s", finals.path("val_loss").asDouble(Double.NaN),
                finals.path("val_perplexity").asDouble(Double.NaN), generation.latencyNewTokens(), generation.latencyPromptTokens(),
                latency.p50Millis(), latency.p95Millis(),
                PeakMemory.peakRssBytes().stream().mapToObj(b -> String.format(Locale.ROOT, "%.0f MB", b / 1048576.0))
                        .findFirst().orElse("unknown")));
        return metrics;
    }

    @SuppressWarnings("try") // the Use handle only scopes which backend new tensors go to
    private GptLanguageModel model() throws IOException {
        if (trainedModel instanceof GptLanguageModel trained) {
            return trained;
        }
        ModelConfig.Gpt gpt = (ModelConfig.Gpt) config.model();
        GptLanguageModel model;
        try (Backends.Use onBackend = Backends.use(backend)) {
            model = new GptLanguageModel(ModelFactory.gptConfig(gpt, tokenizer.vocabSize()), config.training().seed());
        }
        try {
            model.load(dir.resolve(MODEL_FILE), true);
        } catch (CheckpointFormatException e) {
            throw CliException.io("corrupt " + e.getMessage() + "; run the pipeline again without --resume", e);
        }
        return model;
    }

    /** Generation time for a fixed prompt cut from the validation tokens: 2 warmup runs, then the timed ones. */
    private Latency measureLatency(GptLanguageModel model, GenerationConfig generation, Sampling sampling) {
        int[] source = validationTokens.length >= generation.latencyPromptTokens() ? validationTokens : trainTokens;
        int[] prompt = new int[generation.latencyPromptTokens()];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = source[i % source.length];
        }
        double[] millis = new double[generation.latencyRuns()];
        for (int run = -2; run < millis.length; run++) {
            Generator generator = new Generator(config.training().seed() + run);
            long start = System.nanoTime();
            model.generate(prompt, generation.latencyNewTokens(), sampling, generator);
            if (run >= 0) {
                millis[run] = (System.nanoTime() - start) / 1e6;
            }
        }
        return Latency.of(millis);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** A fresh run must not resume by accident: drop the previous run's checkpoints, log and markers. */
    private void clearPreviousRun() throws IOException {
        Path checkpoints = config.callbacks().checkpoint().dir() != null ? config.callbacks().checkpoint().dir()
                : dir.resolve("checkpoints");
        if (Files.isDirectory(checkpoints)) {
            try (Stream<Path> files = Files.list(checkpoints)) {
                for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".safetensors")).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.deleteIfExists(dir.resolve("training_log.jsonl"));
        Files.deleteIfExists(dir.resolve(PipelineState.FILE));
    }

    private static List<Path> paths(JsonNode array) {
        List<Path> out = new ArrayList<>();
        array.forEach(p -> out.add(Path.of(p.asText())));
        return out;
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw CliException.data(file.toAbsolutePath() + " is missing: it should hold " + what, null);
        }
    }

    private static String contentHash(Path... files) throws IOException {
        StringBuilder hashes = new StringBuilder();
        for (Path file : files) {
            hashes.append(CorpusDownload.sha256Of(file));
        }
        return PipelineState.fingerprint("", hashes.toString());
    }

    private static String hashOf(Path file) throws IOException {
        return Files.isRegularFile(file) ? CorpusDownload.sha256Of(file) : "missing";
    }

    private void header(int phase, String name) {
        out.printf(Locale.ROOT, "[%d/4] %s%n", phase, name);
        out.flush();
    }

    private void skipped(String why) {
        out.println("      skipped: " + why);
        out.flush();
    }

    private void done(double seconds, String summary) {
        out.printf(Locale.ROOT, "      done in %.1f s: %s%n", seconds, summary);
        out.flush();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
