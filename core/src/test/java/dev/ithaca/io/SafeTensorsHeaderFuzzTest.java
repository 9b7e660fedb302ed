package dev.ithaca.io;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static dev.ithaca.io.SafeTensorsBytes.concat;
import static dev.ithaca.io.SafeTensorsBytes.file;
import static dev.ithaca.io.SafeTensorsBytes.lengthPrefix;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of random, half-valid and mutated files: {@code readHeader} must either return a header
 * that satisfies the format's invariants or throw {@link CheckpointFormatException} — never another
 * exception, an error or a hang. Statistics check that the generators reach both outcomes.
 */
class SafeTensorsHeaderFuzzTest {
    private static Path dir;

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("safetensors-fuzz");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Reads the bytes as a file; returns "valid" or "rejected", failing on anything else. */
    private static String classify(byte[] bytes) throws IOException {
        Path file = SafeTensorsBytes.write(dir.resolve("fuzz.safetensors"), bytes);
        try {
            SafeTensorsHeader header = SafeTensors.readHeader(file);
            long covered = 0;
            for (TensorEntry entry : header.tensors()) {
                assertThat(entry.begin()).isEqualTo(covered);
                assertThat(entry.byteLength() * 8).isEqualTo(entry.numel() * entry.dtype().bits());
                covered = entry.end();
            }
            assertThat(covered).isEqualTo(header.dataLength());
            assertThat(header.dataStart() + header.dataLength()).isEqualTo(bytes.length);
            return "valid";
        } catch (CheckpointFormatException e) {
            assertThat(e).hasMessageStartingWith(file + ": ");
            return "rejected";
        }
    }

    @Property(tries = 2000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void randomBytes(@ForAll("anyBytes") byte[] bytes) throws IOException {
        Statistics.collect(classify(bytes));
    }

    @Property(tries = 3000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void randomJsonLikeHeadersWithACorrectLength(@ForAll("jsonLikeHeaders") String header, @ForAll("smallData") byte[] data)
            throws IOException {
        Statistics.collect(classify(file(header, data)));
        Statistics.coverage(c -> c.check("rejected").percentage(p -> p > 50));
    }

    @Property(tries = 3000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void structuredHeadersWithRandomFieldValues(@ForAll("structuredFiles") byte[] bytes) throws IOException {
        Statistics.collect(classify(bytes));
        Statistics.coverage(c -> {
            c.check("valid").percentage(p -> p > 5);
            c.check("rejected").percentage(p -> p > 5);
        });
    }

    @Property(tries = 3000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void mutationsOfValidFiles(@ForAll("validFiles") byte[] original, @ForAll("mutations") List<Mutation> mutations)
            throws IOException {
        assertThat(classify(original)).isEqualTo("valid");
        byte[] bytes = original;
        for (Mutation m : mutations) {
            bytes = m.apply(bytes);
        }
        Statistics.collect(classify(bytes));
        Statistics.coverage(c -> c.check("rejected").percentage(p -> p > 30));
    }

    // ---- generators --------------------------------------------------------------------------

    @Provide
    Arbitrary<byte[]> anyBytes() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        // a small plausible length prefix in front of noise gets past the first checks more often
        Arbitrary<byte[]> prefixed = Combinators.combine(Arbitraries.longs().between(0, 220), noise)
                .as((n, rest) -> concat(lengthPrefix(n), rest));
        return Arbitraries.oneOf(noise, prefixed);
    }

    @Provide
    Arbitrary<byte[]> smallData() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    }

    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", " ", "\"dtype\"", "\"shape\"",
            "\"data_offsets\"", "\"__metadata__\"", "\"F32\"", "\"BF16\"", "\"F4\"", "\"U8\"", "\"X\"", "\"a\"", "\"b\"", "0", "1", "4",
            "8", "-1", "1.5", "1e3", "18446744073709551616", "null", "true", "\\u0000", "\\ud800", "\u00e9", "\n");

    @Provide
    Arbitrary<String> jsonLikeHeaders() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(40).map(tokens -> String.join("", tokens));
    }

    private static final List<String> DTYPE_NAMES = Stream.concat(Stream.of(SafeTensorsDType.values()).map(Enum::name),
            Stream.of("f32", "F128", "", "BOOL ")).toList();

    /** Headers that are valid JSON of the right shape, with values that are sometimes consistent, sometimes not. */
    @Provide
    Arbitrary<byte[]> structuredFiles() {
        Arbitrary<String> dtype = Arbitraries.of(DTYPE_NAMES);
        Arbitrary<List<Long>> shape = Arbitraries.longs().between(-1, 4).list().ofMaxSize(4);
        Arbitrary<Long> offset = Arbitraries.longs().between(0, 40);
        Arbitrary<String> entries = Combinators.combine(Arbitraries.of("a", "b", "c", "d"), dtype, shape, offset,
                        Arbitraries.integers().between(0, 3))
                .as((name, type, dims, begin, mode) -> new Object[] {name, type, dims, begin, mode})
                .list().ofMaxSize(4).uniqueElements(e -> e[0])
                .map(SafeTensorsHeaderFuzzTest::entriesJson);
        return Combinators.combine(entries, Arbitraries.integers().between(-2, 2))
                .as((pair, slack) -> {
                    String json = pair.substring(pair.indexOf('|') + 1);
                    long used = Long.parseLong(pair.substring(0, pair.indexOf('|')));
                    return file(json, new byte[(int) Math.max(0, used + slack)]);
                });
    }

    /**
     * Lays entries out contiguously using their dtype's true size (mode 0-1), or with a wrong end (mode 2),
     * or at the drawn offset (mode 3). Returns "bytesUsed|json".
     */
    private static String entriesJson(List<Object[]> entries) {
        StringBuilder json = new StringBuilder("{");
        long offset = 0;
        for (Object[] e : entries) {
            String dtype = (String) e[1];
            @SuppressWarnings("unchecked")
            List<Long> dims = (List<Long>) e[2];
            long numel = dims.stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
            int bits = SafeTensorsDType.fromName(dtype).map(SafeTensorsDType::bits).orElse(32);
            long size = Math.max(0, numel * bits / 8);
            int mode = (Integer) e[4];
            long begin = mode == 3 ? (Long) e[3] : offset;
            long end = mode == 2 ? begin + size + 1 : begin + size;
            json.append(json.length() == 1 ? "" : ",").append(SafeTensorsBytes.entry((String) e[0], dtype, dims.toString().replace(" ", ""),
                    begin, end));
            offset = Math.max(offset, end);
        }
        return offset + "|" + json.append('}');
    }

    /** Valid files: a few tensors laid out correctly, optional metadata, padded like the reference writer. */
    @Provide
    Arbitrary<byte[]> validFiles() {
        Arbitrary<SafeTensorsDType> dtype = Arbitraries.of(SafeTensorsDType.values());
        Arbitrary<List<Long>> shape = Arbitraries.longs().between(0, 3).list().ofMaxSize(3);
        Arbitrary<List<Object[]>> tensors = Combinators.combine(dtype, shape).as((t, s) -> new Object[] {t, s}).list().ofMaxSize(4);
        Arbitrary<String> metadata = Arbitraries.strings().ofMaxLength(12).list().ofMaxSize(3)
                .map(values -> {
                    StringBuilder m = new StringBuilder();
                    for (int i = 0; i < values.size(); i++) {
                        m.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append(jsonEscape(values.get(i))).append('"');
                    }
                    return values.isEmpty() ? "" : "\"__metadata__\":{" + m + "}";
                });
        return Combinators.combine(tensors, metadata).as((list, meta) -> {
            StringBuilder json = new StringBuilder("{").append(meta);
            long offset = 0;
            for (int i = 0; i < list.size(); i++) {
                SafeTensorsDType t = (SafeTensorsDType) list.get(i)[0];
                @SuppressWarnings("unchecked")
                List<Long> dims = (List<Long>) list.get(i)[1];
                long numel = dims.stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
                long bytes = (numel * t.bits() + 7) / 8;
                if (bytes * 8 != numel * t.bits()) {
                    dims = List.of(0L); // keep sub-byte types whole
                    bytes = 0;
                }
                json.append(json.length() == 1 ? "" : ",")
                        .append(SafeTensorsBytes.entry("t" + i, t.name(), dims.toString().replace(" ", ""), offset, offset + bytes));
                offset += bytes;
            }
            byte[] header = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
            byte[] padded = concat(header, " ".repeat((8 - header.length % 8) % 8).getBytes(StandardCharsets.US_ASCII));
            byte[] data = new byte[(int) offset];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31);
            }
            return file(padded, data);
        });
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == '"' || c == '\\' || (c >= 0xD800 && c <= 0xDFFF)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** One edit to a file's bytes. */
    record Mutation(int kind, int position, int value) {
        byte[] apply(byte[] bytes) {
            if (bytes.length == 0) {
                return new byte[] {(byte) value};
            }
            int at = Math.floorMod(position, bytes.length);
            return switch (kind) {
                case 0 -> { // flip one bit
                    byte[] out = bytes.clone();
                    out[at] ^= (byte) (1 << (value & 7));
                    yield out;
                }
                case 1 -> { // overwrite a byte
                    byte[] out = bytes.clone();
                    out[at] = (byte) value;
                    yield out;
                }
                case 2 -> concat(Arrays.copyOf(bytes, at), new byte[] {(byte) value},
                        Arrays.copyOfRange(bytes, at, bytes.length)); // insert
                case 3 -> concat(Arrays.copyOf(bytes, at), Arrays.copyOfRange(bytes, at + 1, bytes.length)); // delete
                case 4 -> Arrays.copyOf(bytes, at); // truncate
                default -> { // rewrite the length prefix by a small amount
                    byte[] out = bytes.clone();
                    if (out.length >= 8) {
                        out[0] = (byte) (out[0] + (value % 9) - 4);
                    }
                    yield out;
                }
            };
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers(),
                Arbitraries.integers().between(0, 255)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(3);
    }
}
