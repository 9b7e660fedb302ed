package dev.ithaca.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates the JSON header of a safetensors file, with the reference implementation's
 * rules: strict UTF-8, one JSON object, no repeated keys, known dtypes, non-negative integer shapes
 * and offsets, and data ranges that are contiguous, start at 0 and cover the data buffer exactly,
 * each exactly as long as its shape and dtype require. Unknown fields inside a tensor entry are
 * ignored, as the reference does.
 *
 * <p>The header is streamed, never turned into a tree, so a hostile header (a shape with millions
 * of entries, deep nesting) costs no more than its bytes.
 */
final class HeaderParser {
    static final String METADATA_KEY = "__metadata__";

    /** Shared and immutable once built; parsers it creates are per call. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // long metadata values (serialized training state) and names may be as long as the header itself
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength((int) SafeTensors.MAX_HEADER_LENGTH)
                    .maxNameLength((int) SafeTensors.MAX_HEADER_LENGTH)
                    .build())
            .build();

    private final Path file;

    HeaderParser(Path file) {
        this.file = file;
    }

    /** Parses {@code header} (N bytes) for a file whose data buffer is {@code dataLength} bytes long. */
    SafeTensorsHeader parse(byte[] header, long dataLength) throws CheckpointFormatException {
        checkUtf8(header);
        List<TensorEntry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(header)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw problem("the header must be a JSON object, but it starts with " + describe(first, parser));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                if (key.equals(METADATA_KEY)) {
                    readMetadata(parser, metadata);
                } else {
                    entries.add(readEntry(parser, key));
                }
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw problem("the header has content after its JSON object: " + describe(trailing, parser));
            }
        } catch (CheckpointFormatException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw problem("the header JSON is malformed: " + e.getOriginalMessage() + at(e.getLocation()), e);
        } catch (IOException e) {
            // parsing an in-memory array performs no I/O; anything else Jackson reports is a format problem
            throw problem("the header could not be parsed: " + e.getMessage(), e);
        }
        entries.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        checkLayout(entries, dataLength);
        return new SafeTensorsHeader(entries, metadata, header.length, dataLength);
    }

    // ---- syntax ------------------------------------------------------------------------------

    private void checkUtf8(byte[] header) throws CheckpointFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(header);
        CharBuffer scratch = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, scratch, true);
            if (result.isError()) {
                throw problem("the header is not valid UTF-8 (byte 0x" + Integer.toHexString(header[in.position()] & 0xff)
                        + " at header offset " + in.position() + ")");
            }
            if (result.isUnderflow()) {
                return;
            }
            scratch.clear();
        }
    }

    private void readMetadata(JsonParser parser, Map<String, String> metadata) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return; // the reference reads a null __metadata__ as absent
        }
        if (token != JsonToken.START_OBJECT) {
            throw problem(METADATA_KEY + " must be an object of strings, found " + describe(token, parser));
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value != JsonToken.VALUE_STRING) {
                throw problem(METADATA_KEY + " value of key '" + key + "' must be a string, found " + describe(value, parser));
            }
            String text = parser.getText();
            requireWellFormed(METADATA_KEY + " key", key);
            requireWellFormed(METADATA_KEY + " value of key '" + key + "'", text);
            metadata.put(key, text);
        }
    }

    private TensorEntry readEntry(JsonParser parser, String name) throws IOException {
        requireWellFormed("tensor name", name);
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT) {
            throw problem("tensor '" + name + "' must be an object with dtype, shape and data_offsets, found "
                    + describe(token, parser));
        }
        String dtypeName = null;
        long[] shape = null;
        long[] offsets = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "dtype" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        throw problem("tensor '" + name + "': dtype must be a string, found " + describe(value, parser));
                    }
                    dtypeName = parser.getText();
                }
                case "shape" -> shape = readSizes(parser, name, "shape", SafeTensors.MAX_RANK);
                case "data_offsets" -> offsets = readSizes(parser, name, "data_offsets", 2);
                default -> parser.skipChildren();
            }
        }
        if (dtypeName == null || shape == null || offsets == null) {
            String missing = dtypeName == null ? "dtype" : shape == null ? "shape" : "data_offsets";
            throw problem("tensor '" + name + "' has no " + missing);
        }
        if (offsets.length != 2) {
            throw problem("tensor '" + name + "': data_offsets must be [begin, end], got " + Arrays.toString(offsets));
        }
        String finalDtypeName = dtypeName;
        SafeTensorsDType dtype = SafeTensorsDType.fromName(dtypeName).orElseThrow(() -> problem("tensor '" + name
                + "': unknown dtype \"" + finalDtypeName + "\" (the specification names "
                + Arrays.toString(SafeTensorsDType.values()) + ")"));
        if (offsets[1] < offsets[0]) {
            throw problem("tensor '" + name + "': data_offsets " + Arrays.toString(offsets) + " end before they begin");
        }
        List<Long> sizes = Arrays.stream(shape).boxed().toList();
        return new TensorEntry(name, dtype, sizes, offsets[0], offsets[1]);
    }

    /** A JSON array of at most {@code maxLength} integers in [0, 2^63). */
    private long[] readSizes(JsonParser parser, String name, String field, int maxLength) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_ARRAY) {
            throw problem("tensor '" + name + "': " + field + " must be an array of integers, found " + describe(token, parser));
        }
        long[] values = new long[maxLength];
        int count = 0;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_NUMBER_INT) {
                throw problem("tensor '" + name + "': " + field + " must hold only integers, found " + describe(token, parser));
            }
            JsonParser.NumberType type = parser.getNumberType();
            if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
                throw problem("tensor '" + name + "': " + field + " value " + parser.getText() + " exceeds " + Long.MAX_VALUE);
            }
            long value = parser.getLongValue();
            if (value < 0) {
                throw problem("tensor '" + name + "': " + field + " value " + value + " is negative");
            }
            if (count == maxLength) {
                throw problem("tensor '" + name + "': " + field + " has more than " + maxLength + " entries"
                        + (field.equals("shape") ? " (at most " + maxLength + " dimensions are supported)" : ""));
            }
            values[count++] = value;
        }
        return Arrays.copyOf(values, count);
    }

    // ---- layout ------------------------------------------------------------------------------

    /** Entries sorted by offsets must tile [0, dataLength) exactly, each as long as its shape needs. */
    private void checkLayout(List<TensorEntry> entries, long dataLength) throws CheckpointFormatException {
        long expectedBegin = 0;
        TensorEntry previous = null;
        for (TensorEntry entry : entries) {
            String range = "data_offsets [" + entry.begin() + ", " + entry.end() + "]";
            if (entry.begin() < expectedBegin) {
                throw problem("tensor '" + entry.name() + "': " + range + " overlap tensor '" + previous.name()
                        + "', which ends at " + expectedBegin);
            }
            if (entry.begin() > expectedBegin) {
                throw problem("tensor '" + entry.name() + "': " + range + " leave a gap of " + (entry.begin() - expectedBegin)
                        + " bytes after " + (previous == null ? "the start of the data buffer" : "tensor '" + previous.name() + "'")
                        + " (tensor data must be contiguous)");
            }
            if (entry.end() > dataLength) {
                throw problem("tensor '" + entry.name() + "': " + range + " reach past the end of the " + dataLength
                        + "-byte data buffer (the file is truncated, or the offsets are out of range)");
            }
            long expectedBytes = byteLength(entry);
            if (entry.byteLength() != expectedBytes) {
                throw problem("tensor '" + entry.name() + "': shape " + entry.shape() + " of " + entry.dtype() + " needs "
                        + expectedBytes + " bytes, but " + range + " span " + entry.byteLength());
            }
            expectedBegin = entry.end();
            previous = entry;
        }
        if (expectedBegin != dataLength) {
            throw problem("the data buffer has " + dataLength + " bytes but the tensors cover only " + expectedBegin
                    + " (trailing bytes, or offsets that do not reach the end)");
        }
    }

    private long byteLength(TensorEntry entry) throws CheckpointFormatException {
        try {
            long bits = Math.multiplyExact(entry.numel(), (long) entry.dtype().bits());
            if (bits % 8 != 0) {
                throw problem("tensor '" + entry.name() + "': " + entry.numel() + " elements of " + entry.dtype()
                        + " do not fill whole bytes");
            }
            return bits / 8;
        } catch (ArithmeticException e) {
            throw problem("tensor '" + entry.name() + "': shape " + entry.shape() + " of " + entry.dtype()
                    + " has more data than 64-bit sizes can count", e);
        }
    }

    // ---- messages ----------------------------------------------------------------------------

    /** Lone surrogates come from JSON escapes like \ud800, which the reference (serde_json) rejects. */
    private void requireWellFormed(String what, String text) throws CheckpointFormatException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw problem(what + " holds an unpaired UTF-16 surrogate escape at character " + i);
            }
        }
    }

    private static String describe(JsonToken token, JsonParser parser) throws IOException {
        if (token == null) {
            return "nothing (end of input)";
        }
        String text = switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string \"" + abbreviate(parser.getText()) + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + abbreviate(parser.getText());
            case VALUE_TRUE, VALUE_FALSE -> "the boolean " + parser.getText();
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
        return text + at(parser.currentLocation());
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (header offset " + location.getByteOffset() + ")";
    }

    private CheckpointFormatException problem(String message) {
        return new CheckpointFormatException(file, message);
    }

    private CheckpointFormatException problem(String message, Throwable cause) {
        return new CheckpointFormatException(file, message, cause);
    }
}
