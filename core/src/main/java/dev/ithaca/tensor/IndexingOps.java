package dev.ithaca.tensor;

import java.util.Arrays;

/** gather / indexSelect / scatterAdd: shape rules here; the backend checks each index value. */
final class IndexingOps {
    private IndexingOps() {
    }

    static Tensor gather(Tensor x, int dim, Tensor index) {
        OpChecks.sameBackend("gather", x, index);
        OpChecks.requireIndex("gather", index);
        int d = checkSameRank("gather", x, index, dim);
        if (x.dim() == 0) {
            // kernels index a dim, which a scalar lacks: gather from the one-element vector it holds
            try (Tensor x1 = x.reshape(1); Tensor i1 = index.reshape(1); Tensor out = gather(x1, 0, i1)) {
                return out.reshape();
            }
        }
        long[] xs = x.shape();
        long[] is = index.shape();
        for (int k = 0; k < xs.length; k++) {
            if (k != d && is[k] > xs[k]) {
                throw new IllegalArgumentException("gather: index shape " + Arrays.toString(is) + " is larger than input shape "
                        + Arrays.toString(xs) + " in dim " + k + " (only dim " + d + " may be larger)");
            }
        }
        try (Tensor idx = index.to(DType.INT64)) {
            Tensor out = Tensor.empty(x.backend(), x.dtype(), is);
            x.backend().gather(x.strided(), d, idx.strided(), out.strided());
            return IndexingGrads.gather(x, d, idx, out);
        }
    }

    static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        OpChecks.sameBackend("indexSelect", x, index);
        OpChecks.requireIndex("indexSelect", index);
        if (index.dim() > 1) {
            throw new IllegalArgumentException("indexSelect: index must be 0-D or 1-D, got shape " + Arrays.toString(index.shape()));
        }
        int d = Shapes.normalizeDim("indexSelect", dim, Math.max(x.dim(), 1));
        try (Tensor x1 = x.dim() == 0 ? x.reshape(1) : x.alias(); Tensor idx = index.to(DType.INT64); Tensor flat = idx.reshape(-1)) {
            long[] shape = x1.shape();
            shape[d] = flat.numel();
            Tensor out = Tensor.empty(x.backend(), x.dtype(), shape);
            x.backend().indexSelect(x1.strided(), d, flat.strided(), out.strided());
            IndexingGrads.indexSelect(x1, d, flat, out);
            if (x.dim() == 0) {
                try (out) {
                    return out.reshape(index.shape());
                }
            }
            return out;
        }
    }

    static Tensor scatterAdd(Tensor x, int dim, Tensor index, Tensor src) {
        OpChecks.sameBackend("scatterAdd", x, index, src);
        OpChecks.requireIndex("scatterAdd", index);
        int d = checkSameRank("scatterAdd", x, index, dim);
        checkSameRank("scatterAdd", src, index, dim);
        if (x.dim() == 0) {
            try (Tensor x1 = x.reshape(1); Tensor i1 = index.reshape(1); Tensor s1 = src.reshape(1);
                 Tensor out = scatterAdd(x1, 0, i1, s1)) {
                return out.reshape();
            }
        }
        long[] xs = x.shape();
        long[] is = index.shape();
        long[] ss = src.shape();
        for (int k = 0; k < is.length; k++) {
            if (is[k] > ss[k] || (k != d && is[k] > xs[k])) {
                throw new IllegalArgumentException("scatterAdd: index shape " + Arrays.toString(is) + " must not exceed src shape "
                        + Arrays.toString(ss) + " in any dim, nor self shape " + Arrays.toString(xs) + " outside dim " + d);
            }
        }
        if (src.dtype() != x.dtype()) {
            throw new IllegalArgumentException("scatterAdd: src dtype " + src.dtype() + " must match self dtype " + x.dtype());
        }
        Tensor out = Tensor.empty(x.backend(), x.dtype(), x.shape());
        x.backend().copy(x.strided(), out.strided());
        try (Tensor idx = index.to(DType.INT64); Tensor trimmed = trimTo(src, is)) {
            x.backend().scatterAdd(out.strided(), d, idx.strided(), trimmed.strided());
            return IndexingGrads.scatterAdd(x, d, idx, trimmed, out);
        }
    }

    /** The leading part of src that index covers (PyTorch only reads that much of src). */
    private static Tensor trimTo(Tensor src, long[] shape) {
        Tensor view = src.alias();
        for (int k = 0; k < shape.length; k++) {
            Tensor next = view.narrow(k, 0, shape[k]);
            view.close();
            view = next;
        }
        return view;
    }

    private static int checkSameRank(String op, Tensor x, Tensor index, int dim) {
        if (x.dim() != index.dim()) {
            throw new IllegalArgumentException(op + ": index must have the same rank as the input, got shapes "
                    + Arrays.toString(index.shape()) + " and " + Arrays.toString(x.shape()));
        }
        return Shapes.normalizeDim(op, dim, Math.max(x.dim(), 1));
    }
}
