package dev.ithaca.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares result files: the first framework is Ithaca, the others its peers. Prints a Markdown table
 * with each framework's best score per workload and Ithaca's score over each peer's (above 1: Ithaca
 * is faster) and over the best peer's, then a note for any workload that slowed down as it ran.
 * Files with the same label are repeated runs of one framework: their rounds are pooled, so a cell
 * shows the best round of all runs (interference from other work only ever slows a round down).
 *
 * <p>Usage: {@code PeerTable ithaca.json peer1.json [peer2.json ...]}
 */
public final class PeerTable {
    /** A workload whose last round is below this share of its first is flagged. */
    static final double DRIFT_LIMIT = 0.8;

    /** One framework's results file. */
    record Run(String label, Map<String, Result> results) {
    }

    private PeerTable() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: PeerTable ithaca.json peer.json [peer.json ...]");
            System.exit(2);
        }
        List<Run> runs = new ArrayList<>();
        for (String file : args) {
            runs.add(read(Path.of(file)));
        }
        System.out.print(format(runs));
    }

    static Run read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (root == null || !root.path("results").isArray()) {
            throw new IllegalArgumentException(file + ": not a peer results file (no \"results\" array)");
        }
        Map<String, Result> results = new LinkedHashMap<>();
        for (JsonNode row : root.get("results")) {
            List<Double> rounds = new ArrayList<>();
            row.path("rounds").forEach(r -> rounds.add(r.asDouble()));
            Result r = new Result(row.path("workload").asText(), row.path("params").asText(), row.path("unit").asText(), rounds);
            results.put(r.id(), r);
        }
        return new Run(root.path("label").asText(file.getFileName().toString()), results);
    }

    /** One run per label, in order of first appearance, with the rounds of runs of the same label pooled. */
    static List<Run> pool(List<Run> runs) {
        Map<String, Map<String, Result>> byLabel = new LinkedHashMap<>();
        for (Run run : runs) {
            Map<String, Result> pooled = byLabel.computeIfAbsent(run.label(), l -> new LinkedHashMap<>());
            for (Result r : run.results().values()) {
                pooled.merge(r.id(), r, (a, b) -> {
                    List<Double> rounds = new ArrayList<>(a.rounds());
                    rounds.addAll(b.rounds());
                    return new Result(a.workload(), a.params(), a.unit(), rounds);
                });
            }
        }
        List<Run> pooled = new ArrayList<>();
        byLabel.forEach((label, results) -> pooled.add(new Run(label, results)));
        return pooled;
    }

    /** The table over {@code files}' runs (pooled by label; the first label is Ithaca), then the drift notes of each run. */
    static String format(List<Run> files) {
        List<Run> runs = pool(files);
        Run ithaca = runs.get(0);
        List<Run> peers = runs.subList(1, runs.size());
        StringBuilder header = new StringBuilder("| workload | unit |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (Run run : runs) {
            header.append(' ').append(run.label()).append(" |");
            rule.append("---:|");
        }
        for (Run peer : peers) {
            header.append(' ').append(ithaca.label()).append(" / ").append(peer.label()).append(" |");
            rule.append("---:|");
        }
        header.append(' ').append(ithaca.label()).append(" / best peer |");
        rule.append("---:|");
        StringBuilder text = new StringBuilder().append(header).append('\n').append(rule).append('\n');
        List<String> notes = new ArrayList<>();
        for (Result own : ithaca.results().values()) {
            text.append("| ").append(own.id()).append(" | ").append(own.unit()).append(" |");
            for (Run run : runs) {
                Result r = run.results().get(own.id());
                text.append(' ').append(r == null ? "-" : score(r.best())).append(" |");
            }
            double bestPeer = 0;
            for (Run peer : peers) {
                Result r = peer.results().get(own.id());
                text.append(' ').append(r == null ? "-" : String.format(Locale.ROOT, "%.2f", own.best() / r.best())).append(" |");
                bestPeer = r == null ? bestPeer : Math.max(bestPeer, r.best());
            }
            text.append(' ').append(bestPeer == 0 ? "-" : String.format(Locale.ROOT, "**%.2f**", own.best() / bestPeer)).append(" |\n");
        }
        for (Run run : files) {
            for (Result r : run.results().values()) {
                if (r.drift() < DRIFT_LIMIT) {
                    notes.add(String.format(Locale.ROOT, "- %s, %s: slowed down as it ran (last round %.0f%% of the first: %s)",
                            run.label(), r.id(), 100 * r.drift(), r.rounds().stream().map(PeerTable::score).toList()));
                }
            }
        }
        if (!notes.isEmpty()) {
            text.append('\n');
            notes.forEach(n -> text.append(n).append('\n'));
        }
        return text.toString();
    }

    /** Three significant digits, with thousands separators above 1000. */
    static String score(double value) {
        if (value >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
