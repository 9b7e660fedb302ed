package dev.ithaca.nn;

import dev.ithaca.random.Generator;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.Tensor;

import java.util.Objects;

/**
 * In training, zeroes each element with probability {@code p} and scales the survivors by
 * {@code 1/(1-p)} so the expected value is unchanged, as {@code nn.Dropout}; in evaluation it
 * returns its input. Masks come from the layer's {@link Generator}, so a seed reproduces them.
 */
public final class Dropout extends Module {
    private final double p;
    private final Generator generator;

    /** Unseeded masks. */
    public Dropout(double p) {
        this(p, null);
    }

    public Dropout(double p, long seed) {
        this(p, new Generator(seed));
    }

    /** Masks drawn from {@code generator} (shared generators interleave their draws); null for unseeded. */
    public Dropout(double p, Generator generator) {
        this.p = Checks.probability("Dropout", "p", p);
        this.generator = registerGenerator("generator", generator != null ? generator : Generators.unseeded("Dropout"));
    }

    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "input");
        if (!isTraining() || p == 0) {
            return input;
        }
        Checks.floating("Dropout", input);
        // keep where u >= p for u uniform in [0, 1): probability 1 - p; p = 1 keeps nothing and must not scale by 1/0
        double scale = p == 1 ? 0 : 1 / (1 - p);
        // the mask is drawn on the input's own backend, so no host-to-device copy happens per step
        try (Backends.Use onInputBackend = Backends.use(input.backend());
             Tensor uniform = Tensor.rand(generator, input.shape());
             Tensor keep = uniform.ge(p);
             Tensor mask = keep.to(input.dtype());
             Tensor scaled = mask.mul(scale)) {
            return input.mul(scaled);
        }
    }

    public double p() {
        return p;
    }

    @Override
    protected String extraRepr() {
        return "p=" + p;
    }
}
