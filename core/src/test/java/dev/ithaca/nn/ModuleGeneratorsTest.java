package dev.ithaca.nn;

import dev.ithaca.random.Generator;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Run-time generators (dropout masks) are listed, saved, restored and reseeded through the module tree. */
class ModuleGeneratorsTest {

    /** Registers one generator and passes its input through; no tensors are allocated. */
    private static final class Noisy extends Module {
        final Generator generator;

        Noisy(Generator generator) {
            this.generator = registerGenerator("generator", generator);
        }

        @Override
        public Tensor forward(Tensor input) {
            return input;
        }
    }

    private static final class Pair extends Module {
        Pair(Noisy first, Noisy second) {
            registerModule("first", first);
            registerModule("second", second);
        }

        @Override
        public Tensor forward(Tensor input) {
            return input;
        }
    }

    @Test
    void generatorsAreListedByDottedPathAndSharedOnesOnce() {
        Generator shared = new Generator(1);
        Pair pair = new Pair(new Noisy(shared), new Noisy(shared));
        assertThat(pair.namedGenerators()).containsOnlyKeys("first.generator");

        Pair separate = new Pair(new Noisy(new Generator(1)), new Noisy(new Generator(2)));
        assertThat(separate.namedGenerators()).containsOnlyKeys("first.generator", "second.generator");
    }

    @Test
    void statesRoundTripPositions() {
        Noisy first = new Noisy(new Generator(7));
        Noisy second = new Noisy(new Generator(8));
        Pair pair = new Pair(first, second);
        first.generator.reserve(10);
        second.generator.reserve(3);
        Map<String, Object> saved = pair.generatorStates();

        first.generator.reserve(100);
        second.generator.manualSeed(99);
        pair.loadGeneratorStates(saved);

        assertThat(first.generator.seed()).isEqualTo(7);
        assertThat(first.generator.offset()).isEqualTo(5);   // 10 elements = 5 Philox blocks of two draws
        assertThat(second.generator.seed()).isEqualTo(8);
        assertThat(second.generator.offset()).isEqualTo(2);
    }

    @Test
    void missingStateIsRefusedWithTheNames() {
        Pair pair = new Pair(new Noisy(new Generator(1)), new Noisy(new Generator(2)));
        assertThatThrownBy(() -> pair.loadGeneratorStates(Map.of("first.generator", Map.of("seed", 1, "offset", 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("second.generator");
    }

    @Test
    void manualSeedGivesEachGeneratorItsOwnReproducibleSeed() {
        Pair a = new Pair(new Noisy(new Generator(1)), new Noisy(new Generator(2)));
        Pair b = new Pair(new Noisy(new Generator(3)), new Noisy(new Generator(4)));
        a.manualSeed(42);
        b.manualSeed(42);
        assertThat(a.generatorStates()).isEqualTo(b.generatorStates());
        Generator first = a.namedGenerators().get("first.generator");
        Generator second = a.namedGenerators().get("second.generator");
        assertThat(first.seed()).isNotEqualTo(second.seed());
        assertThat(first.offset()).isZero();

        b.manualSeed(43);
        assertThat(b.namedGenerators().get("first.generator").seed()).isNotEqualTo(first.seed());
    }

    @Test
    void dropoutRegistersItsGenerator() {
        Dropout dropout = new Dropout(0.5, 11);
        assertThat(dropout.namedGenerators()).containsOnlyKeys("generator");
        assertThat(dropout.namedGenerators().get("generator").seed()).isEqualTo(11);
    }
}
