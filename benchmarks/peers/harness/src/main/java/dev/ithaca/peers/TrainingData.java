package dev.ithaca.peers;

import java.util.SplittableRandom;

/**
 * Synthetic MNIST-shaped data for the MLP workloads, the same for every framework (same seed):
 * 2^19 samples of 784 random pixel bytes (scaled to [0, 1]) with random labels 0-9, served in
 * batches of 128 in a seeded shuffled order.
 *
 * <p>Every step sees a batch it has not seen before until 4,096 steps have run (more than a
 * measured training run of the fastest framework here). Training again and again on a small fixed
 * set lets the network fit it; Adam's moments of units that stop receiving gradient then decay into
 * denormal floats within a few hundred steps, which halves the speed of every framework on this CPU
 * and turns the comparison into a measurement of denormal arithmetic. Random labels never get fitted.
 */
public final class TrainingData {
    public static final int SAMPLES = 1 << 19;
    public static final int FEATURES = Workloads.MLP_WIDTHS[0];
    public static final int CLASSES = Workloads.MLP_WIDTHS[Workloads.MLP_WIDTHS.length - 1];

    private final int samples;
    private final byte[] pixels;
    private final byte[] labels;
    private final long seed;
    private int[] order;
    private long orderEpoch = -1;

    /** {@link #SAMPLES} samples from {@code seed}. */
    public TrainingData(long seed) {
        this(seed, SAMPLES);
    }

    /** A smaller pool, for tests. */
    public TrainingData(long seed, int samples) {
        if (samples < Workloads.BATCH) {
            throw new IllegalArgumentException("samples must be >= one batch (" + Workloads.BATCH + "), got " + samples);
        }
        this.samples = samples;
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        pixels = new byte[samples * FEATURES];
        for (int i = 0; i < pixels.length; i += 8) {
            long bits = random.nextLong();
            for (int b = 0; b < 8 && i + b < pixels.length; b++) {
                pixels[i + b] = (byte) (bits >>> (8 * b));
            }
        }
        labels = new byte[samples];
        for (int i = 0; i < samples; i++) {
            labels[i] = (byte) random.nextInt(CLASSES);
        }
    }

    /** Batches that fit before a sample comes back. */
    public long distinctBatches() {
        return samples / Workloads.BATCH;
    }

    /**
     * Fills batch {@code step} (row-major [128, 784] in [0, 1]) and its labels. Steps are served in
     * order of a seeded shuffle per pass over the pool; ask for them in increasing order.
     */
    public void batch(long step, float[] x, int[] y) {
        if (x.length != Workloads.BATCH * FEATURES || y.length != Workloads.BATCH) {
            throw new IllegalArgumentException("x must hold " + Workloads.BATCH * FEATURES + " floats and y " + Workloads.BATCH
                    + " labels, got " + x.length + " and " + y.length);
        }
        long batchesPerEpoch = distinctBatches();
        long epoch = step / batchesPerEpoch;
        if (epoch != orderEpoch) {
            order = shuffled(seed + 1 + epoch);
            orderEpoch = epoch;
        }
        int first = (int) (step % batchesPerEpoch) * Workloads.BATCH;
        for (int row = 0; row < Workloads.BATCH; row++) {
            int sample = order[first + row];
            int from = sample * FEATURES;
            int to = row * FEATURES;
            for (int f = 0; f < FEATURES; f++) {
                x[to + f] = (pixels[from + f] & 0xff) * (1f / 255);
            }
            y[row] = labels[sample];
        }
    }

    private int[] shuffled(long shuffleSeed) {
        int[] indices = new int[samples];
        for (int i = 0; i < samples; i++) {
            indices[i] = i;
        }
        SplittableRandom random = new SplittableRandom(shuffleSeed);
        for (int i = samples - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = indices[i];
            indices[i] = indices[j];
            indices[j] = t;
        }
        return indices;
    }

    /** Labels as one-hot rows [128, 10], for frameworks whose loss takes those. */
    public static void oneHot(int[] y, float[] out) {
        if (out.length != y.length * CLASSES) {
            throw new IllegalArgumentException("out must hold " + y.length * CLASSES + " floats, got " + out.length);
        }
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < y.length; i++) {
            out[i * CLASSES + y[i]] = 1;
        }
    }
}
