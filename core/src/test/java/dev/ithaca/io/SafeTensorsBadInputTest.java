package dev.ithaca.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.ithaca.io.SafeTensorsBytes.concat;
import static dev.ithaca.io.SafeTensorsBytes.entry;
import static dev.ithaca.io.SafeTensorsBytes.file;
import static dev.ithaca.io.SafeTensorsBytes.lengthPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every way a file can be broken gives a {@link CheckpointFormatException} naming the file and the
 * problem, from both {@code readHeader} and {@code read}. No backend is needed: a bad file must be
 * refused before any tensor is allocated.
 */
class SafeTensorsBadInputTest {
    @TempDir
    Path dir;

    private static final byte[] EIGHT_BYTES = new byte[8];

    private void assertRejected(byte[] bytes, String... fragments) throws IOException {
        Path file = SafeTensorsBytes.write(dir.resolve("bad.safetensors"), bytes);
        for (var reader : new ReaderCall[] {SafeTensors::readHeader, SafeTensors::read}) {
            assertThatThrownBy(() -> reader.call(file))
                    .isInstanceOf(CheckpointFormatException.class)
                    .hasMessageStartingWith(file + ": ")
                    .hasMessageContainingAll(fragments)
                    .satisfies(e -> assertThat(((CheckpointFormatException) e).file()).isEqualTo(file));
        }
    }

    @FunctionalInterface
    private interface ReaderCall {
        Object call(Path file) throws IOException;
    }

    private static String header(String... entries) {
        return "{" + String.join(",", entries) + "}";
    }

    // ---- length prefix -----------------------------------------------------------------------

    @Test
    void emptyFileIsTruncated() throws IOException {
        assertRejected(new byte[0], "truncated", "0 bytes");
    }

    @Test
    void fileShorterThanTheLengthPrefixIsTruncated() throws IOException {
        assertRejected(new byte[] {2, 0, 0, 0, 0, 0, 0}, "truncated", "7 bytes");
    }

    @Test
    void headerLengthLargerThanTheFile() throws IOException {
        assertRejected(concat(lengthPrefix(100), "{}".getBytes(StandardCharsets.US_ASCII)), "header length 100", "larger than the 2 bytes");
    }

    @Test
    void headerLengthOverTheCap() throws IOException {
        assertRejected(concat(lengthPrefix(SafeTensors.MAX_HEADER_LENGTH + 1), "{}".getBytes(StandardCharsets.US_ASCII)),
                "header length 100000001 exceeds the limit");
    }

    @Test
    void headerLengthAboveTwoToThe63IsReadAsUnsigned() throws IOException {
        assertRejected(concat(lengthPrefix(-1), "{}".getBytes(StandardCharsets.US_ASCII)), "header length 18446744073709551615");
    }

    // ---- encoding and syntax -----------------------------------------------------------------

    @Test
    void invalidUtf8ByteInHeader() throws IOException {
        byte[] header = "{\"a\":{}}".getBytes(StandardCharsets.US_ASCII);
        header[2] = (byte) 0xff;
        assertRejected(file(header, new byte[0]), "not valid UTF-8", "0xff", "offset 2");
    }

    @Test
    void overlongAndSurrogateUtf8EncodingsAreRejected() throws IOException {
        // 0xC0 0xAF is an overlong '/', 0xED 0xA0 0x80 encodes the surrogate U+D800: both forbidden in UTF-8
        assertRejected(file(new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '{', '}', '}'}, new byte[0]), "not valid UTF-8");
        assertRejected(file(new byte[] {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ':', '{', '}', '}'}, new byte[0]),
                "not valid UTF-8");
        assertRejected(file(new byte[] {'{', '}', ' ', (byte) 0xE2, (byte) 0x82}, new byte[0]), "not valid UTF-8");
    }

    @Test
    void unterminatedJson() throws IOException {
        assertRejected(file("{\"a\":", new byte[0]), "header JSON is malformed");
    }

    @Test
    void trailingCommaIsNotJson() throws IOException {
        assertRejected(file(header(entry("a", "F32", "[1]", 0, 4)).replace("]}}", "]},}"), new byte[4]), "header JSON is malformed");
    }

    @Test
    void headerThatIsNotAnObject() throws IOException {
        assertRejected(file("[]      ", new byte[0]), "must be a JSON object", "an array");
        assertRejected(file("", new byte[0]), "must be a JSON object", "nothing");
    }

    @Test
    void contentAfterTheHeaderObject() throws IOException {
        assertRejected(file("{}{}", new byte[0]), "content after its JSON object");
        assertRejected(file("{} x", new byte[0]), "header JSON is malformed");
    }

    @Test
    void nulPaddingIsNotJsonWhitespace() throws IOException {
        assertRejected(file(concat("{}".getBytes(StandardCharsets.US_ASCII), new byte[6]), new byte[0]), "header JSON is malformed");
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() throws IOException {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertRejected(file("{\"a\":{\"x\":" + deep + ",\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}", new byte[4]),
                "header JSON is malformed", "nesting depth");
    }

    // ---- duplicates --------------------------------------------------------------------------

    @Test
    void duplicateTensorNames() throws IOException {
        assertRejected(file(header(entry("w", "F32", "[1]", 0, 4), entry("w", "F32", "[1]", 4, 8)), new byte[8]),
                "Duplicate", "'w'");
    }

    @Test
    void duplicateFieldInsideAnEntry() throws IOException {
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]),
                "Duplicate", "'dtype'");
    }

    @Test
    void duplicateMetadataKeyAndDuplicateMetadataMap() throws IOException {
        assertRejected(file("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", new byte[0]), "Duplicate", "'k'");
        assertRejected(file("{\"__metadata__\":{},\"__metadata__\":{}}", new byte[0]), "Duplicate", "'__metadata__'");
    }

    // ---- __metadata__ ------------------------------------------------------------------------

    @Test
    void metadataValuesMustBeStrings() throws IOException {
        assertRejected(file("{\"__metadata__\":{\"epoch\":3}}", new byte[0]), "value of key 'epoch' must be a string", "number 3");
        assertRejected(file("{\"__metadata__\":{\"k\":null}}", new byte[0]), "value of key 'k' must be a string", "null");
        assertRejected(file("{\"__metadata__\":{\"k\":{\"nested\":\"x\"}}}", new byte[0]), "must be a string", "an object");
        assertRejected(file("{\"__metadata__\":{\"k\":[\"x\"]}}", new byte[0]), "must be a string", "an array");
    }

    @Test
    void metadataMustBeAnObject() throws IOException {
        assertRejected(file("{\"__metadata__\":[\"a\",\"b\"]}", new byte[0]), "__metadata__ must be an object", "an array");
        assertRejected(file("{\"__metadata__\":\"text\"}", new byte[0]), "__metadata__ must be an object", "\"text\"");
    }

    @Test
    void unpairedSurrogateEscapeInANameOrValue() throws IOException {
        assertRejected(file("{\"__metadata__\":{\"k\":\"\\ud800\"}}", new byte[0]), "unpaired", "surrogate");
        assertRejected(file(header(entry("\\udc00x", "F32", "[1]", 0, 4)), new byte[4]), "surrogate");
        assertRejected(file(header(entry("x\\ud800", "F32", "[1]", 0, 4)), new byte[4]), "surrogate");
    }

    // ---- entries -----------------------------------------------------------------------------

    @Test
    void entryMustBeAnObject() throws IOException {
        assertRejected(file("{\"w\":5}", new byte[0]), "tensor 'w' must be an object", "number 5");
    }

    @Test
    void entryFieldsAreRequired() throws IOException {
        assertRejected(file("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]), "tensor 'w' has no dtype");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", new byte[4]), "tensor 'w' has no shape");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]), "tensor 'w' has no data_offsets");
    }

    @Test
    void unknownDtype() throws IOException {
        assertRejected(file(header(entry("w", "F128", "[1]", 0, 16)), new byte[16]), "tensor 'w'", "unknown dtype \"F128\"");
        assertRejected(file(header(entry("w", "f32", "[1]", 0, 4)), new byte[4]), "unknown dtype \"f32\"");
        assertRejected(file("{\"w\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]), "dtype must be a string");
    }

    @Test
    void shapeMustHoldNonNegativeIntegers() throws IOException {
        assertRejected(file(header(entry("w", "F32", "[-1]", 0, 0)), new byte[0]), "shape value -1 is negative");
        assertRejected(file(header(entry("w", "F32", "[1.5]", 0, 4)), new byte[4]), "shape must hold only integers", "1.5");
        assertRejected(file(header(entry("w", "F32", "[\"2\"]", 0, 8)), new byte[8]), "shape must hold only integers");
        assertRejected(file(header(entry("w", "F32", "[0,18446744073709551616]", 0, 0)), new byte[0]),
                "18446744073709551616 exceeds");
        assertRejected(file(header(entry("w", "F32", "2", 0, 8)), new byte[8]), "shape must be an array", "number 2");
    }

    @Test
    void tooManyDimensions() throws IOException {
        String shape = Arrays.toString(new int[SafeTensors.MAX_RANK + 1]).replace(" ", "").replace('0', '1');
        assertRejected(file(header(entry("w", "F32", shape, 0, 4)), new byte[4]), "more than 64", "dimensions");
    }

    @Test
    void elementCountOverflow() throws IOException {
        assertRejected(file(header(entry("w", "F32", "[4294967296,4294967296]", 0, 8)), new byte[8]),
                "tensor 'w'", "more data than 64-bit sizes can count");
        assertRejected(file(header(entry("w", "F64", "[1152921504606846976,2]", 0, 8)), new byte[8]), "64-bit");
    }

    @Test
    void dataOffsetsMustBeAPair() throws IOException {
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", new byte[8]),
                "data_offsets has more than 2 entries");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]}}", new byte[4]),
                "data_offsets must be [begin, end], got [4]");
        assertRejected(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":{\"a\":0}}}", new byte[4]),
                "data_offsets must be an array");
    }

    // ---- layout ------------------------------------------------------------------------------

    @Test
    void shapeAndDtypeDisagreeWithTheOffsets() throws IOException {
        assertRejected(file(header(entry("w", "F32", "[2]", 0, 4)), new byte[4]),
                "tensor 'w'", "shape [2] of F32 needs 8 bytes", "span 4");
    }

    @Test
    void subByteDtypeThatDoesNotFillWholeBytes() throws IOException {
        assertRejected(file(header(entry("w", "F4", "[3]", 0, 1)), new byte[1]), "3 elements of F4 do not fill whole bytes");
    }

    @Test
    void overlappingOffsets() throws IOException {
        assertRejected(file(header(entry("a", "F32", "[2]", 0, 8), entry("b", "F32", "[2]", 4, 12)), new byte[12]),
                "tensor 'b'", "overlap tensor 'a'");
    }

    @Test
    void offsetsPastTheEndOfTheData() throws IOException {
        assertRejected(file(header(entry("a", "F32", "[4]", 0, 16)), new byte[8]), "tensor 'a'", "reach past the end of the 8-byte data buffer");
    }

    @Test
    void gapBetweenTensors() throws IOException {
        assertRejected(file(header(entry("a", "F32", "[1]", 0, 4), entry("b", "F32", "[1]", 8, 12)), new byte[12]),
                "tensor 'b'", "gap of 4 bytes after tensor 'a'");
    }

    @Test
    void firstTensorNotAtTheStartOfTheBuffer() throws IOException {
        assertRejected(file(header(entry("a", "F32", "[1]", 4, 8)), new byte[8]), "gap of 4 bytes after the start");
    }

    @Test
    void offsetsThatEndBeforeTheyBegin() throws IOException {
        assertRejected(file(header(entry("a", "F32", "[1]", 8, 4)), new byte[8]), "tensor 'a'", "end before they begin");
    }

    @Test
    void trailingBytesNotCoveredByAnyTensor() throws IOException {
        assertRejected(file(header(entry("a", "F32", "[2]", 0, 8)), new byte[12]), "12 bytes but the tensors cover only 8");
        assertRejected(file("{}", new byte[1]), "1 bytes but the tensors cover only 0");
    }

    @Test
    void truncatedDataIsDetected() throws IOException {
        byte[] whole = file(header(entry("a", "F32", "[4]", 0, 16)), new byte[16]);
        assertRejected(Arrays.copyOf(whole, whole.length - 1), "reach past the end of the 15-byte data buffer");
        assertRejected(Arrays.copyOf(whole, 20), "larger than the 12 bytes");
    }

    // ---- loading -----------------------------------------------------------------------------

    @Test
    void dtypeTheReaderCannotLoadIsRefusedByReadButDescribedByReadHeader() throws IOException {
        Path file = SafeTensorsBytes.write(dir.resolve("u8.safetensors"), file(header(entry("pixels", "U8", "[3]", 0, 3)), new byte[3]));
        assertThat(SafeTensors.readHeader(file).tensors()).singleElement()
                .satisfies(e -> assertThat(e.dtype()).isEqualTo(SafeTensorsDType.U8));
        assertThatThrownBy(() -> SafeTensors.read(file))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContainingAll("tensor 'pixels' has dtype U8", "cannot load", "BF16", "F64");
    }

    @Test
    void missingFileIsAPlainIoErrorNotAFormatError() {
        Path missing = dir.resolve("missing.safetensors");
        assertThatThrownBy(() -> SafeTensors.read(missing)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> SafeTensors.readHeader(missing)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void theEightByteFixtureIsValidSoTheCasesAboveFailForTheirOwnReason() throws IOException {
        Path file = SafeTensorsBytes.write(dir.resolve("ok.safetensors"),
                file(header(entry("a", "F32", "[2]", 0, 8)), EIGHT_BYTES));
        assertThat(SafeTensors.readHeader(file).names()).containsExactly("a");
    }
}
