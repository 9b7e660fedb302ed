package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Strided;

import java.util.function.Function;

/**
 * gather, indexSelect (a gather whose index is broadcast along the other dims) and scatterAdd:
 * kernels/indexing.cu. A kernel that meets an out-of-range index skips it and raises the error
 * flag; the host then names the first bad index as the CPU backend does.
 */
final class IndexingKernels {
    private final KernelLauncher launcher;
    private final DeviceErrorFlag errors;
    private final Function<Strided, long[]> hostLongs;

    IndexingKernels(KernelLauncher launcher, DeviceErrorFlag errors, Function<Strided, long[]> hostLongs) {
        this.launcher = launcher;
        this.errors = errors;
        this.hostLongs = hostLongs;
    }

    void gather(Strided x, int dim, Strided index, Strided out) {
        gatherThrough("gather", x, dim, index, out);
    }

    void indexSelect(Strided x, int dim, Strided index, Strided out) {
        // the 1-D index seen with out's shape: its stride along dim, 0 elsewhere
        long[] indexStrides = new long[out.rank()];
        indexStrides[dim] = index.stride(0);
        Strided spread = new Strided(index.storage(), index.dtype(), out.shape(), indexStrides, index.offset());
        gatherThrough("indexSelect", x, dim, spread, out);
    }

    private void gatherThrough(String op, Strided x, int dim, Strided index, Strided out) {
        long limit = x.size(dim);
        long[] xStrides = x.strides();
        xStrides[dim] = 0;
        Strided xBase = new Strided(x.storage(), x.dtype(), index.shape(), xStrides, x.offset());
        String kernel = "gather_" + DeviceAddress.sizeSuffix(x.dtype());
        long xDimStride = x.stride(dim);
        int error = errors.run(flag -> launcher.launchStrided(KernelModule.INDEXING, kernel, new Strided[] {out, index, xBase},
                args -> args.i64(limit).i64(xDimStride).pointer(flag)));
        if (error != 0) {
            throw outOfRange(op, index, limit, dim);
        }
    }

    void scatterAdd(Strided out, int dim, Strided index, Strided src) {
        long limit = out.size(dim);
        long[] outStrides = out.strides();
        outStrides[dim] = 0;
        Strided outBase = new Strided(out.storage(), out.dtype(), index.shape(), outStrides, out.offset());
        String kernel = "scatter_add_" + DeviceAddress.suffix(out.dtype());
        long outDimStride = out.stride(dim);
        int error = errors.run(flag -> launcher.launchStrided(KernelModule.INDEXING, kernel, new Strided[] {outBase, index, src},
                args -> args.i64(limit).i64(outDimStride).pointer(flag)));
        if (error != 0) {
            throw outOfRange("scatterAdd", index, limit, dim);
        }
    }

    private IllegalArgumentException outOfRange(String op, Strided index, long limit, int dim) {
        for (long idx : hostLongs.apply(index)) {
            if (idx < 0 || idx >= limit) {
                return new IllegalArgumentException(op + ": index " + idx + " is out of range for dim " + dim + " of size " + limit
                        + " (valid: 0 to " + (limit - 1) + ")");
            }
        }
        return new IllegalArgumentException(op + ": an index is out of range for dim " + dim + " of size " + limit);
    }
}
