package dev.ithaca.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ithaca.cli.Version;
import dev.ithaca.cli.config.RunConfig;
import dev.ithaca.cli.config.bind.ConfigTree;
import dev.ithaca.cli.io.AtomicFiles;
import dev.ithaca.loops.History;
import dev.ithaca.nn.Module;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * {@code training_metrics.json}: per-epoch train/validation loss, learning rate, throughput and wall
 * time, the final and test metrics, every hyperparameter (dotted keys) and the whole resolved config,
 * plus what a command adds (the pipeline's latency and samples). Non-finite numbers are written as
 * the strings {@code "NaN"} and {@code "Infinity"}, so the file is strict JSON.
 */
public final class TrainingMetrics {
    public static final String FILE = "training_metrics.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root = JSON.createObjectNode();

    private TrainingMetrics(String command, RunConfig config, String backend) {
        root.put("command", command);
        root.put("ithaca_version", Version.current());
        root.put("created", Instant.now().toString());
        root.put("backend", backend);
        root.put("seed", config.training().seed());
        root.putObject("outcome").put("status", "running");
        ObjectNode hyperparameters = root.putObject("hyperparameters");
        JsonNode resolved = ConfigTree.of(config);
        ConfigTree.flatten(resolved).forEach((key, value) -> hyperparameters.set(key, JSON.valueToTree(value)));
        root.set("config", resolved);
    }

    private TrainingMetrics(ObjectNode saved) {
        root.setAll(saved);
    }

    public static TrainingMetrics start(String command, RunConfig config, String backend) {
        return new TrainingMetrics(command, config, backend);
    }

    /** The file a run wrote into {@code dir}, to add to it. */
    public static TrainingMetrics read(Path dir) throws IOException {
        JsonNode saved = JSON.readTree(dir.resolve(FILE).toFile());
        if (!(saved instanceof ObjectNode object)) {
            throw new IOException(dir.resolve(FILE) + " is not a JSON object");
        }
        return new TrainingMetrics(object);
    }

    public void model(Module model) {
        ObjectNode node = root.putObject("model");
        node.put("class", model.getClass().getSimpleName());
        node.put("parameters", model.parameterCount());
    }

    public void data(Map<String, Object> facts) {
        root.set("data", JSON.valueToTree(facts));
    }

    /**
     * One entry per epoch from the trainer's history, with {@code wall_seconds} (cumulative) and, for
     * language models, {@code tokens_per_second} (windows per second times the context length).
     */
    public void epochs(History history, int tokensPerSample) {
        ArrayNode epochs = root.putArray("epochs");
        double wall = 0;
        for (Map<String, Double> row : history.epochs()) {
            ObjectNode entry = epochs.addObject();
            // the trainer logs every value as a double; counters read better as integers
            row.forEach((key, value) -> {
                if ((key.equals("epoch") || key.equals("step")) && value == Math.rint(value)) {
                    entry.put(key, value.longValue());
                } else {
                    put(entry, key, value);
                }
            });
            Double seconds = row.get("epoch_seconds");
            wall += seconds == null ? 0 : seconds;
            put(entry, "wall_seconds", wall);
            Double samples = row.get("samples_per_second");
            if (tokensPerSample > 1 && samples != null) {
                put(entry, "tokens_per_second", samples * tokensPerSample);
            }
        }
        root.put("training_seconds", wall);
    }

    /** Metrics of the final model ({@code val_loss}, {@code val_perplexity}, {@code test_*}, ...). */
    public void finalMetrics(Map<String, Double> metrics) {
        ObjectNode node = root.has("final") ? (ObjectNode) root.get("final") : root.putObject("final");
        metrics.forEach((key, value) -> put(node, key, value));
    }

    /** {@code completed}, {@code early_stopped} or {@code diverged}, with a reason for the last two. */
    public void outcome(String status, String reason) {
        ObjectNode node = root.putObject("outcome");
        node.put("status", status);
        if (reason != null) {
            node.put("reason", reason);
        }
    }

    /** A section of its own for what a command adds (e.g. {@code pipeline}). */
    public ObjectNode section(String name) {
        return root.has(name) ? (ObjectNode) root.get(name) : root.putObject(name);
    }

    public ObjectNode json() {
        return root;
    }

    public void write(Path dir) throws IOException {
        AtomicFiles.writeString(dir.resolve(FILE), text());
    }

    public String text() {
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize training metrics", e);
        }
    }

    private static void put(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.put(key, Double.toString(value));
        }
    }
}
