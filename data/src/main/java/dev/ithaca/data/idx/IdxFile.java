package dev.ithaca.data.idx;

import dev.ithaca.data.DataFiles;
import dev.ithaca.data.DataFormatException;
import dev.ithaca.tensor.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One IDX file (the MNIST format), read whole into a compact heap array of its element type.
 * Layout: magic {@code 00 00 <type> <rank>}, then {@code rank} big-endian int32 dimension sizes,
 * then the elements, big-endian, row-major. Gzip-compressed files are recognized by their magic
 * bytes. Every inconsistency (magic, type code, truncation, trailing bytes) is a
 * {@link DataFormatException} naming the file, the byte offset and what was expected.
 */
public final class IdxFile {
    private static final int MAGIC_BYTES = 4;
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final Path path;
    private final IdxType type;
    private final long[] shape;
    /** byte[] for UBYTE and BYTE, short[], int[], float[] or double[]. */
    private final Object data;

    private IdxFile(Path path, IdxType type, long[] shape, Object data) {
        this.path = path;
        this.type = type;
        this.shape = shape;
        this.data = data;
    }

    /** Reads and validates {@code path} (plain or gzip). */
    public static IdxFile read(Path path) {
        byte[] bytes = DataFiles.readAllBytes(path, "IDX file");
        boolean gzip = DataFiles.isGzip(bytes);
        return parse(path, DataFiles.decompressIfGzip(path, bytes), gzip);
    }

    private static IdxFile parse(Path path, byte[] bytes, boolean gzip) {
        String where = gzip ? " of the decompressed data" : "";
        if (bytes.length < MAGIC_BYTES) {
            throw new DataFormatException(path, "is " + bytes.length + " bytes long" + (gzip ? " decompressed" : "")
                    + ", too short for the 4-byte IDX magic number");
        }
        int magic = ByteBuffer.wrap(bytes, 0, MAGIC_BYTES).getInt();
        IdxType type = IdxType.ofCode(bytes[2] & 0xFF);
        int rank = bytes[3] & 0xFF;
        if (bytes[0] != 0 || bytes[1] != 0 || type == null || rank == 0) {
            throw new DataFormatException(path, String.format("wrong IDX magic number 0x%08X at byte 0%s: expected 0x0000TTRR,"
                    + " two zero bytes, a type code TT (%s) and the number of dimensions RR >= 1"
                    + " (MNIST images are 0x00000803, labels 0x00000801)", magic, where, IdxType.describeCodes()));
        }
        int headerBytes = MAGIC_BYTES + 4 * rank;
        if (bytes.length < headerBytes) {
            throw new DataFormatException(path, "truncated header: " + rank + " dimension sizes need " + headerBytes
                    + " header bytes but the file has only " + bytes.length + where);
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, MAGIC_BYTES, 4 * rank).order(ByteOrder.BIG_ENDIAN);
        long[] shape = new long[rank];
        long elements = 1;
        for (int d = 0; d < rank; d++) {
            int size = header.getInt();
            if (size < 0) {
                throw new DataFormatException(path, "dimension " + d + " has negative size " + size + " at byte "
                        + (MAGIC_BYTES + 4 * d) + where);
            }
            shape[d] = size;
            elements *= size;
            if (elements > MAX_ELEMENTS) {
                throw new DataFormatException(path, "the header (bytes 4.." + (headerBytes - 1) + where + ") declares shape "
                        + Arrays.toString(Arrays.copyOf(shape, d + 1)) + "..., more than " + MAX_ELEMENTS + " elements");
            }
        }
        long dataBytes = elements * type.byteSize();
        long actual = bytes.length - headerBytes;
        if (actual != dataBytes) {
            String shapeText = "shape " + Arrays.toString(shape) + " of " + type.name().toLowerCase(java.util.Locale.ROOT);
            throw new DataFormatException(path, actual < dataBytes
                    ? "truncated: the header declares " + shapeText + ", " + dataBytes + " data bytes after the " + headerBytes
                            + "-byte header, but only " + actual + " follow (" + bytes.length + " bytes" + where + ")"
                    : "has " + (actual - dataBytes) + " unexpected bytes after the " + dataBytes + " data bytes its header declares ("
                            + shapeText + "), at byte " + (headerBytes + dataBytes) + where);
        }
        return new IdxFile(path, type, shape, decode(bytes, headerBytes, type, (int) elements));
    }

    private static Object decode(byte[] bytes, int offset, IdxType type, int elements) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, bytes.length - offset).order(ByteOrder.BIG_ENDIAN);
        return switch (type) {
            case UBYTE, BYTE -> Arrays.copyOfRange(bytes, offset, offset + elements);
            case SHORT -> {
                short[] values = new short[elements];
                buffer.asShortBuffer().get(values);
                yield values;
            }
            case INT -> {
                int[] values = new int[elements];
                buffer.asIntBuffer().get(values);
                yield values;
            }
            case FLOAT -> {
                float[] values = new float[elements];
                buffer.asFloatBuffer().get(values);
                yield values;
            }
            case DOUBLE -> {
                double[] values = new double[elements];
                buffer.asDoubleBuffer().get(values);
                yield values;
            }
        };
    }

    public Path path() {
        return path;
    }

    public IdxType type() {
        return type;
    }

    /** Dimension sizes, e.g. {@code [60000, 28, 28]}. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of items: the first dimension. */
    public int count() {
        return (int) shape[0];
    }

    /** Elements per item: the product of the dimensions after the first. */
    public int itemSize() {
        long size = 1;
        for (int d = 1; d < shape.length; d++) {
            size *= shape[d];
        }
        return (int) size;
    }

    /** Total number of elements. */
    public long numel() {
        return (long) count() * itemSize();
    }

    /** Element {@code index} in row-major order, as a double (exact for every IDX type). */
    public double value(long index) {
        if (index < 0 || index >= numel()) {
            throw new IndexOutOfBoundsException("IdxFile " + path + ": element " + index + " is outside [0, " + numel() + ")");
        }
        int i = (int) index;
        return switch (type) {
            case UBYTE -> ((byte[]) data)[i] & 0xFF;
            case BYTE -> ((byte[]) data)[i];
            case SHORT -> ((short[]) data)[i];
            case INT -> ((int[]) data)[i];
            case FLOAT -> ((float[]) data)[i];
            case DOUBLE -> ((double[]) data)[i];
        };
    }

    /**
     * The whole file as one tensor of its shape on the current backend: the integer types as
     * INT32 (unsigned bytes keep their 0..255 values), FLOAT as FLOAT32, DOUBLE as FLOAT64.
     */
    public Tensor toTensor() {
        return switch (type) {
            case UBYTE, BYTE, SHORT, INT -> Tensor.of(ints(), shape);
            case FLOAT -> Tensor.of(((float[]) data).clone(), shape);
            case DOUBLE -> Tensor.of(((double[]) data).clone(), shape);
        };
    }

    /** Every element as an int; only for the integer types. */
    int[] ints() {
        return switch (type) {
            case UBYTE -> {
                byte[] b = (byte[]) data;
                int[] out = new int[b.length];
                for (int i = 0; i < b.length; i++) {
                    out[i] = b[i] & 0xFF;
                }
                yield out;
            }
            case BYTE -> {
                byte[] b = (byte[]) data;
                int[] out = new int[b.length];
                for (int i = 0; i < b.length; i++) {
                    out[i] = b[i];
                }
                yield out;
            }
            case SHORT -> {
                short[] s = (short[]) data;
                int[] out = new int[s.length];
                for (int i = 0; i < s.length; i++) {
                    out[i] = s[i];
                }
                yield out;
            }
            case INT -> ((int[]) data).clone();
            case FLOAT, DOUBLE -> throw new IllegalStateException("IdxFile " + path + " holds " + type + ", not integers");
        };
    }

    /**
     * Copies item {@code item} into {@code dst} as floats; unsigned bytes go through
     * {@code ubyteScale} (a 256-entry table) so images scale without a division per pixel.
     */
    void copyItem(int item, float[] dst, int dstOffset, float[] ubyteScale) {
        int size = itemSize();
        int src = item * size;
        switch (type) {
            case UBYTE -> {
                byte[] b = (byte[]) data;
                for (int i = 0; i < size; i++) {
                    dst[dstOffset + i] = ubyteScale[b[src + i] & 0xFF];
                }
            }
            case BYTE -> {
                byte[] b = (byte[]) data;
                for (int i = 0; i < size; i++) {
                    dst[dstOffset + i] = b[src + i];
                }
            }
            case SHORT -> {
                short[] s = (short[]) data;
                for (int i = 0; i < size; i++) {
                    dst[dstOffset + i] = s[src + i];
                }
            }
            case INT -> {
                int[] v = (int[]) data;
                for (int i = 0; i < size; i++) {
                    dst[dstOffset + i] = v[src + i];
                }
            }
            case FLOAT -> System.arraycopy((float[]) data, src, dst, dstOffset, size);
            case DOUBLE -> {
                double[] v = (double[]) data;
                for (int i = 0; i < size; i++) {
                    dst[dstOffset + i] = (float) v[src + i];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "IdxFile(" + path + ", " + type.name().toLowerCase(java.util.Locale.ROOT) + " " + Arrays.toString(shape) + ")";
    }
}
