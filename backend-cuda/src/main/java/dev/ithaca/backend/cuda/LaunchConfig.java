package dev.ithaca.backend.cuda;

/**
 * Grid and block of one launch. Elementwise kernels loop with a grid stride, so their grid is
 * capped at a few waves of blocks per multiprocessor; group kernels (reductions, softmax) need one
 * group of threads per output and get exactly as many blocks as that takes.
 */
record LaunchConfig(int grid, int block) {
    /** Threads per block of every kernel (ITHACA_BLOCK in common.cuh). */
    static final int BLOCK = 256;
    /** Resident blocks per multiprocessor a grid-stride launch aims for. */
    static final int BLOCKS_PER_MULTIPROCESSOR = 32;

    LaunchConfig {
        if (grid < 1 || block < 1) {
            throw new IllegalArgumentException("LaunchConfig needs grid and block >= 1, got grid=" + grid + ", block=" + block);
        }
    }

    /** A grid-stride launch over {@code elements} work items (>= 1). */
    static LaunchConfig forElements(long elements, int multiprocessors) {
        if (elements < 1) {
            throw new IllegalArgumentException("a launch needs at least one element, got " + elements);
        }
        long blocks = (elements + BLOCK - 1) / BLOCK;
        long cap = (long) Math.max(1, multiprocessors) * BLOCKS_PER_MULTIPROCESSOR;
        return new LaunchConfig((int) Math.min(blocks, cap), BLOCK);
    }

    /** One group of {@code threadsPerGroup} threads (a power of two up to BLOCK) for each of {@code groups}. */
    static LaunchConfig forGroups(long groups, int threadsPerGroup) {
        if (threadsPerGroup < 1 || threadsPerGroup > BLOCK || Integer.bitCount(threadsPerGroup) != 1) {
            throw new IllegalArgumentException("threadsPerGroup must be a power of two from 1 to " + BLOCK + ", got " + threadsPerGroup);
        }
        if (groups < 1) {
            throw new IllegalArgumentException("a launch needs at least one group, got " + groups);
        }
        long perBlock = BLOCK / threadsPerGroup;
        long blocks = (groups + perBlock - 1) / perBlock;
        if (blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(groups + " groups need " + blocks + " blocks, more than a CUDA grid holds ("
                    + Integer.MAX_VALUE + ")");
        }
        return new LaunchConfig((int) blocks, BLOCK);
    }
}
