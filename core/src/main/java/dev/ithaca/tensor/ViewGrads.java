package dev.ithaca.tensor;

/**
 * Backward of the view ops. A view's gradient is the output gradient placed back into the input's
 * layout: reshaped, transposed back, summed over expanded dims, or written into zeros for slices.
 */
final class ViewGrads {
    private ViewGrads() {
    }

    static Tensor reshape(Tensor input, Tensor out) {
        long[] shape = input.shape();
        return History.record(out, "ViewBackward", new Tensor[] {input}, (g, s, n) -> new Tensor[] {g.reshape(shape)});
    }

    static Tensor transpose(Tensor input, Tensor out, int dim0, int dim1) {
        return History.record(out, "TransposeBackward", new Tensor[] {input},
                (g, s, n) -> new Tensor[] {g.transpose(dim0, dim1)});
    }

    static Tensor permute(Tensor input, Tensor out, int[] dims) {
        int[] inverse = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            inverse[Shapes.normalizeDim("permute", dims[i], dims.length)] = i;
        }
        return History.record(out, "PermuteBackward", new Tensor[] {input}, (g, s, n) -> new Tensor[] {g.permute(inverse)});
    }

    static Tensor expand(Tensor input, Tensor out) {
        long[] shape = input.shape();
        return History.record(out, "ExpandBackward", new Tensor[] {input},
                (g, s, n) -> new Tensor[] {History.sumToShape(g, shape)});
    }

    /** narrow, slice and select: the gradient lands in the selected region of zeros. */
    static Tensor region(Tensor input, Tensor out, String name, java.util.function.UnaryOperator<Tensor> select) {
        long[] shape = input.shape();
        DType dtype = input.dtype();
        return History.record(out, name, new Tensor[] {input}, (g, s, n) -> {
            Tensor grad = TensorCreation.full(g.backend(), dtype, 0, shape);
            try (Tensor target = select.apply(grad)) {
                target.copyFrom(g);
            }
            return new Tensor[] {grad};
        });
    }

    static Tensor identity(Tensor input, Tensor out, String name) {
        return History.record(out, name, new Tensor[] {input}, (g, s, n) -> new Tensor[] {g});
    }

    /** cat: each input receives its slice of the gradient (converted back to its dtype). */
    static Tensor cat(java.util.List<Tensor> inputs, Tensor out, int dim) {
        Tensor[] in = inputs.toArray(new Tensor[0]);
        long[] lengths = new long[in.length];
        DType[] dtypes = new DType[in.length];
        for (int i = 0; i < in.length; i++) {
            lengths[i] = in[i].shape()[dim];
            dtypes[i] = in[i].dtype();
        }
        return History.record(out, "CatBackward", in, (g, s, n) -> {
            Tensor[] grads = new Tensor[lengths.length];
            long position = 0;
            for (int i = 0; i < lengths.length; i++) {
                grads[i] = n[i] ? g.narrow(dim, position, lengths[i]).to(dtypes[i]) : null;
                position += lengths[i];
            }
            return grads;
        });
    }

    static Tensor transfer(Tensor input, Tensor out) {
        dev.ithaca.spi.Backend source = input.backend();
        return History.record(out, "ToCopyBackward", new Tensor[] {input}, (g, s, n) -> new Tensor[] {g.to(source)});
    }
}
