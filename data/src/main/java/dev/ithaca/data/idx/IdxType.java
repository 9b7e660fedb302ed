package dev.ithaca.data.idx;

/** Element types of the IDX format (LeCun's MNIST files): the third byte of the magic number. */
public enum IdxType {
    UBYTE(0x08, 1),
    BYTE(0x09, 1),
    SHORT(0x0B, 2),
    INT(0x0C, 4),
    FLOAT(0x0D, 4),
    DOUBLE(0x0E, 8);

    private final int code;
    private final int byteSize;

    IdxType(int code, int byteSize) {
        this.code = code;
        this.byteSize = byteSize;
    }

    /** The type code in the magic number, e.g. {@code 0x08}. */
    public int code() {
        return code;
    }

    /** Bytes per element (big-endian in the file). */
    public int byteSize() {
        return byteSize;
    }

    /** True for the integer types (UBYTE, BYTE, SHORT, INT). */
    public boolean isIntegral() {
        return this != FLOAT && this != DOUBLE;
    }

    /** The type with this code, or null. */
    public static IdxType ofCode(int code) {
        for (IdxType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }

    /** All codes, for error messages: {@code 0x08 ubyte, 0x09 byte, ...}. */
    static String describeCodes() {
        StringBuilder s = new StringBuilder();
        for (IdxType type : values()) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(String.format("0x%02X %s", type.code, type.name().toLowerCase(java.util.Locale.ROOT)));
        }
        return s.toString();
    }
}
