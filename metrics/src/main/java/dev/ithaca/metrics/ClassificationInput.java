package dev.ithaca.metrics;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;

/**
 * Predictions and targets of one batch in a common form, after torchmetrics' input rules:
 * scores {@code [N, C, ...]} with targets {@code [N, ...]} (argmax, or top-k), class indices of the
 * targets' shape, or (binary) probabilities/logits thresholded after a sigmoid when any value lies
 * outside [0, 1]. Extra dims are flattened into samples. Made inside the caller's scope.
 *
 * @param target    INT64 [M] target class per sample (0 where ignored, so it is a safe index)
 * @param valid     INT64 [M] 1 for counted samples, 0 for ignored ones
 * @param predicted INT64 [M] predicted class, or null when {@code topKMask} is used
 * @param topKMask  INT64 [M, C] 1 for the k chosen classes of each sample, or null
 */
record ClassificationInput(Tensor target, Tensor valid, Tensor predicted, Tensor topKMask) {

    /** A batch of no samples, which adds nothing (and which scatter kernels need not see). */
    boolean isEmpty() {
        return target.numel() == 0;
    }

    static ClassificationInput of(String metric, ClassTask task, Tensor preds, Tensor targets) {
        if (targets == null) {
            throw new IllegalArgumentException(metric + ": targets must not be null");
        }
        DType td = targets.dtype();
        if (!td.isIntegral() && !(task.binary() && td == DType.BOOL)) {
            throw new IllegalArgumentException(metric + ": targets must hold integer class indices, got " + targets.describe());
        }
        if (targets.dim() == 0 && !task.binary()) {
            throw new IllegalArgumentException(metric + ": targets need a batch dimension, got " + targets.describe());
        }
        int c = task.numClasses();
        Tensor target = targets.to(DType.INT64).reshape(-1);
        Tensor valid = task.ignoreIndex() == null ? Tensor.ones(DType.BOOL, target.shape()) : target.ne(task.ignoreIndex());
        Tensor badTargets = outOfRange(target, c).mul(valid).sum();
        if (task.binary()) {
            requireSameShape(metric, preds, targets);
            Tensor predicted = binaryPredictions(task, preds.reshape(-1));
            Tensor badPreds = outOfRange(predicted, c).sum();
            check(metric, task, target, valid, predicted, badTargets, badPreds);
            return new ClassificationInput(target.mul(valid), valid.to(DType.INT64), predicted, null);
        }
        if (preds.dtype().isFloatingPoint()) {
            Tensor scores = flattenScores(metric, task, preds, targets);
            check(metric, task, target, valid, null, badTargets, null);
            Tensor safe = target.mul(valid);
            if (task.topK() == 1) {
                // argmax returns the first maximum, as torch.argmax does
                return new ClassificationInput(safe, valid.to(DType.INT64), scores.argmax(1, false), null);
            }
            return new ClassificationInput(safe, valid.to(DType.INT64), null, topKMask(scores, task.topK()));
        }
        if (!preds.dtype().isIntegral()) {
            throw new IllegalArgumentException(metric + ": predictions must be scores (floating point) or class indices"
                    + " (integers), got " + preds.describe());
        }
        requireSameShape(metric, preds, targets);
        if (task.topK() > 1) {
            throw new IllegalArgumentException(metric + ": topK " + task.topK() + " needs scores [N, C, ...], but predictions are"
                    + " class indices " + preds.describe());
        }
        Tensor predicted = preds.to(DType.INT64).reshape(-1);
        check(metric, task, target, valid, predicted, badTargets, outOfRange(predicted, c).sum());
        return new ClassificationInput(target.mul(valid), valid.to(DType.INT64), predicted, null);
    }

    /**
     * Marks the k highest scores of each row: k rounds of argmax, each masking its pick, so ties go
     * to the lower class index (torch.topk leaves the order of exact ties unspecified). Scores of
     * -inf are first raised to the lowest finite value so that a picked entry always ranks below them.
     */
    private static Tensor topKMask(Tensor scores, int k) {
        double lowest = scores.dtype() == DType.FLOAT64 ? -Double.MAX_VALUE : -Float.MAX_VALUE;
        Tensor remaining = scores.clampMin(lowest);
        long[] shape = scores.shape();
        Tensor mask = Tensor.zeros(DType.INT64, shape);
        if (shape[0] == 0) {
            return mask;
        }
        Tensor ones = Tensor.ones(DType.INT64, shape[0], 1);
        Tensor picked = Tensor.scalar(Double.NEGATIVE_INFINITY, scores.dtype());
        for (int round = 0; round < k; round++) {
            Tensor pick = Tensor.zeros(DType.INT64, shape).scatterAdd(1, remaining.argmax(1, true), ones);
            mask = mask.add(pick);
            remaining = Tensor.where(pick.gt(0), picked, remaining);
        }
        return mask;
    }

    /** Scores [N, C, d1, ...] with targets [N, d1, ...] become [N*d1*..., C]. */
    private static Tensor flattenScores(String metric, ClassTask task, Tensor preds, Tensor targets) {
        long[] ps = preds.shape();
        long[] ts = targets.shape();
        boolean shapesAgree = ps.length == ts.length + 1 && ps[0] == ts[0]
                && Arrays.equals(Arrays.copyOfRange(ps, 2, ps.length), Arrays.copyOfRange(ts, 1, ts.length));
        if (!shapesAgree) {
            throw new IllegalArgumentException(metric + ": scores " + preds.describe() + " do not fit targets " + targets.describe()
                    + "; expected scores [N, C, ...] with targets [N, ...]");
        }
        if (ps[1] != task.numClasses()) {
            throw new IllegalArgumentException(metric + ": scores " + preds.describe() + " have " + ps[1]
                    + " classes in dim 1, but numClasses is " + task.numClasses());
        }
        if (ps.length == 2) {
            return preds;
        }
        int[] order = new int[ps.length];
        order[0] = 0;
        for (int d = 2; d < ps.length; d++) {
            order[d - 1] = d;
        }
        order[ps.length - 1] = 1;
        return preds.permute(order).reshape(-1, task.numClasses());
    }

    /** torchmetrics: floats outside [0, 1] anywhere in the batch are logits and go through a sigmoid. */
    private static Tensor binaryPredictions(ClassTask task, Tensor preds) {
        if (!preds.dtype().isFloatingPoint()) {
            return preds.to(DType.INT64);
        }
        Tensor anyLogit = preds.lt(0).add(preds.gt(1)).sum().gt(0);
        Tensor probabilities = Tensor.where(anyLogit, preds.sigmoid(), preds);
        return probabilities.gt(task.threshold()).to(DType.INT64);
    }

    private static Tensor outOfRange(Tensor classes, int numClasses) {
        return classes.lt(0).add(classes.ge(numClasses));
    }

    private static void requireSameShape(String metric, Tensor preds, Tensor targets) {
        if (!Arrays.equals(preds.shape(), targets.shape())) {
            throw new IllegalArgumentException(metric + ": predictions " + preds.describe() + " and targets " + targets.describe()
                    + " must have the same shape (or scores [N, C, ...] for targets [N, ...])");
        }
    }

    /** One host read per batch; only on failure are the values copied to find the first bad one. */
    private static void check(String metric, ClassTask task, Tensor target, Tensor valid, Tensor predicted,
                              Tensor badTargets, Tensor badPreds) {
        Tensor bad = badPreds == null ? badTargets : badTargets.add(badPreds);
        if (bad.item() == 0) {
            return;
        }
        int c = task.numClasses();
        long[] t = target.toLongArray();
        boolean[] counted = valid.toBooleanArray();
        for (int i = 0; i < t.length; i++) {
            if (counted[i] && (t[i] < 0 || t[i] >= c)) {
                throw new IllegalArgumentException(metric + ": target " + t[i] + " at flat index " + i + " is outside [0, " + c + ")"
                        + (task.ignoreIndex() == null ? "" : " and is not the ignore index " + task.ignoreIndex()));
            }
        }
        long[] p = predicted.toLongArray();
        for (int i = 0; i < p.length; i++) {
            if (p[i] < 0 || p[i] >= c) {
                throw new IllegalArgumentException(metric + ": predicted class " + p[i] + " at flat index " + i
                        + " is outside [0, " + c + ")");
            }
        }
    }
}
