package dev.ithaca.models;

import dev.ithaca.nn.loss.CrossEntropyLoss;
import dev.ithaca.nn.loss.Loss;
import dev.ithaca.tensor.Tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * Language-model cross entropy: logits {@code [B, T, V]} against next-token targets {@code [B, T]}
 * (INT64), computed as a {@link CrossEntropyLoss} over the {@code B*T} positions, so a generic trainer
 * runs {@code loss.forward(model.forward(x), y)}. Targets equal to the ignore index (default -100, as
 * PyTorch) count for nothing, e.g. padding. With {@code Reduction.NONE} the result is {@code [B, T]}.
 */
public final class NextTokenLoss implements Loss {
    private static final String NAME = "NextTokenLoss";

    private final CrossEntropyLoss crossEntropy;

    /** Mean over positions, ignore index -100. */
    public NextTokenLoss() {
        this(new CrossEntropyLoss());
    }

    /** Mean over the positions whose target is not {@code ignoreIndex}. */
    public NextTokenLoss(long ignoreIndex) {
        this(CrossEntropyLoss.builder().ignoreIndex(ignoreIndex).build());
    }

    /** Any configured cross entropy (reduction, label smoothing, class weights), applied to the flattened positions. */
    public NextTokenLoss(CrossEntropyLoss crossEntropy) {
        this.crossEntropy = Objects.requireNonNull(crossEntropy, "crossEntropy");
    }

    @Override
    public Tensor forward(Tensor logits, Tensor targets) {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(targets, "targets");
        if (logits.dim() != 3 || targets.dim() != 2 || logits.size(0) != targets.size(0) || logits.size(1) != targets.size(1)) {
            throw new IllegalArgumentException(NAME + ": expected logits [B, T, V] and targets [B, T], got logits "
                    + Arrays.toString(logits.shape()) + " and targets " + Arrays.toString(targets.shape()));
        }
        Tensor loss;
        try (Tensor flatLogits = logits.reshape(-1, logits.size(2)); Tensor flatTargets = targets.reshape(-1)) {
            loss = crossEntropy.forward(flatLogits, flatTargets);
        }
        if (loss.dim() == 0) {
            return loss;
        }
        try (loss) {
            // Reduction.NONE: one loss per position, back in the targets' [B, T] layout
            return loss.reshape(targets.shape());
        }
    }

    @Override
    public String toString() {
        return NAME + "(" + crossEntropy + ")";
    }
}
