package dev.ithaca.peers;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PeerTableTest {
    private static PeerTable.Run run(String label, Result... results) {
        java.util.LinkedHashMap<String, Result> byId = new java.util.LinkedHashMap<>();
        for (Result r : results) {
            byId.put(r.id(), r);
        }
        return new PeerTable.Run(label, byId);
    }

    @Test
    void ratiosAreIthacaOverEachPeerAndOverTheBestPeer() {
        PeerTable.Run ithaca = run("Ithaca", new Result("sgemm", "n=512", "GFLOP/s", List.of(90.0, 100.0)),
                new Result("mlp-train", "batch 128", "samples/s", List.of(20_000.0)));
        PeerTable.Run djl = run("DJL", new Result("sgemm", "n=512", "GFLOP/s", List.of(125.0)),
                new Result("mlp-train", "batch 128", "samples/s", List.of(25_000.0)));
        PeerTable.Run dl4j = run("DL4J", new Result("sgemm", "n=512", "GFLOP/s", List.of(50.0)));

        String table = PeerTable.format(List.of(ithaca, djl, dl4j));

        assertThat(table.lines().toList()).containsExactly(
                "| workload | unit | Ithaca | DJL | DL4J | Ithaca / DJL | Ithaca / DL4J | Ithaca / best peer |",
                "|---|---|---:|---:|---:|---:|---:|---:|",
                "| sgemm n=512 | GFLOP/s | 100 | 125 | 50.0 | 0.80 | 2.00 | **0.80** |",
                "| mlp-train batch 128 | samples/s | 20,000 | 25,000 | - | 0.80 | - | **0.80** |");
    }

    @Test
    void aWorkloadThatSlowedDownAsItRanIsNoted() {
        PeerTable.Run ithaca = run("Ithaca", new Result("mlp-train", "batch 128", "samples/s", List.of(20_000.0)));
        PeerTable.Run slowing = run("Peer", new Result("mlp-train", "batch 128", "samples/s", List.of(20_000.0, 15_000.0, 9_000.0)));

        assertThat(PeerTable.format(List.of(ithaca, slowing)))
                .contains("- Peer, mlp-train batch 128: slowed down as it ran (last round 45% of the first: [20,000, 15,000, 9,000])");
    }

    @Test
    void repeatedRunsOfAFrameworkArePooledIntoTheirBestRound() {
        PeerTable.Run first = run("Ithaca", new Result("add", "16M", "ops/s", List.of(100.0, 90.0)));
        PeerTable.Run peer = run("DJL", new Result("add", "16M", "ops/s", List.of(40.0)));
        PeerTable.Run second = run("Ithaca", new Result("add", "16M", "ops/s", List.of(150.0, 140.0)));

        List<PeerTable.Run> pooled = PeerTable.pool(List.of(first, peer, second));

        assertThat(pooled).extracting(PeerTable.Run::label).containsExactly("Ithaca", "DJL");
        assertThat(pooled.get(0).results().get("add 16M").rounds()).containsExactly(100.0, 90.0, 150.0, 140.0);
        assertThat(PeerTable.format(List.of(first, peer, second))).contains("| add 16M | ops/s | 150 | 40.0 | 3.75 | **3.75** |");
    }
}
