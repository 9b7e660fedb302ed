package dev.ithaca.peers;

/**
 * The workloads every framework runs, with the same sizes: a framework's runner implements each
 * with its own idiomatic calls and lets {@link PeerRun} time it.
 */
public final class Workloads {
    private Workloads() {
    }

    /** Square FLOAT32 matrix products C = A B, a fresh C each call (n x n). */
    public static final int[] SGEMM_SIZES = {256, 512, 1024, 2048};
    /** Elementwise a + b into a fresh result: 16M floats. */
    public static final int ADD_SIZE = 16 * 1024 * 1024;
    /** One Adam step over a single parameter of 10M floats with a fixed gradient. */
    public static final int ADAM_SIZE = 10_000_000;
    /** Adam's learning rate, in the Adam step and in MLP training. */
    public static final float LEARNING_RATE = 1e-3f;
    /** MLP layer widths: 784-512-512-10 with ReLU between, softmax cross-entropy on the logits. */
    public static final int[] MLP_WIDTHS = {784, 512, 512, 10};
    public static final int BATCH = 128;

    /** Workload names, as in the result files and on the command line ({@code --only}). */
    public static final String SGEMM = "sgemm";
    public static final String ADD = "add";
    public static final String ADAM = "adam";
    public static final String MLP_TRAIN = "mlp-train";
    public static final String MLP_INFER = "mlp-infer";

    /** Floating-point operations of one n x n x n product. */
    public static double sgemmFlops(int n) {
        return 2.0 * n * n * n;
    }
}
