package dev.ithaca.backend.cuda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grid sizes of elementwise and group launches, and how reductions are spread (threads per output, splits). */
class LaunchPlanningTest {

    @ParameterizedTest
    @CsvSource({"1, 132, 1", "256, 132, 1", "257, 132, 2", "1000000, 132, 3907", "268435456, 132, 4224", "5000, 0, 20"})
    void elementwiseGridsCoverTheWorkUpToAFewWavesPerMultiprocessor(long elements, int sms, int grid) {
        LaunchConfig config = LaunchConfig.forElements(elements, sms);
        assertThat(config.grid()).isEqualTo(grid);
        assertThat(config.block()).isEqualTo(LaunchConfig.BLOCK);
        assertThat((long) config.grid() * config.block()).as("enough threads, or a grid-stride loop covers the rest")
                .isGreaterThanOrEqualTo(Math.min(elements, (long) Math.max(1, sms) * LaunchConfig.BLOCKS_PER_MULTIPROCESSOR * 256));
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "256, 1, 1", "257, 1, 2", "10, 16, 1", "16, 16, 1", "17, 16, 2", "1000, 256, 1000", "4096, 8, 128"})
    void groupLaunchesGiveEveryGroupItsThreads(long groups, int tpo, int grid) {
        assertThat(LaunchConfig.forGroups(groups, tpo).grid()).isEqualTo(grid);
    }

    @Test
    void badLaunchesAreRefusedByName() {
        assertThatThrownBy(() -> LaunchConfig.forElements(0, 132)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> LaunchConfig.forGroups(10, 24)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("threadsPerGroup", "24");
        assertThatThrownBy(() -> LaunchConfig.forGroups(1L << 40, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than a CUDA grid holds");
        assertThatThrownBy(() -> new LaunchConfig(0, 256)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grid=0");
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 1", "2, 2", "3, 4", "10, 16", "128, 128", "129, 256", "256, 256", "100000, 256"})
    void threadsPerGroupIsTheNextPowerOfTwoUpToABlock(long count, int tpo) {
        assertThat(ReductionPlan.threadsPerGroup(count)).isEqualTo(tpo);
    }

    @Test
    void manyShortRowsShareBlocksAndAreNotSplit() {
        ReductionPlan plan = ReductionPlan.of(4096, 10, 132);
        assertThat(plan.threadsPerGroup()).isEqualTo(16);
        assertThat(plan.splits()).isEqualTo(1);
        assertThat(plan.launch(4096).grid()).isEqualTo(4096 / 16);
    }

    @Test
    void aFullReductionOfAHugeTensorIsSplitAcrossTheGpu() {
        ReductionPlan plan = ReductionPlan.of(1, 256L << 20, 132);
        assertThat(plan.threadsPerGroup()).isEqualTo(256);
        assertThat(plan.splits()).as("enough chunks to occupy every multiprocessor").isEqualTo(132 * ReductionPlan.GROUPS_PER_MULTIPROCESSOR);
        assertThat(plan.launch(1).grid()).isEqualTo(528);
    }

    @Test
    void splitsKeepChunksLargeAndAreBounded() {
        assertThat(ReductionPlan.of(1, 2 * ReductionPlan.MIN_CHUNK - 1, 132).splits()).isEqualTo(1);
        assertThat(ReductionPlan.of(1, 3 * ReductionPlan.MIN_CHUNK, 132).splits()).isEqualTo(3);
        assertThat(ReductionPlan.of(1, Long.MAX_VALUE / 2, 100_000).splits()).isEqualTo(ReductionPlan.MAX_SPLITS);
        assertThat(ReductionPlan.of(10_000, 1L << 30, 132).splits()).as("many outputs already fill the GPU").isEqualTo(1);
        for (long outputs : new long[] {1, 3, 50, 500}) {
            for (long count : new long[] {1, 1000, 20_000, 1 << 22, 1L << 33}) {
                ReductionPlan plan = ReductionPlan.of(outputs, count, 132);
                assertThat(plan.splits()).isBetween(1L, ReductionPlan.MAX_SPLITS);
                if (plan.splits() > 1) {
                    assertThat(count / plan.splits()).as("chunk of %d over %d outputs", count, outputs)
                            .isGreaterThanOrEqualTo(ReductionPlan.MIN_CHUNK);
                }
            }
        }
    }
}
