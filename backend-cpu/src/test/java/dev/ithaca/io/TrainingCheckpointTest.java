package dev.ithaca.io;

import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Parameter;
import dev.ithaca.nn.StateDictMismatchException;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Callback;
import dev.ithaca.train.LRScheduler;
import dev.ithaca.train.Optimizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingCheckpointTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> owned = new ArrayList<>();

    @AfterEach
    void free() throws Exception {
        for (AutoCloseable c : owned) {
            c.close();
        }
    }

    /** An optimizer with PyTorch's state-dict layout: one momentum tensor and a step count per parameter. */
    static final class FakeOptimizer implements Optimizer, AutoCloseable {
        final List<Parameter> params;
        final List<Tensor> momenta = new ArrayList<>();
        long steps;
        double lr = 0.1;

        FakeOptimizer(List<Parameter> params) {
            this.params = params;
            for (Parameter p : params) {
                momenta.add(Tensor.zeros(p.shape()));
            }
        }

        @Override
        public void step() {
            steps++;
            for (int i = 0; i < momenta.size(); i++) {
                float[] values = momenta.get(i).toFloatArray();
                for (int j = 0; j < values.length; j++) {
                    values[j] += (i + 1) * 0.5f + j;
                }
                momenta.get(i).close();
                momenta.set(i, Tensor.of(values, params.get(i).shape()));
            }
        }

        @Override
        public void zeroGrad() {
        }

        @Override
        public int groupCount() {
            return 1;
        }

        @Override
        public double learningRate(int group) {
            return lr;
        }

        @Override
        public void setLearningRate(int group, double lr) {
            this.lr = lr;
        }

        @Override
        public Map<String, Object> stateDict() {
            Map<Integer, Object> state = new LinkedHashMap<>();
            for (int i = 0; i < momenta.size(); i++) {
                state.put(i, Map.of("step", steps, "momentum_buffer", momenta.get(i).clone()));
            }
            return Map.of("state", state, "param_groups", List.of(Map.of("lr", lr, "params", List.of(0, 1))));
        }

        @Override
        public void loadStateDict(Map<String, ?> state) {
            Map<?, ?> perParam = (Map<?, ?>) state.get("state");
            for (int i = 0; i < momenta.size(); i++) {
                Map<?, ?> s = (Map<?, ?>) perParam.get(String.valueOf(i));
                steps = ((Number) s.get("step")).longValue();
                Tensor copy = ((Tensor) s.get("momentum_buffer")).clone();
                momenta.get(i).close();
                momenta.set(i, copy);
            }
            Map<?, ?> group = (Map<?, ?>) ((List<?>) state.get("param_groups")).get(0);
            lr = ((Number) group.get("lr")).doubleValue();
        }

        @Override
        public void close() {
            momenta.forEach(Tensor::close);
        }
    }

    static class FakeScheduler implements LRScheduler {
        int lastEpoch;

        @Override
        public void step() {
            lastEpoch++;
        }

        @Override
        public List<Double> lastLrs() {
            return List.of(0.1 / (lastEpoch + 1));
        }

        @Override
        public Map<String, Object> stateDict() {
            return Map.of("last_epoch", lastEpoch, "base_lrs", List.of(0.1));
        }

        @Override
        public void loadStateDict(Map<String, ?> state) {
            lastEpoch = ((Number) state.get("last_epoch")).intValue();
        }
    }

    static final class CountingCallback implements Callback {
        final String key;
        int count;
        double best = Double.POSITIVE_INFINITY;

        CountingCallback(String key) {
            this.key = key;
        }

        @Override
        public String stateKey() {
            return key;
        }

        @Override
        public Map<String, Object> stateDict() {
            return Map.of("count", count, "best", best, "nan", Double.NaN);
        }

        @Override
        public void loadStateDict(Map<String, ?> state) {
            count = ((Number) state.get("count")).intValue();
            best = ((Number) state.get("best")).doubleValue();
        }
    }

    private Linear linear(int in, int out) {
        Linear model = new Linear(in, out);
        owned.add(model);
        return model;
    }

    private FakeOptimizer optimizer(Linear model) {
        FakeOptimizer optimizer = new FakeOptimizer(model.parameters());
        owned.add(optimizer);
        return optimizer;
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void roundTripRestoresEveryPartAndReturnsTheLoopState() throws IOException {
        Linear model = linear(3, 2);
        FakeOptimizer optimizer = optimizer(model);
        optimizer.step();
        optimizer.step();
        optimizer.lr = 0.025;
        FakeScheduler scheduler = new FakeScheduler();
        scheduler.lastEpoch = 7;
        CountingCallback a = new CountingCallback("a");
        a.count = 4;
        a.best = 0.125;
        CountingCallback b = new CountingCallback("b");
        b.count = 9;
        Map<String, Object> loop = Map.of("epoch", 3, "global_step", 1L << 40, "rng", new long[] {1, -2, Long.MAX_VALUE},
                "done", true, "name", "run");
        Path file = dir.resolve("ckpt.safetensors");
        TrainingCheckpoint.save(file, model, optimizer, scheduler, List.of(a, b), loop);

        float[] weight = model.stateDict().get("weight").toFloatArray();
        float[] bias = model.stateDict().get("bias").toFloatArray();
        List<float[]> momenta = optimizer.momenta.stream().map(Tensor::toFloatArray).toList();

        Linear other = linear(3, 2);
        FakeOptimizer otherOptimizer = optimizer(other);
        FakeScheduler otherScheduler = new FakeScheduler();
        CountingCallback a2 = new CountingCallback("a");
        CountingCallback b2 = new CountingCallback("b");
        Map<String, Object> restoredLoop = TrainingCheckpoint.restore(file, other, otherOptimizer, otherScheduler, List.of(a2, b2));

        assertThat(other.stateDict().get("weight").toFloatArray()).containsExactly(weight);
        assertThat(other.stateDict().get("bias").toFloatArray()).containsExactly(bias);
        assertThat(otherOptimizer.steps).isEqualTo(2);
        assertThat(otherOptimizer.lr).isEqualTo(0.025);
        for (int i = 0; i < momenta.size(); i++) {
            assertThat(otherOptimizer.momenta.get(i).toFloatArray()).containsExactly(momenta.get(i));
        }
        assertThat(otherScheduler.lastEpoch).isEqualTo(7);
        assertThat(a2.count).isEqualTo(4);
        assertThat(a2.best).isEqualTo(0.125);
        assertThat(b2.count).isEqualTo(9);
        assertThat(b2.best).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(restoredLoop).containsEntry("epoch", 3).containsEntry("global_step", 1L << 40)
                .containsEntry("done", true).containsEntry("name", "run")
                .containsEntry("rng", List.of(1, -2, Long.MAX_VALUE));
        assertThat(listing()).containsExactly("ckpt.safetensors");
    }

    @Test
    void fileIsPlainSafetensorsWithNamedTensorsAndJsonMetadata() throws IOException {
        Linear model = linear(2, 2);
        FakeOptimizer optimizer = optimizer(model);
        Path file = dir.resolve("ckpt.safetensors");
        TrainingCheckpoint.save(file, model, optimizer, null, List.of(new CountingCallback("c")), Map.of("epoch", 0));

        SafeTensorsHeader header = SafeTensors.readHeader(file);
        assertThat(header.tensors()).extracting(TensorEntry::name).containsExactlyInAnyOrder(
                "model/weight", "model/bias", "optimizer/state/0/momentum_buffer", "optimizer/state/1/momentum_buffer");
        assertThat(header.metadata()).containsEntry(TrainingCheckpoint.FORMAT_KEY, "1")
                .containsEntry("ithaca.module", Linear.class.getName())
                .containsEntry(TrainingCheckpoint.LOOP_KEY, "{\"epoch\":0}")
                .doesNotContainKey(TrainingCheckpoint.SCHEDULER_KEY);
        assertThat(header.metadata().get(TrainingCheckpoint.CALLBACKS_KEY))
                .contains("\"count\":0", "\"best\":{\"__float__\":\"Infinity\"}", "\"nan\":{\"__float__\":\"NaN\"}");
    }

    @Test
    void truncatedFileIsAFormatErrorNamingTheFile() throws IOException {
        Linear model = linear(4, 4);
        Path file = dir.resolve("ckpt.safetensors");
        TrainingCheckpoint.save(file, model, optimizer(model), null, List.of(), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("truncated.safetensors"), java.util.Arrays.copyOf(bytes, bytes.length - 5));

        assertThatThrownBy(() -> TrainingCheckpoint.restore(truncated, linear(4, 4), null, null, List.of()))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("truncated.safetensors");
        Path garbage = Files.write(dir.resolve("garbage.safetensors"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> TrainingCheckpoint.restore(garbage, linear(4, 4), null, null, List.of()))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("garbage.safetensors");
    }

    @Test
    void aPartThatRejectsItsStateLeavesTheModelAsItWas() throws IOException {
        Linear saved = linear(2, 2);
        Path file = dir.resolve("run.safetensors");
        TrainingCheckpoint.save(file, saved, null, new FakeScheduler(), List.of(), Map.of("epoch", 1));
        Linear target = linear(2, 2);
        float[] weightBefore = target.stateDict().get("weight").toFloatArray();
        LRScheduler refusing = new FakeScheduler() {
            @Override
            public void loadStateDict(Map<String, ?> state) {
                throw new IllegalArgumentException("scheduler state saved with other settings");
            }
        };
        assertThatThrownBy(() -> TrainingCheckpoint.restore(file, target, null, refusing, List.of()))
                .hasMessageContaining("other settings");
        assertThat(target.stateDict().get("weight").toFloatArray()).containsExactly(weightBefore);
    }

    @Test
    void restoreModelLoadsOnlyTheWeights() throws IOException {
        Linear saved = linear(3, 2);
        FakeOptimizer optimizer = optimizer(saved);
        optimizer.step();
        Path file = dir.resolve("best.safetensors");
        TrainingCheckpoint.save(file, saved, optimizer, new FakeScheduler(), List.of(new CountingCallback("c")), Map.of("epoch", 2));

        Linear target = linear(3, 2);
        TrainingCheckpoint.restoreModel(file, target);
        assertThat(target.stateDict().get("weight").toFloatArray()).containsExactly(saved.stateDict().get("weight").toFloatArray());
        assertThat(target.stateDict().get("bias").toFloatArray()).containsExactly(saved.stateDict().get("bias").toFloatArray());

        Linear wrongShape = linear(4, 2);
        assertThatThrownBy(() -> TrainingCheckpoint.restoreModel(file, wrongShape)).isInstanceOf(StateDictMismatchException.class);
        Path plain = dir.resolve("plain.safetensors");
        saved.save(plain);
        assertThatThrownBy(() -> TrainingCheckpoint.restoreModel(plain, target))
                .isInstanceOf(CheckpointFormatException.class).hasMessageContaining("not a training checkpoint");
    }

    @Test
    void plainModelFileIsRefusedAsNotATrainingCheckpoint() throws IOException {
        Linear model = linear(2, 2);
        Path file = dir.resolve("model.safetensors");
        model.save(file);
        assertThatThrownBy(() -> TrainingCheckpoint.restore(file, model, null, null, List.of()))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining("not a training checkpoint");
    }

    @Test
    void malformedOrDanglingJsonIsAFormatError() throws IOException {
        Linear model = linear(2, 2);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put("model/" + k, v));
        Path bad = dir.resolve("bad.safetensors");
        SafeTensors.write(bad, tensors, Map.of(TrainingCheckpoint.FORMAT_KEY, "1", TrainingCheckpoint.CALLBACKS_KEY, "{}",
                TrainingCheckpoint.LOOP_KEY, "{\"epoch\": "));
        assertThatThrownBy(() -> TrainingCheckpoint.restore(bad, model, null, null, List.of()))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("bad.safetensors")
                .hasMessageContaining(TrainingCheckpoint.LOOP_KEY);

        Path dangling = dir.resolve("dangling.safetensors");
        SafeTensors.write(dangling, tensors, Map.of(TrainingCheckpoint.FORMAT_KEY, "1", TrainingCheckpoint.CALLBACKS_KEY, "{}",
                TrainingCheckpoint.LOOP_KEY, "{\"rng\": {\"__tensor__\": \"loop/rng\"}}"));
        assertThatThrownBy(() -> TrainingCheckpoint.restore(dangling, model, null, null, List.of()))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("loop/rng");

        Path future = dir.resolve("future.safetensors");
        SafeTensors.write(future, tensors, Map.of(TrainingCheckpoint.FORMAT_KEY, "99"));
        assertThatThrownBy(() -> TrainingCheckpoint.restore(future, model, null, null, List.of()))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("'99'");
    }

    @Test
    void mismatchedModelOrMissingPartsAreRejected() throws IOException {
        Linear model = linear(3, 2);
        Path file = dir.resolve("ckpt.safetensors");
        TrainingCheckpoint.save(file, model, null, null, List.of(), Map.of());
        assertThatThrownBy(() -> TrainingCheckpoint.restore(file, linear(3, 5), null, null, List.of()))
                .isInstanceOf(StateDictMismatchException.class);
        Linear same = linear(3, 2);
        assertThatThrownBy(() -> TrainingCheckpoint.restore(file, same, optimizer(same), null, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no optimizer state");
        assertThatThrownBy(() -> TrainingCheckpoint.restore(file, same, null, new FakeScheduler(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no scheduler state");
    }

    @Test
    void duplicateStateKeysAndNonPlainStateWriteNothing() {
        Linear model = linear(2, 2);
        Path file = dir.resolve("ckpt.safetensors");
        assertThatThrownBy(() -> TrainingCheckpoint.save(file, model, null, null,
                List.of(new CountingCallback("x"), new CountingCallback("x")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x'");
        assertThatThrownBy(() -> TrainingCheckpoint.save(file, model, null, null, List.of(), Map.of("when", new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loop/when");
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void statelessCallbacksMayShareAKey() throws IOException {
        Linear model = linear(2, 2);
        Path file = dir.resolve("ckpt.safetensors");
        final class Quiet implements Callback {
        }
        TrainingCheckpoint.save(file, model, null, null, List.of(new Quiet(), new Quiet()), Map.of());
        assertThat(SafeTensors.readHeader(file).metadata()).containsEntry(TrainingCheckpoint.CALLBACKS_KEY, "{\"Quiet\":{}}");
    }

    @Test
    void callbackStateThatIsNotAnObjectIsAFormatError() throws IOException {
        Linear model = linear(2, 2);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put("model/" + k, v));
        Path bad = dir.resolve("bad.safetensors");
        SafeTensors.write(bad, tensors, Map.of(TrainingCheckpoint.FORMAT_KEY, "1", TrainingCheckpoint.CALLBACKS_KEY,
                "{\"EarlyStopping\": 3}", TrainingCheckpoint.LOOP_KEY, "{}"));
        assertThatThrownBy(() -> TrainingCheckpoint.restore(bad, model, null, null, List.of()))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("'EarlyStopping'");
    }

    @Test
    void callbacksWithoutSavedStateStartFreshAndUnknownSavedStateIsIgnored() throws IOException {
        Linear model = linear(2, 2);
        CountingCallback old = new CountingCallback("old");
        old.count = 5;
        CountingCallback kept = new CountingCallback("kept");
        kept.count = 6;
        Path file = dir.resolve("ckpt.safetensors");
        TrainingCheckpoint.save(file, model, null, null, List.of(old, kept), Map.of());

        CountingCallback fresh = new CountingCallback("new");
        CountingCallback keptAgain = new CountingCallback("kept");
        TrainingCheckpoint.restore(file, model, null, null, List.of(fresh, keptAgain));
        assertThat(fresh.count).isZero();
        assertThat(keptAgain.count).isEqualTo(6);
    }

    @Test
    void failureMidwayKeepsThePreviousCheckpointLoadableAndLeavesNoTempFile() throws IOException {
        Linear model = linear(2, 2);
        FakeOptimizer optimizer = optimizer(model);
        optimizer.step();
        Path file = dir.resolve("ckpt.safetensors");
        TrainingCheckpoint.save(file, model, optimizer, null, List.of(), Map.of("epoch", 1));
        byte[] before = Files.readAllBytes(file);

        Tensor base = Tensor.of(new float[] {1});
        owned.add(base);
        Tensor failing = new Tensor(base) {
            @Override
            public Tensor contiguous() {
                throw new IllegalStateException("simulated device failure");
            }
        };
        owned.add(failing);
        optimizer.step();
        assertThatThrownBy(() -> TrainingCheckpoint.save(file, model, optimizer, null, List.of(), Map.of("epoch", 2, "x", failing)))
                .isInstanceOf(IllegalStateException.class);

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(listing()).containsExactly("ckpt.safetensors");
        FakeOptimizer restored = optimizer(linear(2, 2));
        Map<String, Object> loop = TrainingCheckpoint.restore(file, linear(2, 2), restored, null, List.of());
        assertThat(loop).containsEntry("epoch", 1);
        assertThat(restored.steps).isEqualTo(1);
    }

    @Test
    void tensorsInTheLoopStateOutliveTheRestore() throws IOException {
        Linear model = linear(2, 2);
        Path file = dir.resolve("ckpt.safetensors");
        try (Tensor rng = Tensor.of(new long[] {7, 8}, 2)) {
            TrainingCheckpoint.save(file, model, null, null, List.of(), Map.of("rng", rng));
        }
        Map<String, Object> loop = TrainingCheckpoint.restore(file, model, null, null, List.of());
        try (Tensor rng = (Tensor) loop.get("rng")) {
            assertThat(rng.toLongArray()).containsExactly(7, 8);
        }
    }
}
