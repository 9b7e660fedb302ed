package dev.ithaca.backend.cuda;

/**
 * How a reduction of {@code outputs} outputs over {@code count} elements each is spread over the
 * GPU: a group of {@link #threadsPerGroup()} threads per output (fewer for short rows, so a block
 * serves many outputs), and, when a few outputs cover many elements, each output split into
 * {@link #splits()} chunks whose partial results a second kernel combines in order.
 */
record ReductionPlan(int threadsPerGroup, long splits) {
    /** Elements a chunk covers at least, so a split is worth its partial result. */
    static final long MIN_CHUNK = 8192;
    /** Bound on chunks per output (and on the partials buffer). */
    static final long MAX_SPLITS = 1024;
    /** Groups a launch aims for per multiprocessor before splitting outputs. */
    static final int GROUPS_PER_MULTIPROCESSOR = 4;

    static ReductionPlan of(long outputs, long count, int multiprocessors) {
        int tpo = threadsPerGroup(count);
        long wanted = (long) Math.max(1, multiprocessors) * GROUPS_PER_MULTIPROCESSOR;
        long splits = 1;
        if (outputs < wanted && count >= 2 * MIN_CHUNK) {
            long byWork = count / MIN_CHUNK;
            long byOccupancy = (wanted + outputs - 1) / Math.max(1, outputs);
            splits = Math.max(1, Math.min(MAX_SPLITS, Math.min(byWork, byOccupancy)));
        }
        return new ReductionPlan(tpo, splits);
    }

    /** The smallest power of two at least {@code count}, capped at a whole block. */
    static int threadsPerGroup(long count) {
        if (count <= 1) {
            return 1;
        }
        if (count >= LaunchConfig.BLOCK) {
            return LaunchConfig.BLOCK;
        }
        return Integer.highestOneBit((int) count - 1) << 1;
    }

    LaunchConfig launch(long outputs) {
        return LaunchConfig.forGroups(Math.multiplyExact(outputs, splits), threadsPerGroup);
    }
}
