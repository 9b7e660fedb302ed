package dev.ithaca.cli.config;

import dev.ithaca.cli.config.bind.Checked;
import dev.ithaca.cli.config.bind.Key;
import dev.ithaca.cli.config.bind.Problems;
import dev.ithaca.cli.config.bind.Section;
import dev.ithaca.cli.config.bind.Variant;

import java.util.List;

/** The optimizer and its hyperparameters, named and defaulted as in PyTorch's {@code torch.optim}. */
@Section(doc = "The optimizer, chosen by `type`; every option has PyTorch's name (snake_case) and default.")
public sealed interface OptimizerConfig {

    double lr();

    @Variant(name = "sgd", doc = "Stochastic gradient descent with optional momentum and Nesterov momentum (torch.optim.SGD).")
    record Sgd(
            @Key(doc = "Learning rate.", defaultValue = "0.001", min = 0, minExclusive = true) double lr,
            @Key(doc = "Momentum factor; 0 turns momentum off.", defaultValue = "0", min = 0) double momentum,
            @Key(doc = "Dampening for momentum.", defaultValue = "0", min = 0) double dampening,
            @Key(doc = "Nesterov momentum (needs momentum > 0 and dampening 0).", defaultValue = "false") boolean nesterov,
            @Key(doc = "L2 penalty added to the gradient.", defaultValue = "0", min = 0) double weightDecay,
            @Key(doc = "Maximize the objective instead of minimizing it.", defaultValue = "false") boolean maximize,
            @Key(doc = "Store optimizer state below the smallest normal float as zero (keeps CPU updates fast).",
                    defaultValue = "true") boolean flushDenormals) implements OptimizerConfig, Checked {
        @Override
        public void check(Problems problems) {
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                problems.add("nesterov", "needs momentum > 0 and dampening 0, got momentum " + momentum + " and dampening " + dampening);
            }
        }
    }

    @Variant(name = "adam", doc = "Adam (torch.optim.Adam): L2 weight decay added to the gradient.")
    record Adam(
            @Key(doc = "Learning rate.", defaultValue = "0.001", min = 0, minExclusive = true) double lr,
            @Key(doc = "Coefficients of the running averages of the gradient and its square, each in [0, 1).",
                    defaultValue = "[0.9, 0.999]", min = 0, max = 1, maxExclusive = true, minItems = 2) List<Double> betas,
            @Key(doc = "Term added to the denominator for numerical stability.", defaultValue = "1e-8", min = 0) double eps,
            @Key(doc = "L2 penalty added to the gradient.", defaultValue = "0", min = 0) double weightDecay,
            @Key(doc = "Use the AMSGrad variant (the maximum of past squared-gradient averages).", defaultValue = "false") boolean amsgrad,
            @Key(doc = "Maximize the objective instead of minimizing it.", defaultValue = "false") boolean maximize,
            @Key(doc = "Store optimizer state below the smallest normal float as zero (keeps CPU updates fast).",
                    defaultValue = "true") boolean flushDenormals) implements OptimizerConfig, Checked {
        @Override
        public void check(Problems problems) {
            Betas.check(betas, problems);
        }
    }

    @Variant(name = "adamw", doc = "AdamW (torch.optim.AdamW): Adam with decoupled weight decay, the usual choice for Transformers.")
    record AdamW(
            @Key(doc = "Learning rate.", defaultValue = "0.001", min = 0, minExclusive = true) double lr,
            @Key(doc = "Coefficients of the running averages of the gradient and its square, each in [0, 1).",
                    defaultValue = "[0.9, 0.999]", min = 0, max = 1, maxExclusive = true, minItems = 2) List<Double> betas,
            @Key(doc = "Term added to the denominator for numerical stability.", defaultValue = "1e-8", min = 0) double eps,
            @Key(doc = "Decoupled weight decay: parameters shrink by lr * weight_decay each step.", defaultValue = "0.01", min = 0)
            double weightDecay,
            @Key(doc = "Use the AMSGrad variant (the maximum of past squared-gradient averages).", defaultValue = "false") boolean amsgrad,
            @Key(doc = "Maximize the objective instead of minimizing it.", defaultValue = "false") boolean maximize,
            @Key(doc = "Store optimizer state below the smallest normal float as zero (keeps CPU updates fast).",
                    defaultValue = "true") boolean flushDenormals) implements OptimizerConfig, Checked {
        @Override
        public void check(Problems problems) {
            Betas.check(betas, problems);
        }
    }

    @Variant(name = "rmsprop", doc = "RMSprop (torch.optim.RMSprop), optionally centered and with momentum.")
    record RmsProp(
            @Key(doc = "Learning rate.", defaultValue = "0.01", min = 0, minExclusive = true) double lr,
            @Key(doc = "Smoothing constant of the squared-gradient average.", defaultValue = "0.99", min = 0, max = 1) double alpha,
            @Key(doc = "Term added to the denominator for numerical stability.", defaultValue = "1e-8", min = 0) double eps,
            @Key(doc = "L2 penalty added to the gradient.", defaultValue = "0", min = 0) double weightDecay,
            @Key(doc = "Momentum factor.", defaultValue = "0", min = 0) double momentum,
            @Key(doc = "Normalize by an estimate of the gradient's variance instead of its second moment.",
                    defaultValue = "false") boolean centered,
            @Key(doc = "Maximize the objective instead of minimizing it.", defaultValue = "false") boolean maximize,
            @Key(doc = "Store optimizer state below the smallest normal float as zero (keeps CPU updates fast).",
                    defaultValue = "true") boolean flushDenormals) implements OptimizerConfig {
    }

    @Variant(name = "adagrad", doc = "Adagrad (torch.optim.Adagrad): per-parameter rates from accumulated squared gradients.")
    record Adagrad(
            @Key(doc = "Learning rate.", defaultValue = "0.01", min = 0, minExclusive = true) double lr,
            @Key(doc = "Learning-rate decay: lr / (1 + (step - 1) * lr_decay).", defaultValue = "0", min = 0) double lrDecay,
            @Key(doc = "L2 penalty added to the gradient.", defaultValue = "0", min = 0) double weightDecay,
            @Key(doc = "Starting value of the squared-gradient accumulators.", defaultValue = "0", min = 0) double initialAccumulatorValue,
            @Key(doc = "Term added to the denominator for numerical stability.", defaultValue = "1e-10", min = 0) double eps,
            @Key(doc = "Maximize the objective instead of minimizing it.", defaultValue = "false") boolean maximize,
            @Key(doc = "Store optimizer state below the smallest normal float as zero (keeps CPU updates fast).",
                    defaultValue = "true") boolean flushDenormals) implements OptimizerConfig {
    }

    /** The shared rule of Adam's two betas. */
    final class Betas {
        private Betas() {
        }

        static void check(List<Double> betas, Problems problems) {
            if (betas.size() != 2) {
                problems.add("betas", "must be exactly two numbers [beta1, beta2], got " + betas.size() + ": " + betas);
            }
        }
    }
}
