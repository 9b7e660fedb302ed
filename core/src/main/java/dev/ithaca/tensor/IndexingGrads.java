package dev.ithaca.tensor;

/** Backward of gather, indexSelect and scatterAdd: each is the other's transpose. */
final class IndexingGrads {
    private IndexingGrads() {
    }

    static Tensor gather(Tensor x, int dim, Tensor index, Tensor out) {
        long[] shape = x.shape();
        return History.record(out, "GatherBackward", new Tensor[] {x}, new Tensor[] {index}, (g, s, n) -> new Tensor[] {
                TensorCreation.full(g.backend(), g.dtype(), 0, shape).scatterAdd(dim, s[0], g)});
    }

    /** index is 1-D; it is broadcast along every other dim so scatterAdd can route whole slices. */
    static Tensor indexSelect(Tensor x, int dim, Tensor index, Tensor out) {
        long[] shape = x.shape();
        return History.record(out, "IndexSelectBackward", new Tensor[] {x}, new Tensor[] {index}, (g, s, n) -> {
            long[] routeShape = new long[g.dim()];
            java.util.Arrays.fill(routeShape, 1);
            routeShape[dim] = s[0].numel();
            Tensor route = s[0].reshape(routeShape).expand(g.shape());
            return new Tensor[] {TensorCreation.full(g.backend(), g.dtype(), 0, shape).scatterAdd(dim, route, g)};
        });
    }

    static Tensor scatterAdd(Tensor self, int dim, Tensor index, Tensor src, Tensor out) {
        return History.record(out, "ScatterAddBackward", new Tensor[] {self, src}, new Tensor[] {index},
                (g, s, n) -> new Tensor[] {n[0] ? g : null, n[1] ? g.gather(dim, s[0]) : null});
    }
}
