package dev.ithaca.loops;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.loss.Loss;
import dev.ithaca.spi.Backend;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Batch;
import dev.ithaca.train.BatchIterator;
import dev.ithaca.train.BatchSource;
import dev.ithaca.train.Metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates a model over every batch of a source: no gradients are recorded, the model is in eval
 * mode (dropout off, BatchNorm on running statistics) and each module's mode is put back afterwards.
 * Each batch runs in its own {@link Scope} and is closed after use. The {@link Trainer} uses it for
 * validation during fit and for {@link Trainer#validate}, {@link Trainer#test} and
 * {@link Trainer#predict}; it works on its own as well.
 *
 * <p>The loss is averaged per sample (each batch's loss weighted by its row count), which for a
 * mean-reduced loss equals the loss over the whole source. Metrics are reset before and after a run,
 * so they report this run only. Evaluation reads epoch 0 of the source, so it sees the same batches
 * every time.
 */
@SuppressWarnings("try") // scopes, NoGrad and Backends.use work by being open, not by being referenced
public final class ValidationLoop {
    private final Module model;
    private final Loss loss;
    private final Map<String, Metric<? extends Number>> metrics;
    private final Backend backend;

    /**
     * @param metrics by the name they are reported under (after the prefix); may be empty
     * @param backend where batches are moved before the forward pass (the model's backend)
     */
    public ValidationLoop(Module model, Loss loss, Map<String, ? extends Metric<? extends Number>> metrics, Backend backend) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.metrics = new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics"));
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /**
     * Runs every batch of {@code source} and returns {@code <prefix>_loss} and
     * {@code <prefix>_<metric>} for each metric, e.g. {@code val_loss}, {@code val_acc}.
     *
     * @throws IllegalArgumentException when the source yields no batches, a batch has no target or the
     *                                  loss does not reduce to one value
     */
    public Map<String, Double> run(BatchSource source, String prefix) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("ValidationLoop: prefix must be non-blank (e.g. \"val\"), got '" + prefix + "'");
        }
        requireBatches(source, prefix);
        WeightedMean mean = new WeightedMean();
        metrics.values().forEach(Metric::reset);
        ModuleModes modes = ModuleModes.of(model);
        try (Backends.Use onBackend = Backends.use(backend); NoGrad noGrad = NoGrad.enter(); BatchIterator batches = source.iterate(0)) {
            model.eval();
            while (batches.hasNext()) {
                long index = batches.nextBatchIndex();
                try (Scope step = Scope.open(); Batch batch = batches.next()) {
                    if (!batch.hasTarget()) {
                        throw new IllegalArgumentException("ValidationLoop (" + prefix + "): batch " + index
                                + " has no target; evaluation needs labelled batches");
                    }
                    Tensor output = model.forward(Placement.onto(batch.input(), backend));
                    Tensor target = Placement.onto(batch.target(), backend);
                    mean.add(scalarLoss(loss.forward(output, target), prefix), batch.size());
                    metrics.values().forEach(metric -> metric.update(output, target));
                }
            }
            Map<String, Double> results = new LinkedHashMap<>();
            results.put(prefix + "_loss", mean.mean());
            metrics.forEach((name, metric) -> results.put(prefix + "_" + name, metric.compute().doubleValue()));
            return results;
        } finally {
            modes.restore();
            metrics.values().forEach(Metric::reset);
        }
    }

    /**
     * The model's outputs for every batch of {@code source}, concatenated along the first dimension
     * (one row per sample). Targets, if any, are ignored. The caller owns the result (it joins the
     * caller's open scope, if there is one).
     */
    public Tensor predict(BatchSource source) {
        Objects.requireNonNull(source, "source");
        requireBatches(source, "predict");
        ModuleModes modes = ModuleModes.of(model);
        try (Backends.Use onBackend = Backends.use(backend); NoGrad noGrad = NoGrad.enter(); Scope outputs = Scope.open();
             BatchIterator batches = source.iterate(0)) {
            model.eval();
            List<Tensor> parts = new ArrayList<>();
            while (batches.hasNext()) {
                try (Scope step = Scope.open(); Batch batch = batches.next()) {
                    Tensor input = Placement.onto(batch.input(), backend);
                    Tensor output = model.forward(input);
                    // a model that returns its input (eval-mode dropout alone) must not hand out the batch's own handle
                    parts.add(step.detach(output == batch.input() ? output.alias() : output));
                }
            }
            return outputs.detach(parts.size() == 1 ? parts.get(0) : Tensor.cat(parts, 0));
        } finally {
            modes.restore();
        }
    }

    /** The value of a loss that must be one number; shared with the training loop. */
    static double scalarLoss(Tensor loss, String where) {
        if (loss.numel() != 1) {
            throw new IllegalArgumentException(where + ": the loss must reduce to one value (Reduction.MEAN or SUM), got shape "
                    + Arrays.toString(loss.shape()));
        }
        return loss.item();
    }

    static void requireBatches(BatchSource source, String role) {
        if (source.batchesPerEpoch() <= 0) {
            throw new IllegalArgumentException(role + ": the batch source yields no batches (batchesPerEpoch = "
                    + source.batchesPerEpoch() + ")");
        }
    }
}
