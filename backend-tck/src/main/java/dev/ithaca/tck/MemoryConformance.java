package dev.ithaca.tck;

import dev.ithaca.memory.Scope;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import dev.ithaca.spi.MemoryStats;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.tensor.Window2d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.ithaca.tck.Approx.assertValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deterministic memory: a {@link Scope} frees every intermediate made inside it, detached tensors
 * survive, views keep their storage alive, and the backend's live-byte count comes back exactly.
 */
@SuppressWarnings("try") // scopes and Backends.use work by being open, not by being referenced
public abstract class MemoryConformance extends BackendConformanceTest {

    private long liveBytes() {
        backend().synchronize();
        return backend().memoryStats().liveBytes();
    }

    /**
     * The baseline to compare against: live bytes once tensors that earlier tests dropped without
     * closing have been collected. The Cleaner frees those whenever the GC gets to them, which would
     * otherwise move the count in the middle of a test.
     */
    private long baseline() throws InterruptedException {
        long current = liveBytes();
        for (int round = 0, stable = 0; round < 50 && stable < 2; round++) {
            System.gc();
            Thread.sleep(10);
            long next = liveBytes();
            stable = next == current ? stable + 1 : 0;
            current = next;
        }
        return current;
    }

    @Test
    void liveBytesReturnToTheStartAfterManyScopedOpChains() throws InterruptedException {
        Tensor weights = Tensor.of(new float[] {0.5f, -1, 2, 0.25f}, 2, 2);
        long start = baseline();
        long inside = 0;
        for (int i = 0; i < 100_000; i++) {
            try (Scope scope = Scope.open()) {
                Tensor x = Tensor.of(new float[] {i, 1, -2, 3}, 2, 2);
                // elementwise, scalar operands, a copying reshape, matmul, softmax and reductions
                Tensor y = x.mul(2).add(1).relu().t().reshape(4).softmax(0);
                Tensor z = x.matmul(weights).sum(0).add(y.max());
                if (i == 0) {
                    inside = liveBytes();
                    assertThat(z.shape()).containsExactly(2);
                }
            }
        }
        assertThat(inside).as("live bytes inside the first scope").isGreaterThan(start);
        assertThat(liveBytes()).as("live bytes after 100,000 scopes").isEqualTo(start);
    }

    /** Inputs made before measuring, so only what an op allocates itself is counted. */
    record Inputs(Tensor x, Tensor ints, Tensor index, Tensor mask, Tensor vector, Tensor image, Tensor scalar, Tensor scalarIndex) {
        static Inputs create() {
            Tensor x = Samples.floatTensor(1, 2, 3, 4);
            return new Inputs(x, Samples.tensor(DType.INT32, Samples.iota(24), 2, 3, 4),
                    Samples.tensor(DType.INT64, Samples.integers(2, 24, 0, 3), 2, 3, 4), x.gt(0), Samples.floatTensor(3, 4),
                    Samples.floatTensor(4, 1, 2, 5, 5), Tensor.scalar(0.5), Tensor.scalar(0, DType.INT64));
        }
    }

    private static Arguments op(String name, Function<Inputs, Tensor> op) {
        return Arguments.of(name, op);
    }

    /** Ops that make temporaries on the way (casts, scalar operands, copies, promoted vectors, packed operands). */
    static Stream<Arguments> opsWithTemporaries() {
        return Stream.of(
                op("add a Java scalar", in -> in.x().add(2)),
                op("mul with promotion", in -> in.x().mul(in.ints())),
                op("exp of integers", in -> in.ints().exp()),
                op("clamp with a fractional bound", in -> in.ints().clamp(0.5, 2)),
                op("where with promotion", in -> Tensor.where(in.mask(), in.ints(), in.scalar())),
                op("reshape of a transpose", in -> in.x().transpose(0, 2).reshape(-1)),
                op("sum without keepDim", in -> in.x().sum(new int[] {0, 2}, false)),
                op("flat argmax", in -> in.x().transpose(1, 2).argmax()),
                op("var", in -> in.x().var(1, false)),
                op("vector-matrix matmul", in -> in.vector().matmul(in.x().select(0, 0).t())),
                op("matmul of a packed operand", in -> in.x().slice(2, 0, 4, 2).matmul(in.x().select(0, 1).narrow(0, 0, 2))),
                op("softmax of a view", in -> in.x().permute(2, 0, 1).logSoftmax(1)),
                op("maxPool2d", in -> in.image().maxPool2d(Window2d.of(2, 2))),
                op("im2col", in -> in.image().im2col(Window2d.of(3, 1, 1, 1))),
                op("gather", in -> in.x().gather(2, in.index())),
                op("indexSelect of a scalar", in -> in.scalar().indexSelect(0, in.scalarIndex())),
                op("scatterAdd of a narrowed index", in -> in.x().scatterAdd(1, in.index().narrow(1, 0, 2), in.x())),
                op("gather of a scalar", in -> in.scalar().gather(0, in.scalarIndex())),
                op("cat", in -> Tensor.cat(List.of(in.x(), in.ints()), 0)),
                op("stack", in -> Tensor.stack(List.of(in.x(), in.x()), 3)),
                op("copy to host of a strided view", in -> {
                    in.x().transpose(0, 2).toFloatArray();
                    return null;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opsWithTemporaries")
    void opsFreeTheirTemporariesBeforeReturning(String name, Function<Inputs, Tensor> op) throws InterruptedException {
        // a temporary left for the Scope (or the Cleaner) to free would still be live after the result closes
        Inputs in = Inputs.create();
        long before = baseline();
        Tensor out = op.apply(in);
        if (out != null) {
            out.close();
        }
        assertThat(liveBytes()).as("live bytes once the result of %s is closed", name).isEqualTo(before);
    }

    @Test
    void detachKeepsATensorAliveAfterItsScope() throws InterruptedException {
        long start = baseline();
        Tensor kept;
        Tensor dropped;
        try (Scope scope = Scope.open()) {
            Tensor x = Tensor.of(new float[] {1, 2, 3});
            dropped = x.mul(3);
            kept = scope.detach(x.mul(2));
        }
        assertThat(dropped.isClosed()).isTrue();
        assertThat(kept.isClosed()).isFalse();
        assertValues(kept, 2, 4, 6);
        assertThat(liveBytes()).isGreaterThan(start);
        kept.close();
        assertThat(liveBytes()).isEqualTo(start);
    }

    @Test
    void nestedScopesHandDetachedTensorsToTheirParent() throws InterruptedException {
        long start = baseline();
        Tensor survivor;
        try (Scope outer = Scope.open()) {
            try (Scope inner = Scope.open()) {
                survivor = inner.detach(Tensor.ones(100));
            }
            assertThat(survivor.isClosed()).isFalse();
        }
        assertThat(survivor.isClosed()).as("freed with the outer scope").isTrue();
        assertThat(liveBytes()).isEqualTo(start);
    }

    @Test
    void tensorsFreedByTheirScopeAreRejected() {
        Tensor escaped;
        try (Scope scope = Scope.open()) {
            escaped = Tensor.ones(3);
        }
        assertThat(escaped.isClosed()).isTrue();
        assertThatThrownBy(() -> escaped.add(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll("add", "freed", "detach");
    }

    @Test
    void viewsKeepTheirStorageAliveAfterTheBaseCloses() throws InterruptedException {
        long start = baseline();
        Tensor base = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor view = base.t();
        base.close();
        assertThat(liveBytes()).as("the view still holds the storage").isGreaterThan(start);
        assertValues(view, 1, 4, 2, 5, 3, 6);
        view.close();
        view.close();   // closing twice is harmless
        assertThat(liveBytes()).isEqualTo(start);
    }

    @Test
    void statsCountBlocksAndTrackThePeak() throws InterruptedException {
        baseline();
        MemoryStats before = backend().memoryStats();
        Tensor big = Tensor.zeros(1 << 18);
        MemoryStats during = backend().memoryStats();
        assertThat(during.liveBlocks()).isEqualTo(before.liveBlocks() + 1);
        assertThat(during.liveBytes() - before.liveBytes()).isGreaterThanOrEqualTo(4L << 18);
        assertThat(during.peakLiveBytes()).isGreaterThanOrEqualTo(during.liveBytes());
        assertThat(during.reservedBytes()).isGreaterThanOrEqualTo(during.liveBytes());
        big.close();
        assertThat(backend().memoryStats().liveBlocks()).isEqualTo(before.liveBlocks());
    }

    @Test
    void emptyCacheLeavesOnlyLiveMemoryReserved() {
        Tensor.zeros(1 << 16).close();
        backend().emptyCache();
        MemoryStats stats = backend().memoryStats();
        assertThat(stats.reservedBytes()).isEqualTo(stats.liveBytes());
    }

    @Test
    void forgottenTensorsAreFreedByTheCleanerSafetyNet() throws InterruptedException {
        long start = baseline();
        Backend backend = backend();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // a thread without a Scope, so nothing but the tensor object itself holds the memory
        Thread thread = new Thread(() -> {
            try (Backends.Use use = Backends.use(backend)) {
                Tensor.ones(1 << 16).mul(2);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join();
        assertThat(failure.get()).isNull();
        for (int attempt = 0; attempt < 100 && liveBytes() != start; attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(liveBytes()).isEqualTo(start);
    }
}
