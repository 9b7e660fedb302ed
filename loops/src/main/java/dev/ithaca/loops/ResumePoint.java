package dev.ithaca.loops;

import dev.ithaca.nn.Parameter;
import dev.ithaca.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainer's part of a checkpoint ({@link dev.ithaca.train.TrainingState#loopState()}), as plain
 * data: the position (epoch, next batch, global step, whether the epoch's training or the whole
 * epoch was over), the epoch's running loss and training-metric states, an open gradient
 * accumulation window (its count and the gradients accumulated so far), the values logged so far,
 * the history, the model's run-time generators and the training source's own state. The model,
 * optimizer, scheduler and callbacks are saved by {@link dev.ithaca.io.TrainingCheckpoint} itself.
 *
 * @param pendingGradients one entry per model parameter (null where it has no gradient) while an
 *                         accumulation window is open, else empty
 */
record ResumePoint(int epoch, long nextBatch, long globalStep, boolean trainingDone, boolean epochFinished,
                   double lossSum, long lossCount, int windowBatches, int windowContributions, List<Tensor> pendingGradients,
                   Map<String, Double> epochMetrics, Map<String, Double> metrics, List<Map<String, Double>> history,
                   Map<String, Map<String, ?>> metricStates, Map<String, ?> generators, Map<String, ?> sourceState) {

    /** Marks loop state written by this trainer, so a checkpoint from another loop is refused. */
    static final String FORMAT = "ithaca.loops.Trainer/1";

    static ResumePoint capture(RunState state) {
        List<Tensor> pending = new ArrayList<>();
        if (state.windowBatches() > 0) {
            for (Parameter p : state.model().parameters()) {
                pending.add(p.grad());
            }
        }
        Map<String, Map<String, ?>> metricStates = new LinkedHashMap<>();
        state.config().metrics().forEach((name, metric) -> metricStates.put(name, metric.stateDict()));
        Map<String, Object> loss = state.epochLoss().stateDict();
        return new ResumePoint(state.epoch(), state.nextBatch(), state.globalStep(), state.trainingDone(), state.epochFinished(),
                (Double) loss.get("sum"), (Long) loss.get("count"), state.windowBatches(), state.windowContributions(), pending,
                state.epochMetrics(), state.metrics(), state.history().rows(), metricStates, state.model().generatorStates(),
                state.trainSource().stateDict());
    }

    Map<String, Object> toStateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", FORMAT);
        out.put("epoch", epoch);
        out.put("next_batch", nextBatch);
        out.put("global_step", globalStep);
        out.put("training_done", trainingDone);
        out.put("epoch_finished", epochFinished);
        out.put("epoch_loss_sum", lossSum);
        out.put("epoch_loss_count", lossCount);
        out.put("window_batches", windowBatches);
        out.put("window_contributions", windowContributions);
        out.put("pending_gradients", new ArrayList<>(pendingGradients));
        out.put("epoch_metrics", new LinkedHashMap<>(epochMetrics));
        out.put("metrics", new LinkedHashMap<>(metrics));
        out.put("history", history);
        out.put("metric_states", metricStates);
        out.put("generators", generators);
        out.put("train_source", sourceState);
        return out;
    }

    /**
     * Reads what {@link #toStateDict()} wrote.
     *
     * @throws IllegalArgumentException naming {@code origin} and the entry when the state was not
     *                                  written by this trainer or an entry has the wrong type
     */
    static ResumePoint fromStateDict(Map<String, ?> state, String origin) {
        Reader in = new Reader(state, origin);
        Object format = state.get("format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(origin + ": the loop state has format " + format + ", not " + FORMAT
                    + "; it was not written by this Trainer");
        }
        List<Tensor> pending = new ArrayList<>();
        for (Object item : in.list("pending_gradients")) {
            if (item != null && !(item instanceof Tensor)) {
                throw new IllegalArgumentException(origin + ": loop state 'pending_gradients' must hold tensors or nulls, got " + item);
            }
            pending.add((Tensor) item);
        }
        List<Map<String, Double>> history = new ArrayList<>();
        for (Object row : in.list("history")) {
            history.add(in.numbers("history row", row));
        }
        Map<String, Map<String, ?>> metricStates = new LinkedHashMap<>();
        in.map("metric_states").forEach((name, value) -> metricStates.put(name, in.asMap("metric_states/" + name, value)));
        return new ResumePoint(Math.toIntExact(in.whole("epoch")), in.whole("next_batch"), in.whole("global_step"),
                in.flag("training_done"), in.flag("epoch_finished"), in.number("epoch_loss_sum"), in.whole("epoch_loss_count"),
                Math.toIntExact(in.whole("window_batches")), Math.toIntExact(in.whole("window_contributions")), pending,
                in.numbers("epoch_metrics", state.get("epoch_metrics")), in.numbers("metrics", state.get("metrics")), history,
                metricStates, in.map("generators"), in.map("train_source"));
    }

    /** Typed access to the entries of a decoded loop state, with errors that name the entry. */
    private record Reader(Map<String, ?> state, String origin) {

        Object required(String key) {
            if (!state.containsKey(key)) {
                throw new IllegalArgumentException(origin + ": the loop state has no '" + key + "' entry");
            }
            return state.get(key);
        }

        long whole(String key) {
            Object value = required(key);
            if (value instanceof Integer || value instanceof Long) {
                long v = ((Number) value).longValue();
                if (v >= 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException(origin + ": loop state '" + key + "' must be a whole number >= 0, got " + value);
        }

        double number(String key) {
            if (required(key) instanceof Number n) {
                return n.doubleValue();
            }
            throw new IllegalArgumentException(origin + ": loop state '" + key + "' must be a number, got " + state.get(key));
        }

        boolean flag(String key) {
            if (required(key) instanceof Boolean b) {
                return b;
            }
            throw new IllegalArgumentException(origin + ": loop state '" + key + "' must be true or false, got " + state.get(key));
        }

        List<?> list(String key) {
            if (required(key) instanceof List<?> l) {
                return l;
            }
            throw new IllegalArgumentException(origin + ": loop state '" + key + "' must be a list, got " + state.get(key));
        }

        Map<String, ?> map(String key) {
            return asMap(key, required(key));
        }

        Map<String, ?> asMap(String what, Object value) {
            if (value instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) m;
                return typed;
            }
            throw new IllegalArgumentException(origin + ": loop state '" + what + "' must be a map, got " + value);
        }

        Map<String, Double> numbers(String what, Object value) {
            Map<String, Double> out = new LinkedHashMap<>();
            asMap(what, value).forEach((key, v) -> {
                if (!(v instanceof Number n)) {
                    throw new IllegalArgumentException(origin + ": loop state '" + what + "' entry '" + key + "' must be a number, got " + v);
                }
                out.put(key, n.doubleValue());
            });
            return out;
        }
    }
}
