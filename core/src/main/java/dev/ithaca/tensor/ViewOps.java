package dev.ithaca.tensor;

import dev.ithaca.autograd.NoGrad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Layout changes that share storage (views), plus cat/stack which must copy. */
final class ViewOps {
    private ViewOps() {
    }

    static Tensor view(Tensor t, long[] requested) {
        t.checkAlive("view");
        long[] shape = inferSize("view", requested, t.numel());
        long[] strides = computeStrides(t.shape(), t.strides(), shape);
        if (strides == null) {
            throw new IllegalArgumentException("view: shape " + Arrays.toString(shape) + " is incompatible with the strides "
                    + Arrays.toString(t.strides()) + " of a " + Arrays.toString(t.shape())
                    + " tensor (at least one dimension spans across two contiguous subspaces); use reshape() instead");
        }
        return ViewGrads.reshape(t, t.view(shape, strides, t.storageOffset()));
    }

    static Tensor reshape(Tensor t, long[] requested) {
        t.checkAlive("reshape");
        long[] shape = inferSize("reshape", requested, t.numel());
        long[] strides = computeStrides(t.shape(), t.strides(), shape);
        if (strides != null) {
            return ViewGrads.reshape(t, t.view(shape, strides, t.storageOffset()));
        }
        Tensor reshaped;
        // the copy is an implementation detail: only the reshape itself is recorded, after NoGrad ends
        try (NoGrad ignored = NoGrad.enter(); Tensor copy = t.clone()) {
            reshaped = copy.view(shape, Shapes.contiguousStrides(shape), 0);
        }
        return ViewGrads.reshape(t, reshaped);
    }

    /** Resolves one -1 entry and checks the element count is preserved. */
    static long[] inferSize(String op, long[] requested, long numel) {
        long[] shape = requested.clone();
        int inferred = -1;
        long known = 1;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException(op + ": only one dimension can be -1, got " + Arrays.toString(requested));
                }
                inferred = d;
            } else if (shape[d] < 0) {
                throw new IllegalArgumentException(op + ": invalid size " + shape[d] + " in " + Arrays.toString(requested)
                        + " (sizes must be >= 0, or -1 to infer one)");
            } else {
                known *= shape[d];
            }
        }
        if (inferred >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException(op + ": shape " + Arrays.toString(requested) + " is invalid for " + numel + " elements");
            }
            shape[inferred] = numel / known;
        } else if (known != numel) {
            throw new IllegalArgumentException(op + ": shape " + Arrays.toString(requested) + " is invalid for " + numel
                    + " elements (it holds " + known + ")");
        }
        return shape;
    }

    /**
     * Strides that let {@code newShape} view memory laid out as (oldShape, oldStrides), or null.
     * The algorithm of PyTorch's {@code computeStride}: walk contiguous chunks of the old layout
     * from the innermost dim out and map new dims onto them.
     */
    static long[] computeStrides(long[] oldShape, long[] oldStrides, long[] newShape) {
        if (oldShape.length == 0) {
            long[] ones = new long[newShape.length];
            Arrays.fill(ones, 1);
            return ones;
        }
        long numel = Shapes.numel(oldShape);
        if (numel == 0) {
            return Arrays.equals(oldShape, newShape) ? oldStrides.clone() : Shapes.contiguousStrides(newShape);
        }
        long[] newStrides = new long[newShape.length];
        int viewD = newShape.length - 1;
        long chunkBaseStride = oldStrides[oldStrides.length - 1];
        long tensorNumel = 1;
        long viewNumel = 1;
        for (int tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
            tensorNumel *= oldShape[tensorD];
            boolean chunkEnds = tensorD == 0
                    || (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride);
            if (chunkEnds) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStrides[viewD] = viewNumel * chunkBaseStride;
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (tensorD > 0) {
                    chunkBaseStride = oldStrides[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? newStrides : null;
    }

    static Tensor transpose(Tensor t, int dim0, int dim1) {
        t.checkAlive("transpose");
        int rank = t.dim();
        int a = Shapes.normalizeDim("transpose", dim0, rank);
        int b = Shapes.normalizeDim("transpose", dim1, rank);
        long[] shape = t.shape();
        long[] strides = t.strides();
        if (rank > 0) {
            swap(shape, a, b);
            swap(strides, a, b);
        }
        return ViewGrads.transpose(t, t.view(shape, strides, t.storageOffset()), a, b);
    }

    static Tensor t(Tensor t) {
        if (t.dim() > 2) {
            throw new IllegalArgumentException("t: expects a tensor with at most 2 dimensions, got shape "
                    + Arrays.toString(t.shape()) + "; use transpose(dim0, dim1) or permute");
        }
        return t.dim() < 2 ? t.alias() : transpose(t, 0, 1);
    }

    static Tensor permute(Tensor t, int[] dims) {
        t.checkAlive("permute");
        int rank = t.dim();
        if (dims.length != rank) {
            throw new IllegalArgumentException("permute: needs " + rank + " dims for shape " + Arrays.toString(t.shape())
                    + ", got " + Arrays.toString(dims));
        }
        long[] shape = new long[rank];
        long[] strides = new long[rank];
        boolean[] seen = new boolean[rank];
        long[] oldShape = t.shape();
        long[] oldStrides = t.strides();
        for (int i = 0; i < rank; i++) {
            int d = Shapes.normalizeDim("permute", dims[i], rank);
            if (seen[d]) {
                throw new IllegalArgumentException("permute: dim " + d + " repeats in " + Arrays.toString(dims)
                        + "; it must be a permutation of 0.." + (rank - 1));
            }
            seen[d] = true;
            shape[i] = oldShape[d];
            strides[i] = oldStrides[d];
        }
        return ViewGrads.permute(t, t.view(shape, strides, t.storageOffset()), dims);
    }

    static Tensor narrow(Tensor t, int dim, long start, long length) {
        t.checkAlive("narrow");
        requireNotScalar("narrow", t);
        int d = Shapes.normalizeDim("narrow", dim, t.dim());
        long size = t.shape()[d];
        long begin = start < 0 ? start + size : start;
        if (begin < 0 || length < 0 || begin + length > size) {
            throw new IllegalArgumentException("narrow: start " + start + " and length " + length + " fall outside dim " + d
                    + " of size " + size + " (need 0 <= start and start + length <= " + size + ")");
        }
        long[] shape = t.shape();
        shape[d] = length;
        return ViewGrads.region(t, t.view(shape, t.strides(), t.storageOffset() + begin * t.strides()[d]), "NarrowBackward",
                grad -> narrow(grad, d, begin, length));
    }

    static Tensor slice(Tensor t, int dim, long start, long end, long step) {
        t.checkAlive("slice");
        requireNotScalar("slice", t);
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step must be > 0, got " + step);
        }
        int d = Shapes.normalizeDim("slice", dim, t.dim());
        long size = t.shape()[d];
        long begin = clampIndex(start, size);
        long stop = Math.max(begin, clampIndex(end, size));
        long[] shape = t.shape();
        long[] strides = t.strides();
        shape[d] = (stop - begin + step - 1) / step;
        long offset = t.storageOffset() + begin * strides[d];
        strides[d] *= step;
        return ViewGrads.region(t, t.view(shape, strides, offset), "SliceBackward", grad -> slice(grad, d, begin, stop, step));
    }

    private static long clampIndex(long index, long size) {
        long i = index < 0 ? index + size : index;
        return Math.min(Math.max(i, 0), size);
    }

    static Tensor select(Tensor t, int dim, long index) {
        t.checkAlive("select");
        requireNotScalar("select", t);
        int d = Shapes.normalizeDim("select", dim, t.dim());
        long size = t.shape()[d];
        long i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IllegalArgumentException("select: index " + index + " is out of range for dim " + d + " of size " + size
                    + " (valid: " + -size + " to " + (size - 1) + ")");
        }
        long offset = t.storageOffset() + i * t.strides()[d];
        return ViewGrads.region(t, t.view(remove(t.shape(), d), remove(t.strides(), d), offset), "SelectBackward",
                grad -> select(grad, d, i));
    }

    static Tensor expand(Tensor t, long[] sizes) {
        t.checkAlive("expand");
        int rank = t.dim();
        if (sizes.length < rank) {
            throw new IllegalArgumentException("expand: target " + Arrays.toString(sizes) + " has fewer dims than shape "
                    + Arrays.toString(t.shape()));
        }
        long[] oldShape = t.shape();
        long[] oldStrides = t.strides();
        long[] shape = new long[sizes.length];
        long[] strides = new long[sizes.length];
        int lead = sizes.length - rank;
        for (int i = 0; i < sizes.length; i++) {
            int od = i - lead;
            long want = sizes[i];
            if (od < 0) {
                if (want < 0) {
                    throw new IllegalArgumentException("expand: size -1 is not allowed for the new leading dim " + i + " in "
                            + Arrays.toString(sizes));
                }
                shape[i] = want;
                strides[i] = 0;
            } else if (want == -1 || want == oldShape[od]) {
                shape[i] = oldShape[od];
                strides[i] = oldStrides[od];
            } else if (oldShape[od] == 1 && want >= 0) {
                shape[i] = want;
                strides[i] = 0;
            } else {
                throw new IllegalArgumentException("expand: cannot expand shape " + Arrays.toString(oldShape) + " to "
                        + Arrays.toString(sizes) + " (dim " + i + ": size " + oldShape[od] + " is neither 1 nor " + want + ")");
            }
        }
        return ViewGrads.expand(t, t.view(shape, strides, t.storageOffset()));
    }

    static Tensor squeeze(Tensor t) {
        t.checkAlive("squeeze");
        long[] shape = t.shape();
        long[] strides = t.strides();
        List<Integer> keep = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] != 1) {
                keep.add(d);
            }
        }
        long[] newShape = new long[keep.size()];
        long[] newStrides = new long[keep.size()];
        for (int i = 0; i < keep.size(); i++) {
            newShape[i] = shape[keep.get(i)];
            newStrides[i] = strides[keep.get(i)];
        }
        return ViewGrads.reshape(t, t.view(newShape, newStrides, t.storageOffset()));
    }

    static Tensor squeeze(Tensor t, int dim) {
        t.checkAlive("squeeze");
        if (t.dim() == 0) {
            Shapes.normalizeDim("squeeze", dim, 0);
            return t.alias();
        }
        int d = Shapes.normalizeDim("squeeze", dim, t.dim());
        if (t.shape()[d] != 1) {
            return t.alias();
        }
        return ViewGrads.reshape(t, t.view(remove(t.shape(), d), remove(t.strides(), d), t.storageOffset()));
    }

    static Tensor unsqueeze(Tensor t, int dim) {
        t.checkAlive("unsqueeze");
        int d = Shapes.normalizeDim("unsqueeze", dim, t.dim() + 1);
        long[] shape = t.shape();
        long[] strides = t.strides();
        long newStride = d < shape.length ? shape[d] * strides[d] : 1;
        return ViewGrads.reshape(t, t.view(insert(shape, d, 1), insert(strides, d, newStride), t.storageOffset()));
    }

    static Tensor flatten(Tensor t, int startDim, int endDim) {
        t.checkAlive("flatten");
        if (t.dim() == 0) {
            return t.reshape(1);
        }
        int s = Shapes.normalizeDim("flatten", startDim, t.dim());
        int e = Shapes.normalizeDim("flatten", endDim, t.dim());
        if (s > e) {
            throw new IllegalArgumentException("flatten: startDim " + startDim + " comes after endDim " + endDim);
        }
        long[] shape = t.shape();
        long[] out = new long[shape.length - (e - s)];
        int j = 0;
        for (int d = 0; d < shape.length; d++) {
            if (d > s && d <= e) {
                out[j - 1] *= shape[d];
            } else {
                out[j++] = shape[d];
            }
        }
        return t.reshape(out);
    }

    static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cat: needs at least one tensor");
        }
        Tensor first = tensors.get(0);
        OpChecks.sameBackend("cat", first, tensors.toArray(new Tensor[0]));
        requireNotScalar("cat", first);
        int rank = first.dim();
        int d = Shapes.normalizeDim("cat", dim, rank);
        long[] outShape = first.shape();
        DType dtype = first.dtype();
        long total = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            long[] shape = t.shape();
            if (shape.length != rank) {
                throw new IllegalArgumentException("cat: tensor " + i + " has shape " + Arrays.toString(shape)
                        + " but tensor 0 has rank " + rank + "; all must have the same rank");
            }
            for (int k = 0; k < rank; k++) {
                if (k != d && shape[k] != outShape[k]) {
                    throw new IllegalArgumentException("cat: tensor " + i + " has shape " + Arrays.toString(shape)
                            + ", expected size " + outShape[k] + " in dim " + k + " (all sizes except dim " + d + " must match)");
                }
            }
            total += shape[d];
            dtype = DType.promote(dtype, t.dtype());
        }
        outShape[d] = total;
        Tensor out = Tensor.empty(first.backend(), dtype, outShape);
        long position = 0;
        for (Tensor t : tensors) {
            long length = t.shape()[d];
            try (Tensor target = narrow(out, d, position, length)) {
                first.backend().copy(t.strided(), target.strided());
            }
            position += length;
        }
        return ViewGrads.cat(tensors, out, d);
    }

    static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        long[] shape = tensors.get(0).shape();
        int d = Shapes.normalizeDim("stack", dim, shape.length + 1);
        List<Tensor> expanded = new ArrayList<>(tensors.size());
        try {
            for (int i = 0; i < tensors.size(); i++) {
                Tensor t = tensors.get(i);
                if (!Arrays.equals(t.shape(), shape)) {
                    throw new IllegalArgumentException("stack: tensor " + i + " has shape " + Arrays.toString(t.shape())
                            + ", expected " + Arrays.toString(shape) + " (all must be equal)");
                }
                expanded.add(unsqueeze(t, d));
            }
            return cat(expanded, d);
        } finally {
            expanded.forEach(Tensor::close);
        }
    }

    private static void requireNotScalar(String op, Tensor t) {
        if (t.dim() == 0) {
            throw new IllegalArgumentException(op + ": a 0-dimensional tensor has no dimension to index; reshape(1) it first");
        }
    }

    private static void swap(long[] a, int i, int j) {
        long tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
    }

    private static long[] remove(long[] a, int index) {
        long[] out = new long[a.length - 1];
        System.arraycopy(a, 0, out, 0, index);
        System.arraycopy(a, index + 1, out, index, a.length - index - 1);
        return out;
    }

    private static long[] insert(long[] a, int index, long value) {
        long[] out = new long[a.length + 1];
        System.arraycopy(a, 0, out, 0, index);
        out[index] = value;
        System.arraycopy(a, index, out, index + 1, a.length - index);
        return out;
    }
}
