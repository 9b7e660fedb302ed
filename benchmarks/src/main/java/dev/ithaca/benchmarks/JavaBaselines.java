package dev.ithaca.benchmarks;

/**
 * What a Java programmer would write by hand on {@code float[]}: single-threaded loops that
 * allocate a fresh output (as a Tensor op allocates its result). The JIT vectorizes the
 * elementwise loops, so they run near memory bandwidth.
 */
final class JavaBaselines {
    private JavaBaselines() {
    }

    static float[] add(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    static float[] mul(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    /** Sum in double with four independent accumulators, the same accuracy as the CPU kernel's. */
    static double sum(float[] a) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= a.length; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Row-wise softmax of a row-major [rows, cols] matrix, max-subtracted like the kernel. */
    static float[] softmaxRows(float[] x, int rows, int cols) {
        float[] out = new float[x.length];
        for (int r = 0; r < rows; r++) {
            int start = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = start; i < start + cols; i++) {
                max = Math.max(max, x[i]);
            }
            double sum = 0;
            for (int i = start; i < start + cols; i++) {
                float e = (float) Math.exp(x[i] - max);
                out[i] = e;
                sum += e;
            }
            float inv = (float) (1 / sum);
            for (int i = start; i < start + cols; i++) {
                out[i] *= inv;
            }
        }
        return out;
    }
}
