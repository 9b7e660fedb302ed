package dev.ithaca.cli.command;

import dev.ithaca.cli.CliException;
import dev.ithaca.cli.build.LanguageData;
import dev.ithaca.cli.build.ModelFactory;
import dev.ithaca.cli.config.GenerationConfig;
import dev.ithaca.cli.config.ModelConfig;
import dev.ithaca.cli.config.RunConfig;
import dev.ithaca.cli.config.bind.Overrides;
import dev.ithaca.data.text.Tokenizer;
import dev.ithaca.models.GptLanguageModel;
import dev.ithaca.models.Sampling;
import dev.ithaca.random.Generator;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ithaca generate}: continues a prompt with a trained language model. */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = dev.ithaca.cli.Version.class,
        description = "Continue a prompt with a trained language model and its tokenizer. Sampling defaults come from the"
                + " run's generation section.",
        footerHeading = "%nExamples:%n",
        footer = {"  ithaca generate --run runs/lm --prompt 'And God said' --max-tokens 64",
                "  ithaca generate --run runs/lm --prompt 'In the beginning' --temperature 0 # greedy",
                "  ithaca generate --config examples/lm-default.yaml --checkpoint best.safetensors --tokenizer tok.json --prompt Hi"})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--run", paramLabel = "DIR", description = "A pipeline or train output directory (its config.json, tokenizer and checkpoint).")
    Path run;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Weights (default: <output_dir>/checkpoints/last.safetensors).")
    Path checkpoint;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "Tokenizer JSON (default: tokenizer.path, else <output_dir>/tokenizer.json).")
    Path tokenizer;

    @Option(names = {"-p", "--prompt"}, required = true, description = "The text to continue.")
    String prompt;

    @Option(names = {"-n", "--max-tokens"}, paramLabel = "N", description = "Tokens to generate (default: generation.max_tokens).")
    Integer maxTokens;

    @Option(names = {"-t", "--temperature"}, paramLabel = "T", description = "0 is greedy; default: generation.temperature.")
    Double temperature;

    @Option(names = {"-k", "--top-k"}, paramLabel = "K", description = "Sample among the K most likely tokens, 0 = all; default: generation.top_k.")
    Integer topK;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the sampling (default: training.seed).")
    Long seed;

    @Override
    @SuppressWarnings("try") // the Use handle only scopes which backend new tensors go to
    public Integer call() throws Exception {
        RunConfig config = loadConfig();
        if (!(config.model() instanceof ModelConfig.Gpt gpt)) {
            throw CliException.usage("generate needs a language model (model.type gpt), got a " + config.model().getClass().getSimpleName()
                    + " config");
        }
        GenerationConfig defaults = config.generation();
        int tokens = maxTokens != null ? maxTokens : defaults.maxTokens();
        double temp = temperature != null ? temperature : defaults.temperature();
        int k = topK != null ? topK : defaults.topK();
        if (tokens < 0 || temp < 0 || !Double.isFinite(temp) || k < 0) {
            throw CliException.usage("--max-tokens, --temperature and --top-k must be >= 0, got " + tokens + ", " + temp + ", " + k);
        }
        Tokenizer vocabulary = LanguageData.load(tokenizer != null ? tokenizer : LanguageData.tokenizerPath(config));
        Backend backend = RunSetup.backend(options.backend, config);
        int[] promptIds = vocabulary.encode(prompt);
        if (promptIds.length == 0) {
            throw CliException.usage("--prompt must not be empty");
        }
        GptLanguageModel model;
        try (Backends.Use onBackend = Backends.use(backend)) {
            model = new GptLanguageModel(ModelFactory.gptConfig(gpt, vocabulary.vocabSize()), config.training().seed());
        }
        Checkpoints.loadWeights(model, Checkpoints.choose(checkpoint, config));
        long start = System.nanoTime();
        int[] ids = model.generate(promptIds, tokens, new Sampling(temp, k), new Generator(seed != null ? seed : config.training().seed()));
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        out.println(vocabulary.decode(ids));
        out.flush();
        spec.commandLine().getErr().printf(Locale.ROOT, "(%d new tokens in %.2f s)%n", tokens, seconds);
        return 0;
    }

    private RunConfig loadConfig() throws Exception {
        if (run != null && options.config == null) {
            Overrides overrides = options.overrides();
            overrides.with("output_dir", run);
            return RunSetup.readResolvedConfig(run, overrides);
        }
        if (options.config == null) {
            throw CliException.usage("generate needs --run DIR (a trained run) or --config FILE");
        }
        return options.load(null, new Overrides());
    }
}
