package dev.ithaca.data;

import dev.ithaca.train.Batch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetsTest extends CpuTestBase {

    @Test
    void aRangeSubsetMapsIndicesIntoTheDataset() {
        Subset subset = Datasets.subset(new RecordingDataset(10), 3, 7);
        assertThat(subset.size()).isEqualTo(4);
        assertThat(subset.indices()).containsExactly(3, 4, 5, 6);
        try (Batch batch = subset.batch(new long[] {3, 0})) {
            assertThat(batch.target().toLongArray()).containsExactly(6, 3);
        }
        assertThat(Datasets.subset(new RecordingDataset(10), 5, 5).size()).isZero();
        assertThatThrownBy(() -> Datasets.subset(new RecordingDataset(10), 4, 11)).hasMessageContaining("range [4, 11) is not within [0, 10]");
        assertThatThrownBy(() -> Datasets.subset(new RecordingDataset(10), 5, 4)).hasMessageContaining("range [5, 4)");
        assertThatThrownBy(() -> subset.batch(new long[] {4})).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index 4 is outside [0, 4)");
    }

    @Test
    void anIndexSubsetKeepsItsOrderAndRepeats() {
        RecordingDataset data = new RecordingDataset(10);
        Subset subset = Datasets.subset(data, 9, 2, 9);
        assertThat(subset.dataset()).isSameAs(data);
        try (Batch batch = subset.batch(new long[] {0, 1, 2})) {
            assertThat(batch.target().toLongArray()).containsExactly(9, 2, 9);
        }
        assertThatThrownBy(() -> Datasets.subset(data, 1, 10, 2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("indices[1] = 10 is outside [0, 10)");
    }

    @Test
    void randomSplitByFractionsFollowsPyTorchsRemainderRule() {
        List<Subset> parts = Datasets.randomSplit(new RecordingDataset(10), new double[] {0.33, 0.33, 0.34}, 1);
        // floor gives 3, 3, 3; the one left over goes to the first part
        assertThat(parts).extracting(Subset::size).containsExactly(4L, 3L, 3L);
        assertCoversDisjointly(parts, 10);

        List<Subset> trainVal = Datasets.randomSplit(new RecordingDataset(60_000), new double[] {5.0 / 6, 1.0 / 6}, 42);
        assertThat(trainVal).extracting(Subset::size).containsExactly(50_000L, 10_000L);
    }

    @Test
    void randomSplitIsSeededAndShuffled() {
        List<Subset> a = Datasets.randomSplit(new RecordingDataset(100), new long[] {70, 30}, 7);
        List<Subset> b = Datasets.randomSplit(new RecordingDataset(100), new long[] {70, 30}, 7);
        List<Subset> c = Datasets.randomSplit(new RecordingDataset(100), new long[] {70, 30}, 8);
        assertThat(a.get(0).indices()).containsExactly(b.get(0).indices());
        assertThat(a.get(0).indices()).isNotEqualTo(c.get(0).indices());
        assertThat(a.get(0).indices()).isNotEqualTo(LongStream.range(0, 70).toArray());
        assertCoversDisjointly(a, 100);
    }

    @Test
    void randomSplitChecksItsArguments() {
        RecordingDataset data = new RecordingDataset(10);
        assertThatThrownBy(() -> Datasets.randomSplit(data, new double[] {0.5, 0.4}, 0)).hasMessageContaining("sum to 0.9");
        assertThatThrownBy(() -> Datasets.randomSplit(data, new double[] {1.5, -0.5}, 0)).hasMessageContaining("every fraction must be in [0, 1]");
        assertThatThrownBy(() -> Datasets.randomSplit(data, new double[0], 0)).hasMessageContaining("fractions must not be empty");
        assertThatThrownBy(() -> Datasets.randomSplit(data, new long[] {5, 4}, 0)).hasMessageContaining("sum to 9 but the dataset has 10");
        assertThatThrownBy(() -> Datasets.randomSplit(data, new long[] {11, -1}, 0)).hasMessageContaining("lengths must be >= 0");
    }

    private static void assertCoversDisjointly(List<Subset> parts, long size) {
        long[] all = parts.stream().flatMapToLong(p -> LongStream.of(p.indices())).toArray();
        assertThat(all).containsExactlyInAnyOrder(LongStream.range(0, size).toArray());
    }
}
