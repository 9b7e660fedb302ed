package dev.ithaca.peers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PeerRunTest {
    @TempDir
    Path dir;

    @Test
    void measuresRoundsOfTimedWorkAndWritesAFileTheTableReads() throws Exception {
        Path out = dir.resolve("run.json");
        PeerRun run = PeerRun.fromArgs("Test", new String[] {"--out", out.toString(), "--quick", "--label", "Spin"});
        long[] prepared = {0};
        Result result = run.measure(Workloads.ADD, "16M", "ops/s", 1, Timing.KERNEL, new Step() {
            @Override
            public void prepare(long i) {
                prepared[0]++;
                spin(2_000_000);   // untimed: must not count
            }

            @Override
            public void run(long i) {
                spin(1_000_000);
            }
        });
        run.finish();

        assertThat(result.rounds()).hasSize(Timing.CHECK.rounds());
        assertThat(result.best()).isBetween(500.0, 1000.0);   // 1 ms of timed work per run
        assertThat(prepared[0]).isPositive();
        PeerTable.Run read = PeerTable.read(out);
        assertThat(read.label()).isEqualTo("Spin");
        assertThat(read.results().get("add 16M").rounds()).isEqualTo(result.rounds());
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void theCommandLineIsChecked() {
        assertThatThrownBy(() -> PeerRun.fromArgs("T", new String[] {})).hasMessageContaining("--out FILE is required");
        assertThatThrownBy(() -> PeerRun.fromArgs("T", new String[] {"--out", "x", "--only", "sgemm,conv"}))
                .hasMessageContaining("'conv'");
        assertThatThrownBy(() -> PeerRun.fromArgs("T", new String[] {"--out", "x", "--fast"})).hasMessageContaining("'--fast'");
        PeerRun only = PeerRun.fromArgs("T", new String[] {"--out", "x", "--only", "sgemm,adam"});
        assertThat(only.wants(Workloads.SGEMM)).isTrue();
        assertThat(only.wants(Workloads.MLP_TRAIN)).isFalse();
    }

    @Test
    void resultsSummariseTheirRounds() {
        Result r = new Result("sgemm", "n=256", "GFLOP/s", List.of(10.0, 30.0, 20.0, 5.0));
        assertThat(r.best()).isEqualTo(30);
        assertThat(r.median()).isEqualTo(15);
        assertThat(r.drift()).isCloseTo(0.5, within(1e-12));
        assertThat(r.id()).isEqualTo("sgemm n=256");
        assertThatThrownBy(() -> new Result("x", "", "u", List.of())).hasMessageContaining("at least one round");
        assertThatThrownBy(() -> new Timing(java.time.Duration.ZERO, 0, java.time.Duration.ofSeconds(1))).hasMessageContaining("rounds");
    }
}
