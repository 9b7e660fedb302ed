package dev.ithaca.loops;

import dev.ithaca.metrics.Accuracy;
import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.optim.AdamW;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The trainer's seed fixes the dropout masks: same seed, same bits on CPU; another seed, other weights. */
class ReproducibilityTest extends CpuTest {
    private static final SyntheticData ALL = SyntheticData.teacherClassification(96, 4, 3, 71);

    private record Run(List<int[]> weights, List<Map<String, Double>> history) {
    }

    /** A fresh model with the same initial weights and unseeded dropout, trained with the given trainer seed (null: none). */
    private Run train(Long seed) {
        try (Sequential model = Models.mlpWithDropout(17, 4, 32, 3, 0.5);
             AdamW adamw = AdamW.builder().lr(0.02).build(model.parameters())) {
            Trainer.Builder builder = Trainer.builder().model(model).loss(new CrossEntropyLoss()).optimizer(adamw)
                    .metric("acc", Accuracy.multiclass(3)).accumulateGradBatches(2).maxEpochs(3);
            if (seed != null) {
                builder.seed(seed);
            }
            History history = builder.build().fit(ArraySource.shuffled(ALL.withoutRows(72, 96), 8, 9), ArraySource.of(ALL.withoutRows(0, 72), 8));
            return new Run(Models.bits(model), Models.withoutTimings(history));
        }
    }

    @Test
    void twoRunsWithTheSameSeedAreBitIdenticalDropoutIncluded() {
        Run first = train(123L);
        Run second = train(123L);
        assertThat(Models.sameBits(first.weights(), second.weights())).as("raw float bits of every parameter").isTrue();
        assertThat(second.history()).isEqualTo(first.history());
    }

    @Test
    void differentSeedsGiveDifferentWeights() {
        Run first = train(123L);
        Run other = train(124L);
        assertThat(Models.sameBits(first.weights(), other.weights())).isFalse();
        assertThat(other.history()).isNotEqualTo(first.history());
    }

    @Test
    void withoutASeedTheUnseededDropoutDiffersBetweenRuns() {
        assertThat(Models.sameBits(train(null).weights(), train(null).weights())).isFalse();
    }
}
