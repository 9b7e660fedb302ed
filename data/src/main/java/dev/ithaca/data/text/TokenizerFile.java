package dev.ithaca.data.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The JSON container every tokenizer file shares: {@code {"type": ..., "version": 1, "vocab_size": ...,
 * ...}}. Reading checks each field and names the file, the field and what was expected when one
 * is wrong; writing is atomic.
 */
final class TokenizerFile {
    static final String TYPE = "type";
    static final String VERSION = "version";
    static final String VOCAB_SIZE = "vocab_size";
    static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(TokenizerFile.class);
    // strict: a file cut short, with junk appended or with a repeated key is corrupt, not "mostly fine"
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final int SHOWN_CHARS = 80;

    private final Path file;
    private final ObjectNode root;

    private TokenizerFile(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /** A new file's root object with the common header filled in. */
    static ObjectNode header(String type, int vocabSize) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put(TYPE, type);
        root.put(VERSION, FORMAT_VERSION);
        root.put(VOCAB_SIZE, vocabSize);
        return root;
    }

    /** Parses {@code file} and checks that it is a JSON object of a version this reader knows. */
    static TokenizerFile read(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw new TokenizerFormatException(file, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new TokenizerFormatException(file, "the file is empty; expected a JSON object with a '" + TYPE + "' field");
        }
        if (!root.isObject()) {
            throw new TokenizerFormatException(file, "expected a JSON object at the top level, found " + show(root));
        }
        TokenizerFile tokenizerFile = new TokenizerFile(file, (ObjectNode) root);
        int version = tokenizerFile.integer(VERSION, 1, Integer.MAX_VALUE);
        if (version != FORMAT_VERSION) {
            throw tokenizerFile.problem(VERSION, "version " + FORMAT_VERSION + " (the only one this reader understands)", root.get(VERSION));
        }
        return tokenizerFile;
    }

    /** Writes {@code root} to {@code file} through a temp file beside it and an atomic rename. */
    static void write(Path file, ObjectNode root) throws IOException {
        byte[] content = JSON.writeValueAsBytes(root);
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        Path temp = createTempSibling(target);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                LOG.warn("{} does not support atomic renames; replacing {} non-atomically", directory, target.getFileName());
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        LOG.debug("wrote tokenizer {} ({} bytes)", target, content.length);
    }

    /** Not {@link Files#createTempFile}: that one is owner-only (0600) and the rename would keep it. */
    private static Path createTempSibling(Path target) throws IOException {
        String base = "." + target.getFileName() + ".";
        for (int attempt = 0; ; attempt++) {
            Path candidate = target.resolveSibling(base + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                Files.newByteChannel(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return candidate;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 9) {
                    throw e;
                }
            }
        }
    }

    Path file() {
        return file;
    }

    /** The required field {@code name} of the root object. */
    JsonNode field(String name) throws TokenizerFormatException {
        JsonNode node = root.get(name);
        if (node == null) {
            throw new TokenizerFormatException(file, "field '" + name + "' is missing");
        }
        return node;
    }

    String text(String name) throws TokenizerFormatException {
        JsonNode node = field(name);
        if (!node.isTextual()) {
            throw problem(name, "a string", node);
        }
        return node.textValue();
    }

    int integer(String name, int min, int max) throws TokenizerFormatException {
        return integer(field(name), name, min, max);
    }

    /** {@code node}, found at {@code path}, as an integer in {@code [min, max]}. */
    int integer(JsonNode node, String path, int min, int max) throws TokenizerFormatException {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            String range = max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer in [" + min + ", " + max + "]";
            throw problem(path, range, node);
        }
        return node.intValue();
    }

    /** The required array field {@code name}. */
    JsonNode array(String name) throws TokenizerFormatException {
        JsonNode node = field(name);
        if (!node.isArray()) {
            throw problem(name, "an array", node);
        }
        return node;
    }

    TokenizerFormatException problem(String path, String expected, JsonNode found) {
        return new TokenizerFormatException(file, "field '" + path + "': expected " + expected + ", found " + show(found));
    }

    TokenizerFormatException problem(String message) {
        return new TokenizerFormatException(file, message);
    }

    private static String show(JsonNode node) {
        String text = node.toString();
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }
}
