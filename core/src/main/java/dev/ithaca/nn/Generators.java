package dev.ithaca.nn;

import dev.ithaca.random.Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.SplittableRandom;

/** Where layers built without a generator get one: an unseeded draw, as PyTorch's default RNG without manual_seed. */
final class Generators {
    private static final Logger LOG = LoggerFactory.getLogger(Generators.class);

    private Generators() {
    }

    /** A generator with an unpredictable seed; pass a seeded {@link Generator} to a layer to make it reproducible. */
    static Generator unseeded(String layer) {
        long seed = new SplittableRandom().nextLong();
        LOG.debug("{} built without a generator; initializing from seed {}", layer, seed);
        return new Generator(seed);
    }
}
