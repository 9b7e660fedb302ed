package dev.ithaca.cli.build;

import dev.ithaca.data.DataLoader;
import dev.ithaca.data.TensorDataset;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;
import dev.ithaca.train.BatchIterator;
import dev.ithaca.train.BatchSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LimitedBatchesTest {

    private static DataLoader loader() {
        float[] values = new float[20];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        return DataLoader.builder(TensorDataset.of(Tensor.of(values, 20, 1))).batchSize(4).shuffle(true).seed(3).build();
    }

    private static List<Float> firsts(BatchSource source, int epoch, long from) {
        List<Float> out = new ArrayList<>();
        try (BatchIterator batches = source.iterate(epoch, from)) {
            while (batches.hasNext()) {
                try (Batch batch = batches.next()) {
                    out.add(batch.input().toFloatArray()[0]);
                }
            }
        }
        return out;
    }

    @Test
    void yieldsTheFirstBatchesOfEachShuffledEpoch() {
        DataLoader all = loader();
        BatchSource limited = LimitedBatches.of(all, 2);
        assertThat(limited.batchesPerEpoch()).isEqualTo(2);
        assertThat(limited.samplesPerEpoch()).isEqualTo(8);
        assertThat(firsts(limited, 0, 0)).isEqualTo(firsts(all, 0, 0).subList(0, 2));
        assertThat(firsts(limited, 1, 0)).isEqualTo(firsts(all, 1, 0).subList(0, 2)).isNotEqualTo(firsts(limited, 0, 0));
        assertThat(firsts(limited, 1, 1)).isEqualTo(firsts(all, 1, 0).subList(1, 2));
    }

    @Test
    void aLimitAtOrAboveTheEpochIsNoLimit() {
        DataLoader all = loader();
        assertThat(LimitedBatches.of(all, null)).isSameAs(all);
        assertThat(LimitedBatches.of(all, 5)).isSameAs(all);
        assertThat(LimitedBatches.of(all, 9)).isSameAs(all);
    }
}
