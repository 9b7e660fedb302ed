package dev.ithaca.models;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Dropout;
import dev.ithaca.nn.Embedding;
import dev.ithaca.nn.KeyValueCache;
import dev.ithaca.nn.LayerNorm;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.Temporaries;
import dev.ithaca.nn.TransformerBlock;
import dev.ithaca.nn.init.Init;
import dev.ithaca.random.Generator;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A small GPT-2-style causal language model, as nanoGPT: token embedding plus a learned position
 * embedding, dropout, {@code numLayers} pre-norm {@link TransformerBlock}s, a final layer norm, and an
 * output head tied to the token embedding ({@code logits = h · Wₑᵀ}, one shared parameter, so the head
 * adds no parameters and every gradient reaches the embedding).
 *
 * <p>Parameter names: {@code token_embedding.weight} [V, d] (also the head), {@code position_embedding.weight}
 * [C, d], {@code blocks.i.ln1.weight}, {@code blocks.i.attn.qkv.weight}, {@code blocks.i.attn.proj.weight},
 * {@code blocks.i.ln2.weight}, {@code blocks.i.mlp.0.weight}, {@code blocks.i.mlp.2.weight} (with {@code .bias}
 * when the config has biases), {@code ln_f.weight}/{@code ln_f.bias}.
 *
 * <p>Initialization (GPT-2 / nanoGPT): every linear weight and both embeddings N(0, 0.02²), biases zero,
 * layer norms weight 1 and bias 0; the two projections that write into the residual stream in each
 * block ({@code attn.proj} and {@code mlp.2}) get std {@code 0.02 / sqrt(2 · numLayers)}, so the
 * residual's variance does not grow with depth. The one generator draws these values in parameter
 * order and then the dropout masks.
 */
public final class GptLanguageModel extends Module {
    private static final String NAME = "GptLanguageModel";
    private static final Logger LOG = LoggerFactory.getLogger(GptLanguageModel.class);
    private static final double INIT_STD = 0.02;

    private final GptConfig config;
    private final Embedding tokenEmbedding;
    private final Embedding positionEmbedding;
    private final Dropout embeddingDropout;
    private final List<TransformerBlock> blocks;
    private final LayerNorm finalNorm;

    /** Unseeded: a different initialization every time, as PyTorch without {@code manual_seed}. */
    public GptLanguageModel(GptConfig config) {
        this(config, unseeded());
    }

    /** Initialized (and dropout masks drawn) from {@code new Generator(seed)}. */
    public GptLanguageModel(GptConfig config, long seed) {
        this(config, new Generator(seed));
    }

    /** Initialized from {@code generator}, which then draws the dropout masks. */
    public GptLanguageModel(GptConfig config, Generator generator) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(generator, "generator");
        int d = config.dModel();
        this.tokenEmbedding = registerModule("token_embedding", new Embedding(config.vocabSize(), d, generator));
        this.positionEmbedding = registerModule("position_embedding", new Embedding(config.contextLength(), d, generator));
        this.embeddingDropout = registerModule("dropout", new Dropout(config.dropout(), generator));
        List<TransformerBlock> created = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            created.add(new TransformerBlock(d, config.numHeads(), config.dropout(), config.gelu(), config.bias(), generator));
        }
        this.blocks = List.copyOf(created);
        registerModule("blocks", new Sequential(blocks));
        this.finalNorm = registerModule("ln_f", new LayerNorm(new long[] {d}, 1e-5, true, config.bias()));
        initializeAsGpt2(generator);
    }

    private static Generator unseeded() {
        long seed = new SplittableRandom().nextLong();
        LOG.debug("{} built without a seed; initializing from seed {}", NAME, seed);
        return new Generator(seed);
    }

    private void initializeAsGpt2(Generator generator) {
        Set<Module> residualProjections = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TransformerBlock block : blocks) {
            residualProjections.add(block.attention().namedChildren().get("proj"));
            residualProjections.add(block.mlp().get(2));
        }
        double residualStd = INIT_STD / Math.sqrt(2.0 * config.numLayers());
        Init.normal(tokenEmbedding.weight(), 0, INIT_STD, generator);
        Init.normal(positionEmbedding.weight(), 0, INIT_STD, generator);
        for (Module module : namedModules().values()) {
            if (module instanceof Linear linear) {
                Init.normal(linear.weight(), 0, residualProjections.contains(linear) ? residualStd : INIT_STD, generator);
                linear.bias().ifPresent(Init::zeros);
            }
        }
    }

    /**
     * Logits {@code [B, T, vocabSize]} (in the parameters' dtype, FLOAT32 unless converted) for token ids
     * {@code [B, T]} (INT64 or INT32) in {@code [0, vocabSize)}, with {@code 1 <= T <= contextLength}.
     */
    @Override
    public Tensor forward(Tensor tokens) {
        checkTokens(tokens);
        try (Tensor hidden = hidden(tokens); Tensor head = tokenEmbedding.weight().t()) {
            return hidden.matmul(head);
        }
    }

    private void checkTokens(Tensor tokens) {
        Objects.requireNonNull(tokens, "tokens");
        if (!tokens.dtype().isIntegral() || tokens.dim() != 2) {
            throw new IllegalArgumentException(NAME + ": expected token ids [B, T] (INT64), got " + tokens.describe());
        }
        long time = tokens.size(1);
        if (time < 1 || time > config.contextLength()) {
            throw new IllegalArgumentException(NAME + ": sequence length T=" + time + " must be in [1, contextLength="
                    + config.contextLength() + "]; crop the input to its last " + config.contextLength() + " tokens");
        }
    }

    /** The final layer norm's output {@code [B, T, dModel]}. */
    private Tensor hidden(Tensor tokens) {
        return hidden(tokens, 0, null);
    }

    /**
     * The final layer norm's output for tokens at positions {@code firstPosition, firstPosition + 1, ...};
     * with {@code caches} (one per block) the tokens follow the positions already cached there.
     */
    private Tensor hidden(Tensor tokens, long firstPosition, List<KeyValueCache> caches) {
        try (Temporaries tmp = new Temporaries()) {
            Tensor positions;
            try (Backends.Use onTokenBackend = Backends.use(tokens.backend())) {
                positions = tmp.add(Tensor.arange(firstPosition, firstPosition + tokens.size(1), 1));
            }
            Tensor tokenVectors = tmp.add(embedTokens(tokens));
            Tensor positionVectors = tmp.add(positionEmbedding.forward(positions));
            Tensor x = tmp.add(embeddingDropout.forward(tmp.add(tokenVectors.add(positionVectors))));
            for (int i = 0; i < blocks.size(); i++) {
                x = tmp.add(blocks.get(i).forward(x, caches == null ? null : caches.get(i)));
            }
            return finalNorm.forward(x);
        }
    }

    /** The backend checks every id as it gathers the rows; its error gains the vocabulary it was checked against. */
    private Tensor embedTokens(Tensor tokens) {
        try {
            return tokenEmbedding.forward(tokens);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NAME + ": token ids must be in [0, vocabSize=" + config.vocabSize() + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Continues {@code prompt} by {@code maxNewTokens} tokens and returns the whole sequence (prompt first),
     * as nanoGPT's {@code generate}. Runs without gradients and in evaluation mode (no dropout), then puts
     * the model back in the mode it was in. The model reads at most the last {@code contextLength} tokens.
     * Decoding is incremental: each block keeps the keys and values of the window in a {@link KeyValueCache},
     * so a step runs one token through the model; once the sequence outgrows the context, the window
     * slides and (positions being absolute) each step recomputes it whole, as nanoGPT does every step.
     *
     * @param generator draws the samples; may be null only when {@code sampling} is greedy
     */
    public long[] generate(long[] prompt, int maxNewTokens, Sampling sampling, Generator generator) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(sampling, "sampling");
        if (prompt.length == 0) {
            throw new IllegalArgumentException(NAME + ".generate: prompt must hold at least one token, got none");
        }
        for (int i = 0; i < prompt.length; i++) {
            if (prompt[i] < 0 || prompt[i] >= config.vocabSize()) {
                throw new IllegalArgumentException(NAME + ".generate: prompt[" + i + "]=" + prompt[i]
                        + " is not a token id in [0, vocabSize=" + config.vocabSize() + ")");
            }
        }
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException(NAME + ".generate: maxNewTokens must be >= 0, got " + maxNewTokens);
        }
        if (generator == null && !sampling.isGreedy()) {
            throw new IllegalArgumentException(NAME + ".generate: " + sampling + " draws random tokens and needs a"
                    + " generator (e.g. new Generator(seed)); only greedy sampling works without one");
        }
        long[] sequence = Arrays.copyOf(prompt, prompt.length + maxNewTokens);
        boolean wasTraining = isTraining();
        eval();
        List<KeyValueCache> caches = new ArrayList<>();
        try (NoGrad ignored = NoGrad.enter(); Backends.Use onModelBackend = Backends.use(tokenEmbedding.weight().backend())) {
            blocks.forEach(block -> caches.add(new KeyValueCache()));
            int cacheStart = -1;
            for (int n = prompt.length; n < sequence.length; n++) {
                int start = Math.max(0, n - config.contextLength());
                try (Scope step = Scope.open()) {
                    float[] logits;
                    if (start == cacheStart) {
                        // every token of the window but the newest is cached: run only the newest
                        Tensor newest = Tensor.of(new long[] {sequence[n - 1]}, 1, 1);
                        logits = lastLogits(hidden(newest, n - 1 - start, caches));
                    } else {
                        // first step, or the window slid: learned absolute positions shift, so rebuild the cache
                        caches.forEach(KeyValueCache::clear);
                        Tensor window = Tensor.of(Arrays.copyOfRange(sequence, start, n), 1, n - start);
                        logits = lastLogits(hidden(window, 0, caches));
                        cacheStart = start;
                    }
                    sequence[n] = TokenSampler.next(logits, sampling, generator);
                }
            }
        } finally {
            caches.forEach(KeyValueCache::close);
            train(wasTraining);
        }
        return sequence;
    }

    /** {@link #generate(long[], int, Sampling, Generator)} for int token ids. */
    public int[] generate(int[] prompt, int maxNewTokens, Sampling sampling, Generator generator) {
        Objects.requireNonNull(prompt, "prompt");
        long[] widened = Arrays.stream(prompt).asLongStream().toArray();
        return Arrays.stream(generate(widened, maxNewTokens, sampling, generator)).mapToInt(Math::toIntExact).toArray();
    }

    /** The logits of the last position of {@code hidden} [1, T, d] only: the head runs on one row instead of T. */
    private float[] lastLogits(Tensor hidden) {
        Tensor last = hidden.select(1, hidden.size(1) - 1);
        return last.matmul(tokenEmbedding.weight().t()).toFloatArray();
    }

    public GptConfig config() {
        return config;
    }

    /** The token embedding, whose weight is also the output head. */
    public Embedding tokenEmbedding() {
        return tokenEmbedding;
    }

    public Embedding positionEmbedding() {
        return positionEmbedding;
    }

    public List<TransformerBlock> blocks() {
        return blocks;
    }

    public LayerNorm finalNorm() {
        return finalNorm;
    }

    @Override
    protected String extraRepr() {
        return "vocabSize=" + config.vocabSize() + ", contextLength=" + config.contextLength() + ", dModel="
                + config.dModel() + ", numLayers=" + config.numLayers() + ", numHeads=" + config.numHeads()
                + ", dropout=" + config.dropout() + ", gelu=" + config.gelu() + ", bias=" + config.bias() + ", tiedHead=true";
    }
}
