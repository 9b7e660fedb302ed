package dev.ithaca.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ithaca.cli.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Completion markers of the pipeline's phases, in {@code <output_dir>/pipeline-state.json}. A phase
 * is recorded only after everything it wrote is in place, with a fingerprint of the settings it
 * depended on, so {@code --resume} skips exactly the finished phases whose inputs did not change.
 */
public final class PipelineState {
    public static final String FILE = "pipeline-state.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final ObjectNode root;

    private PipelineState(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /** The recorded state in {@code dir}, or an empty one (also when not resuming). */
    public static PipelineState open(Path dir, boolean keepRecorded) throws IOException {
        Path file = dir.resolve(FILE);
        if (keepRecorded && Files.isRegularFile(file)) {
            JsonNode node = JSON.readTree(file.toFile());
            if (node instanceof ObjectNode object) {
                return new PipelineState(file, object);
            }
        }
        return new PipelineState(file, JSON.createObjectNode());
    }

    /** The record of {@code phase} if it finished with this fingerprint. */
    public Optional<JsonNode> finished(String phase, String fingerprint) {
        JsonNode record = root.get(phase);
        if (record != null && fingerprint.equals(record.path("fingerprint").asText())) {
            return Optional.of(record);
        }
        return Optional.empty();
    }

    /** Marks {@code phase} finished (persisted at once); {@code details} are kept for the report. */
    public void markFinished(String phase, String fingerprint, ObjectNode details) throws IOException {
        ObjectNode record = details.deepCopy();
        record.put("fingerprint", fingerprint);
        root.set(phase, record);
        AtomicFiles.writeString(file, JSON.writeValueAsString(root) + "\n");
    }

    /** Forgets {@code phase} and every later one, which depended on it. */
    public void invalidateFrom(String phase, String... later) throws IOException {
        root.remove(phase);
        for (String p : later) {
            root.remove(p);
        }
        AtomicFiles.writeString(file, JSON.writeValueAsString(root) + "\n");
    }

    public static ObjectNode details() {
        return JSON.createObjectNode();
    }

    /** A short, stable hash of settings, chained with the fingerprint of the phase before. */
    public static String fingerprint(String previous, Object settings) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous.getBytes(StandardCharsets.UTF_8));
            sha.update(JSON.writeValueAsString(settings).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot fingerprint pipeline settings", e);
        }
    }
}
