package dev.ithaca.data;

import dev.ithaca.memory.Scope;
import dev.ithaca.spi.Backends;
import dev.ithaca.train.BatchIterator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class DataLoaderProperties {

    @Property(tries = 200)
    void everyEpochVisitsEachIndexExactlyOnce(@ForAll @IntRange(min = 0, max = 300) int size,
                                              @ForAll @IntRange(min = 1, max = 64) int batchSize,
                                              @ForAll long seed,
                                              @ForAll @IntRange(min = 0, max = 10_000) int epoch,
                                              @ForAll boolean shuffle) {
        try (Backends.Use use = Backends.use(Backends.get("cpu")); Scope scope = Scope.open()) {
            DataLoader loader = DataLoader.builder(new RecordingDataset(size)).batchSize(batchSize).shuffle(shuffle).seed(seed).build();
            BatchIterator iterator = loader.iterate(epoch);
            List<long[]> batches = DataLoaderTest.drain(iterator);
            assertThat(DataLoaderTest.flatten(batches)).containsExactlyInAnyOrder(LongStream.range(0, size).toArray());
            assertThat(batches).hasSize((int) loader.batchesPerEpoch());
            for (int b = 0; b < batches.size(); b++) {
                assertThat(batches.get(b)).hasSize(b < batches.size() - 1 ? batchSize : size - b * batchSize);
            }
        }
    }

    @Property(tries = 200)
    void dropLastVisitsDistinctIndicesInFullBatches(@ForAll @IntRange(min = 0, max = 300) int size,
                                                    @ForAll @IntRange(min = 1, max = 64) int batchSize,
                                                    @ForAll long seed,
                                                    @ForAll @LongRange(min = 0, max = 1000) long epoch) {
        DataLoader loader = DataLoader.builder(new RecordingDataset(size)).batchSize(batchSize).shuffle(true).seed(seed).dropLast(true).build();
        long[] seen = LongStream.range(0, loader.batchesPerEpoch())
                .flatMap(b -> LongStream.of(loader.sampleIndices((int) epoch, b))).toArray();
        assertThat(seen).hasSize(size / batchSize * batchSize).doesNotHaveDuplicates();
        assertThat(LongStream.of(seen).allMatch(i -> i >= 0 && i < size)).isTrue();
    }
}
