package dev.ithaca.tensor;

import java.util.Arrays;

/** Renders a tensor like PyTorch's repr: values for small tensors, a summary otherwise. */
final class TensorFormatter {
    private static final long MAX_PRINTED = 64;

    private TensorFormatter() {
    }

    static String format(Tensor t) {
        if (t.isClosed()) {
            return "Tensor(freed, " + t.describe() + ")";
        }
        String header = "Tensor(shape=" + Arrays.toString(t.shape()) + ", dtype=" + t.dtype() + ", device=" + t.device();
        if (t.numel() > MAX_PRINTED) {
            return header + ")";
        }
        StringBuilder sb = new StringBuilder(header).append(", values=");
        double[] values = t.toDoubleArray();
        long[] shape = t.shape();
        appendNested(sb, values, shape, 0, 0, t.dtype());
        return sb.append(')').toString();
    }

    private static int appendNested(StringBuilder sb, double[] values, long[] shape, int dim, int pos, DType dtype) {
        if (dim == shape.length) {
            appendValue(sb, values[pos], dtype);
            return pos + 1;
        }
        sb.append('[');
        for (long i = 0; i < shape[dim]; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            pos = appendNested(sb, values, shape, dim + 1, pos, dtype);
        }
        sb.append(']');
        return pos;
    }

    private static void appendValue(StringBuilder sb, double v, DType dtype) {
        switch (dtype) {
            case BOOL -> sb.append(v != 0);
            case INT32, INT64 -> sb.append((long) v);
            default -> sb.append(dtype == DType.FLOAT32 ? Float.toString((float) v) : Double.toString(v));
        }
    }
}
