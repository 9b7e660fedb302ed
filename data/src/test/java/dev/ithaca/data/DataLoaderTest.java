package dev.ithaca.data;

import dev.ithaca.memory.Scope;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import dev.ithaca.train.Batch;
import dev.ithaca.train.BatchIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataLoaderTest extends CpuTestBase {

    /** The samples of each batch (targets), checking each input row matches its target; frees the batches. */
    static List<long[]> drain(BatchIterator iterator) {
        List<long[]> batches = new ArrayList<>();
        try (iterator) {
            while (iterator.hasNext()) {
                try (Batch batch = iterator.next()) {
                    long[] samples = batch.target().toLongArray();
                    float[] input = batch.input().toFloatArray();
                    for (int i = 0; i < samples.length; i++) {
                        assertThat(input[2 * i]).isEqualTo((float) samples[i]);
                        assertThat(input[2 * i + 1]).isEqualTo(samples[i] + 0.5f);
                    }
                    batches.add(samples);
                }
            }
        }
        return batches;
    }

    static long[] flatten(List<long[]> batches) {
        return batches.stream().flatMapToLong(LongStream::of).toArray();
    }

    static List<Integer> sizes(List<long[]> batches) {
        return batches.stream().map(b -> b.length).toList();
    }

    @Test
    void defaultsAreBatchSizeOneInDatasetOrderOnTheCallingThread() {
        RecordingDataset data = new RecordingDataset(4);
        DataLoader loader = DataLoader.builder(data).build();
        assertThat(loader.batchSize()).isEqualTo(1);
        assertThat(loader.shuffle()).isFalse();
        assertThat(loader.dropLast()).isFalse();
        assertThat(loader.numWorkers()).isZero();
        assertThat(loader.prefetch()).isZero();
        assertThat(drain(loader.iterate(0))).containsExactly(new long[] {0}, new long[] {1}, new long[] {2}, new long[] {3});
        assertThat(data.threads).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void batchSizeCutsTheEpochAndKeepsTheShortLastBatch() {
        DataLoader loader = DataLoader.builder(new RecordingDataset(10)).batchSize(4).build();
        assertThat(loader.batchesPerEpoch()).isEqualTo(3);
        assertThat(loader.samplesPerEpoch()).isEqualTo(10);
        List<long[]> batches = drain(loader.iterate(0));
        assertThat(sizes(batches)).containsExactly(4, 4, 2);
        assertThat(flatten(batches)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void dropLastDropsTheShortBatch() {
        DataLoader loader = DataLoader.builder(new RecordingDataset(10)).batchSize(4).dropLast(true).build();
        assertThat(loader.batchesPerEpoch()).isEqualTo(2);
        assertThat(loader.samplesPerEpoch()).isEqualTo(8);
        assertThat(sizes(drain(loader.iterate(0)))).containsExactly(4, 4);

        DataLoader even = DataLoader.builder(new RecordingDataset(8)).batchSize(4).dropLast(true).build();
        assertThat(even.batchesPerEpoch()).isEqualTo(2);
        DataLoader tooSmall = DataLoader.builder(new RecordingDataset(3)).batchSize(4).dropLast(true).build();
        assertThat(tooSmall.batchesPerEpoch()).isZero();
        assertThat(drain(tooSmall.iterate(0))).isEmpty();
    }

    @Test
    void shuffleIsASeededPermutationThatChangesEveryEpoch() {
        DataLoader loader = DataLoader.builder(new RecordingDataset(50)).batchSize(8).shuffle(true).seed(42).build();
        long[] epoch0 = flatten(drain(loader.iterate(0)));
        long[] epoch1 = flatten(drain(loader.iterate(1)));
        assertThat(epoch0).containsExactlyInAnyOrder(LongStream.range(0, 50).toArray());
        assertThat(epoch1).containsExactlyInAnyOrder(LongStream.range(0, 50).toArray());
        assertThat(epoch0).isNotEqualTo(LongStream.range(0, 50).toArray());
        assertThat(epoch1).isNotEqualTo(epoch0);

        // same seed: same order, also from a new loader and after reading other epochs
        DataLoader again = DataLoader.builder(new RecordingDataset(50)).batchSize(8).shuffle(true).seed(42).build();
        assertThat(flatten(drain(again.iterate(1)))).containsExactly(epoch1);
        assertThat(flatten(drain(again.iterate(0)))).containsExactly(epoch0);

        DataLoader otherSeed = DataLoader.builder(new RecordingDataset(50)).batchSize(8).shuffle(true).seed(43).build();
        assertThat(flatten(drain(otherSeed.iterate(0)))).isNotEqualTo(epoch0);
    }

    @Test
    void withoutShuffleEveryEpochIsInDatasetOrder() {
        DataLoader loader = DataLoader.builder(new RecordingDataset(7)).batchSize(3).seed(5).build();
        assertThat(flatten(drain(loader.iterate(3)))).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void theOrderDependsOnlyOnTheSeedAndEpochNotOnBatchSize() {
        long[] bySeven = flatten(drain(DataLoader.builder(new RecordingDataset(30)).batchSize(7).shuffle(true).seed(9).build().iterate(2)));
        long[] byThirty = flatten(drain(DataLoader.builder(new RecordingDataset(30)).batchSize(30).shuffle(true).seed(9).build().iterate(2)));
        assertThat(bySeven).containsExactly(byThirty);
    }

    @ParameterizedTest(name = "numWorkers={0}")
    @ValueSource(ints = {1, 2, 3, 5})
    void workersGiveTheSameBatchesInTheSameOrderAsTheCallingThread(int workers) {
        DataLoader serial = DataLoader.builder(new RecordingDataset(103)).batchSize(10).shuffle(true).seed(1).build();
        RecordingDataset data = new RecordingDataset(103);
        DataLoader parallel = DataLoader.builder(data).batchSize(10).shuffle(true).seed(1).numWorkers(workers).build();
        for (int epoch = 0; epoch < 2; epoch++) {
            assertThat(drain(parallel.iterate(epoch))).usingRecursiveComparison().isEqualTo(drain(serial.iterate(epoch)));
        }
        assertThat(data.threads).allSatisfy(name -> assertThat(name).startsWith("ithaca-data-").contains("-worker-"));
        assertThat(data.threads).doesNotContain(Thread.currentThread().getName());
        assertThat(data.daemons).containsOnly(true);
        assertThat(parallel.prefetch()).isEqualTo(2 * workers);
    }

    @ParameterizedTest(name = "numWorkers={0}")
    @ValueSource(ints = {0, 2})
    void iterateFromABatchGivesTheRestOfTheUninterruptedEpoch(int workers) {
        DataLoader loader = DataLoader.builder(new RecordingDataset(37)).batchSize(5).shuffle(true).seed(7).numWorkers(workers).build();
        List<long[]> full = drain(loader.iterate(4));
        for (int k = 0; k <= full.size(); k++) {
            BatchIterator tail = loader.iterate(4, k);
            assertThat(tail.nextBatchIndex()).isEqualTo(k);
            assertThat(drain(tail)).usingRecursiveComparison().isEqualTo(full.subList(k, full.size()));
        }
        for (int k = 0; k < full.size(); k++) {
            assertThat(loader.sampleIndices(4, k)).containsExactly(full.get(k));
        }
    }

    @Test
    void iteratePositionsAreChecked() {
        DataLoader loader = DataLoader.builder(new RecordingDataset(10)).batchSize(4).build();
        assertThatThrownBy(() -> loader.iterate(-1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epoch must be >= 0, got -1");
        assertThatThrownBy(() -> loader.iterate(0, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch 4 is outside [0, 3]");
        assertThatThrownBy(() -> loader.sampleIndices(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch 3 is outside [0, 3)");
        BatchIterator done = loader.iterate(0, 3);
        assertThat(done.hasNext()).isFalse();
        assertThatThrownBy(done::next).isInstanceOf(NoSuchElementException.class);
    }

    @ParameterizedTest(name = "numWorkers={0}")
    @ValueSource(ints = {0, 2})
    void forEachRunsOneEpochPerLoopAndContinuesWhereABreakLeftOff(int workers) {
        DataLoader reference = DataLoader.builder(new RecordingDataset(20)).batchSize(3).shuffle(true).seed(3).build();
        List<long[]> epoch0 = drain(reference.iterate(0));
        List<long[]> epoch1 = drain(reference.iterate(1));

        DataLoader loader = DataLoader.builder(new RecordingDataset(20)).batchSize(3).shuffle(true).seed(3).numWorkers(workers).build();
        List<long[]> seen = new ArrayList<>();
        for (Batch batch : loader) {
            try (batch) {
                seen.add(batch.target().toLongArray());
            }
            if (seen.size() == 2) {
                break;
            }
        }
        assertThat(loader.epoch()).isZero();
        assertThat(loader.position()).isEqualTo(2);
        for (Batch batch : loader) { // the rest of epoch 0 (this also closes the abandoned iterator)
            try (batch) {
                seen.add(batch.target().toLongArray());
            }
        }
        assertThat(seen).usingRecursiveComparison().isEqualTo(epoch0);
        assertThat(loader.epoch()).isEqualTo(1);
        assertThat(loader.position()).isZero();
        assertThat(drain(loader.iterator())).usingRecursiveComparison().isEqualTo(epoch1);
        assertThat(loader.epoch()).isEqualTo(2);
    }

    @Test
    void anEmptyEpochStillAdvancesTheCursor() {
        DataLoader loader = DataLoader.builder(new RecordingDataset(0)).batchSize(3).build();
        assertThat(drain(loader.iterator())).isEmpty();
        assertThat(loader.epoch()).isEqualTo(1);
    }

    @ParameterizedTest(name = "numWorkers={0}")
    @ValueSource(ints = {0, 3})
    void stateDictResumesAHandWrittenLoopMidEpoch(int workers) {
        DataLoader first = DataLoader.builder(new RecordingDataset(25)).batchSize(4).shuffle(true).seed(11).numWorkers(workers).build();
        drain(first.iterator()); // epoch 0
        BatchIterator it = first.iterator();
        for (int i = 0; i < 3; i++) {
            it.next().close();
        }
        Map<String, Object> state = first.stateDict();
        assertThat(state).containsEntry("epoch", 1).containsEntry("batch", 3L).containsEntry("seed", 11L)
                .containsEntry("batch_size", 4).containsEntry("shuffle", true).containsEntry("drop_last", false)
                .containsEntry("dataset_size", 25L);
        List<long[]> restOfUninterrupted = drain(it);

        // as after a JSON round trip: integers come back as Integer
        Map<String, Object> saved = new HashMap<>();
        state.forEach((k, v) -> saved.put(k, v instanceof Long l && l < Integer.MAX_VALUE ? (Object) l.intValue() : v));
        DataLoader resumed = DataLoader.builder(new RecordingDataset(25)).batchSize(4).shuffle(true).seed(11).build();
        resumed.loadStateDict(saved);
        assertThat(resumed.epoch()).isEqualTo(1);
        assertThat(resumed.position()).isEqualTo(3);
        assertThat(drain(resumed.iterator())).usingRecursiveComparison().isEqualTo(restOfUninterrupted);
        assertThat(resumed.stateDict()).containsEntry("epoch", 2).containsEntry("batch", 0L);
    }

    @Test
    void stateAtTheEndOfAnEpochResumesAtTheNextOne() {
        DataLoader loader = DataLoader.builder(new RecordingDataset(6)).batchSize(2).build();
        Map<String, Object> state = new HashMap<>(loader.stateDict());
        state.put("epoch", 4);
        state.put("batch", 3);
        loader.loadStateDict(state);
        assertThat(loader.epoch()).isEqualTo(5);
        assertThat(loader.position()).isZero();
    }

    @Test
    void loadStateDictRefusesStateFromAnotherConfiguration() {
        DataLoader loader = DataLoader.builder(new RecordingDataset(25)).batchSize(4).shuffle(true).seed(11).build();
        Map<String, Object> good = loader.stateDict();
        Object[][] changes = {
                {"seed", 12L, "saved with seed=12 but this loader has seed=11"},
                {"batch_size", 8, "saved with batch_size=8 but this loader has batch_size=4"},
                {"shuffle", false, "saved with shuffle=false but this loader has shuffle=true"},
                {"drop_last", true, "saved with drop_last=true but this loader has drop_last=false"},
                {"dataset_size", 26L, "saved with dataset_size=26 but this loader has dataset_size=25"},
                {"batch", 8L, "position epoch=0, batch=8 is invalid"},
                {"epoch", -1, "position epoch=-1, batch=0 is invalid"},
                {"seed", "11", "'seed' must be an integer, got 11"},
                {"shuffle", "true", "'shuffle' must be true or false, got true"},
        };
        for (Object[] change : changes) {
            Map<String, Object> bad = new HashMap<>(good);
            bad.put((String) change[0], change[1]);
            assertThatThrownBy(() -> loader.loadStateDict(bad)).as("%s=%s", change[0], change[1])
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining((String) change[2]);
        }
        Map<String, Object> missing = new HashMap<>(good);
        missing.remove("seed");
        assertThatThrownBy(() -> loader.loadStateDict(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the state has no 'seed' entry");
        assertThat(loader.epoch()).isZero();
        assertThat(loader.position()).isZero();
    }

    @Test
    void prefetchBoundsTheBatchesBuiltAhead() throws InterruptedException {
        RecordingDataset data = new RecordingDataset(100);
        DataLoader loader = DataLoader.builder(data).batchSize(2).numWorkers(2).prefetch(3).build();
        assertThat(loader.prefetch()).isEqualTo(3);
        try (BatchIterator it = loader.iterate(0)) {
            awaitCalls(data, 3);
            Thread.sleep(100);
            assertThat(data.calls.get()).as("batches built before any was taken").isEqualTo(3);
            it.next().close();
            awaitCalls(data, 4);
            Thread.sleep(100);
            assertThat(data.calls.get()).as("batches built after one was taken").isEqualTo(4);
        }
    }

    private static void awaitCalls(RecordingDataset data, int calls) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (data.calls.get() < calls && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    @Test
    void closingEarlyStopsWorkersAndFreesPreparedBatches() throws InterruptedException {
        RecordingDataset data = new RecordingDataset(1000);
        DataLoader loader = DataLoader.builder(data).batchSize(50).numWorkers(3).prefetch(6).build();
        long before = liveBytes();
        BatchIterator it = loader.iterate(0);
        it.next().close();
        awaitCalls(data, 7);
        assertThat(liveBytes()).as("prepared batches hold memory").isGreaterThan(before);
        it.close();
        assertThat(liveBytes()).isEqualTo(before);
        assertThat(it.hasNext()).isFalse();
        int calls = data.calls.get();
        Thread.sleep(50);
        assertThat(data.calls.get()).as("no work after close").isEqualTo(calls);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("ithaca-data-")
                && t.getName().contains(Integer.toHexString(System.identityHashCode(loader))));
    }

    @Test
    void aNewForEachClosesTheIteratorAnEarlierBreakLeftOpen() throws InterruptedException {
        RecordingDataset data = new RecordingDataset(1000);
        DataLoader loader = DataLoader.builder(data).batchSize(50).numWorkers(2).build();
        long before = liveBytes();
        BatchIterator abandoned = loader.iterator();
        abandoned.next().close();
        awaitCalls(data, 5);
        BatchIterator next = loader.iterator();
        assertThat(abandoned.hasNext()).isFalse();
        next.close();
        assertThat(liveBytes()).isEqualTo(before);
    }

    @Test
    void anIteratorDroppedWithoutClosingIsStoppedWhenCollected() throws InterruptedException {
        RecordingDataset data = new RecordingDataset(1000);
        DataLoader loader = DataLoader.builder(data).batchSize(50).numWorkers(2).build();
        long before = liveBytes();
        String threadPrefix = "ithaca-data-" + Integer.toHexString(System.identityHashCode(loader));
        startAndDrop(loader);
        awaitCalls(data, 5);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (workersAlive(threadPrefix) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(workersAlive(threadPrefix)).as("workers of the collected iterator stopped").isFalse();
        assertThat(liveBytes()).isEqualTo(before);
    }

    private static void startAndDrop(DataLoader loader) {
        loader.iterate(0).next().close();
    }

    private static boolean workersAlive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
    }

    @Test
    void anInterruptWhileWaitingEndsTheIterationAndKeepsTheInterruptFlag() throws InterruptedException {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Dataset slow = new Dataset() {
            @Override
            public long size() {
                return 4;
            }

            @Override
            public Batch batch(long[] indices) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return new Batch(dev.ithaca.tensor.Tensor.zeros(indices.length, 2), null);
            }
        };
        DataLoader loader = DataLoader.builder(slow).batchSize(2).numWorkers(1).build();
        String threadPrefix = "ithaca-data-" + Integer.toHexString(System.identityHashCode(loader));
        long before = liveBytes();
        BatchIterator it = loader.iterate(0);
        Thread consumer = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                return;
            }
            consumer.interrupt();
        });
        interrupter.start();
        assertThatThrownBy(it::next).isInstanceOf(DataLoadingException.class)
                .hasMessageContaining("interrupted while waiting").hasCauseInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).as("the interrupt flag is restored").isTrue();
        assertThat(it.hasNext()).isFalse();
        interrupter.join();
        assertThat(workersAlive(threadPrefix)).as("next() returned without waiting for the blocked worker").isTrue();
        release.countDown();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (workersAlive(threadPrefix) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(workersAlive(threadPrefix)).isFalse();
        it.close();
        assertThat(liveBytes()).as("the batch the worker finished after the interrupt is freed").isEqualTo(before);
    }

    @ParameterizedTest(name = "numWorkers={0}")
    @ValueSource(ints = {0, 1, 3})
    void aFailureSurfacesInNextWithItsCause(int workers) {
        RecordingDataset data = new RecordingDataset(40, 17);
        DataLoader loader = DataLoader.builder(data).batchSize(5).numWorkers(workers).build();
        long before = liveBytes();
        BatchIterator it = loader.iterate(0);
        for (int i = 0; i < 3; i++) {
            it.next().close();
        }
        assertThatThrownBy(it::next).isInstanceOf(DataLoadingException.class)
                .hasMessageContaining("batch 3 of epoch 0")
                .hasMessageContaining(workers == 0 ? "on the calling thread" : "in worker thread 'ithaca-data-")
                .hasMessageContaining("sample 17 is corrupt")
                .hasCauseInstanceOf(DataFormatException.class)
                .satisfies(e -> assertThat(((DataLoadingException) e).batchIndex()).isEqualTo(3));
        assertThat(it.hasNext()).isFalse();
        it.close();
        assertThat(liveBytes()).isEqualTo(before);
    }

    @ParameterizedTest(name = "numWorkers={0}")
    @ValueSource(ints = {0, 2})
    void batchesBelongToTheConsumersScope(int workers) {
        DataLoader loader = DataLoader.builder(new RecordingDataset(10)).batchSize(5).numWorkers(workers).build();
        Batch kept;
        try (BatchIterator it = loader.iterate(0)) {
            Batch inScope;
            try (Scope scope = Scope.open()) {
                inScope = it.next();
                assertThat(inScope.input().isClosed()).isFalse();
            }
            assertThat(inScope.input().isClosed()).isTrue();
            assertThat(inScope.target().isClosed()).isTrue();
            try (Scope scope = Scope.open()) {
                kept = it.next();
                scope.detach(kept.input());
                scope.detach(kept.target());
            }
        }
        assertThat(kept.input().isClosed()).isFalse();
        kept.close();
    }

    @ParameterizedTest(name = "numWorkers={0}")
    @ValueSource(ints = {0, 2})
    void batchesAreBuiltOnTheBackendCurrentWhereIterationStarts(int workers) {
        Backend wrapped = delegatingBackend(cpu);
        RecordingDataset data = new RecordingDataset(12);
        DataLoader loader = DataLoader.builder(data).batchSize(4).numWorkers(workers).build();
        BatchIterator it;
        try (Backends.Use use = Backends.use(wrapped)) {
            it = loader.iterate(0);
        }
        try (it) {
            while (it.hasNext()) {
                try (Batch batch = it.next()) {
                    assertThat(batch.input().backend()).isSameAs(wrapped);
                }
            }
        }
        assertThat(data.backends).hasSize(3).containsOnly(wrapped);
        assertThat(Backends.current()).isSameAs(cpu);

        RecordingDataset pinned = new RecordingDataset(4);
        drain(DataLoader.builder(pinned).batchSize(4).numWorkers(workers).backend(wrapped).build().iterate(0));
        assertThat(pinned.backends).containsOnly(wrapped);
    }

    /** A backend that is not the CPU backend instance but computes with it. */
    private static Backend delegatingBackend(Backend target) {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class}, (proxy, method, args) -> {
            if (method.getName().equals("equals")) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Test
    void transformsSeeEachBatchWithItsContext() {
        List<String> seen = new ArrayList<>();
        Transform record = (batch, context) -> {
            synchronized (seen) {
                seen.add(context.epoch() + "/" + context.batchIndex() + "/" + context.stage() + "/"
                        + Arrays.toString(context.sampleIndices()) + "/" + context.seed());
            }
            return batch;
        };
        Transform doubleInput = (batch, context) -> {
            Batch doubled = new Batch(batch.input().mul(2), batch.target());
            batch.input().close();
            return doubled;
        };
        DataLoader loader = DataLoader.builder(new RecordingDataset(5)).batchSize(2).seed(77).transform(record, doubleInput).build();
        try (BatchIterator it = loader.iterate(3, 1); Batch batch = it.next()) {
            assertThat(batch.input().toFloatArray()).containsExactly(4, 5, 6, 7);
        }
        assertThat(seen).containsExactly("3/1/0/[2, 3]/77");
    }

    @Test
    void aTransformThatReturnsAForeignTensorIsReported() {
        try (dev.ithaca.tensor.Tensor constant = dev.ithaca.tensor.Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)) {
            Scope.untrack(constant);
            Transform cached = (batch, context) -> {
                batch.input().close();
                return new Batch(constant, batch.target());
            };
            DataLoader loader = DataLoader.builder(new RecordingDataset(2)).batchSize(2).transform(cached).build();
            assertThatThrownBy(() -> loader.iterate(0).next()).isInstanceOf(DataLoadingException.class)
                    .hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .cause().hasMessageContaining("was not created while building it");
        }
    }

    @Test
    void aDatasetReturningTheWrongRowCountIsReported() {
        Dataset wrong = new Dataset() {
            @Override
            public long size() {
                return 4;
            }

            @Override
            public Batch batch(long[] indices) {
                return new Batch(dev.ithaca.tensor.Tensor.zeros(1, 2), null);
            }
        };
        assertThatThrownBy(() -> DataLoader.builder(wrong).batchSize(2).build().iterate(0).next())
                .isInstanceOf(DataLoadingException.class).cause().hasMessageContaining("returned 1 rows for 2 sample indices");
    }

    @Test
    void builderChecksItsArguments() {
        DataLoader.Builder b = DataLoader.builder(new RecordingDataset(3));
        assertThatThrownBy(() -> b.batchSize(0)).hasMessageContaining("batchSize must be >= 1, got 0");
        assertThatThrownBy(() -> b.numWorkers(-1)).hasMessageContaining("numWorkers must be >= 0");
        assertThatThrownBy(() -> b.prefetch(0)).hasMessageContaining("prefetch must be >= 1 batch, got 0");
        assertThatThrownBy(() -> DataLoader.builder(new RecordingDataset(3)).prefetch(2).build())
                .hasMessageContaining("prefetch(2) needs numWorkers > 0");
        assertThatThrownBy(() -> DataLoader.builder(new RecordingDataset(3)).numWorkers(4).prefetch(3).build())
                .hasMessageContaining("prefetch (3) must be >= numWorkers (4)");
        assertThatThrownBy(() -> DataLoader.builder(null)).isInstanceOf(NullPointerException.class);
    }
}
