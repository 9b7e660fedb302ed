package dev.ithaca.loops;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Rows of float features with either class labels or float targets, made in plain Java so tests can
 * compute expected values without the tensor library.
 *
 * @param labels      one class per row, or null
 * @param targets     {@code targetWidth} floats per row, or null
 */
record SyntheticData(float[] inputs, int features, long[] labels, float[] targets, int targetWidth) {

    int rows() {
        return inputs.length / features;
    }

    /** Labels from a random linear teacher (argmax of W x): learnable by a linear model or an MLP. */
    static SyntheticData teacherClassification(int rows, int features, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] teacher = new double[classes][features];
        for (double[] row : teacher) {
            for (int j = 0; j < features; j++) {
                row[j] = random.nextGaussian();
            }
        }
        float[] x = new float[rows * features];
        long[] y = new long[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < features; j++) {
                x[i * features + j] = (float) random.nextGaussian();
            }
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double score = 0;
                for (int j = 0; j < features; j++) {
                    score += teacher[c][j] * x[i * features + j];
                }
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            y[i] = best;
        }
        return new SyntheticData(x, features, y, null, 0);
    }

    /** Targets y = A x + b + small noise. */
    static SyntheticData linearRegression(int rows, int features, int outputs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] a = new double[outputs][features];
        double[] b = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            b[o] = random.nextGaussian();
            for (int j = 0; j < features; j++) {
                a[o][j] = random.nextGaussian();
            }
        }
        float[] x = new float[rows * features];
        float[] y = new float[rows * outputs];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < features; j++) {
                x[i * features + j] = (float) random.nextGaussian();
            }
            for (int o = 0; o < outputs; o++) {
                double v = b[o] + 0.01 * random.nextGaussian();
                for (int j = 0; j < features; j++) {
                    v += a[o][j] * x[i * features + j];
                }
                y[i * outputs + o] = (float) v;
            }
        }
        return new SyntheticData(x, features, null, y, outputs);
    }

    /** Binary 0/1 float targets (one column) from the sign of a random projection. */
    static SyntheticData binary(int rows, int features, long seed) {
        SyntheticData classes = teacherClassification(rows, features, 2, seed);
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = classes.labels()[i];
        }
        return new SyntheticData(classes.inputs(), features, null, y, 1);
    }

    /** The same data with row {@code row}'s first feature set to NaN. */
    SyntheticData withNaNAt(int row) {
        float[] x = inputs.clone();
        x[row * features] = Float.NaN;
        return new SyntheticData(x, features, labels, targets, targetWidth);
    }

    /** The same data without rows {@code [from, to)}. */
    SyntheticData withoutRows(int from, int to) {
        int n = rows();
        float[] x = new float[(n - (to - from)) * features];
        System.arraycopy(inputs, 0, x, 0, from * features);
        System.arraycopy(inputs, to * features, x, from * features, (n - to) * features);
        long[] y = null;
        if (labels != null) {
            y = new long[n - (to - from)];
            System.arraycopy(labels, 0, y, 0, from);
            System.arraycopy(labels, to, y, from, n - to);
        }
        float[] t = null;
        if (targets != null) {
            t = new float[(n - (to - from)) * targetWidth];
            System.arraycopy(targets, 0, t, 0, from * targetWidth);
            System.arraycopy(targets, to * targetWidth, t, from * targetWidth, (n - to) * targetWidth);
        }
        return new SyntheticData(x, features, y, t, targetWidth);
    }

    /** Features of row {@code i}. */
    float[] row(int i) {
        return Arrays.copyOfRange(inputs, i * features, (i + 1) * features);
    }
}
