package dev.ithaca.cli.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyTest {
    @Test
    void nearestRankPercentiles() {
        double[] millis = new double[20];
        for (int i = 0; i < 20; i++) {
            millis[i] = 20 - i;    // 20 ... 1, unsorted on purpose
        }
        Latency latency = Latency.of(millis);
        assertThat(latency.p50Millis()).isEqualTo(10);
        assertThat(latency.p95Millis()).isEqualTo(19);
        assertThat(latency.meanMillis()).isEqualTo(10.5);
        assertThat(Latency.of(new double[]{7}).p95Millis()).isEqualTo(7);
    }

    @Test
    void peakMemoryIsReadFromProc() {
        assertThat(PeakMemory.peakRssBytes()).isPresent();
        assertThat(PeakMemory.peakRssBytes().getAsLong()).isGreaterThanOrEqualTo(PeakMemory.currentRssBytes().getAsLong() / 2);
    }
}
