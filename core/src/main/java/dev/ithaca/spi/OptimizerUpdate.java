package dev.ithaca.spi;

import dev.ithaca.tensor.DType;

import java.util.Arrays;

/**
 * One fused optimizer update of one parameter tensor, as {@link Backend#optimizerStep} applies it:
 * a single pass that reads the parameter, its gradient and the algorithm's state tensors and writes
 * the parameter and the state back, instead of PyTorch's chain of temporary tensors. There is one
 * record per algorithm family (as in tinygrad's optimizers); presets such as AdamW are settings of
 * a family, not kernels of their own.
 *
 * <p>Each record holds the parameter group's hyperparameters (PyTorch's names, camelCase) and, where
 * the algorithm needs it, the step count after this step's increment. The scalar arithmetic PyTorch
 * does in Python doubles (bias corrections, decayed learning rates) is done once here, in the
 * derived methods, so every backend's kernel only does the per-element work and all backends agree.
 * Kernels compute in the tensor's dtype, converting each scalar to it once, in the order of PyTorch's
 * {@code _single_tensor_*} functions:
 * <ul>
 *   <li>{@code g = maximize ? -grad : grad}</li>
 *   <li>{@code lerp(a, b, w) = |w| < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w)} (PyTorch's lerp)</li>
 * </ul>
 *
 * <p>State tensors are passed in the order each record documents; all have the parameter's shape
 * and dtype.
 *
 * <p>Denormals: with {@link #flushDenormals()} on, every state value a kernel stores whose magnitude
 * is below the dtype's smallest normal number ({@link Float#MIN_NORMAL} for FLOAT32,
 * {@link Double#MIN_NORMAL} for FLOAT64) is stored as +0; the update of this step still uses the
 * exact value. State of units that stopped receiving gradients decays into that range (Adam's
 * second moment within a few hundred steps) and subnormal arithmetic is many times slower on CPUs;
 * Java cannot set the FPU's flush-to-zero mode. This is the one deviation from bit-exact PyTorch,
 * and only in the subnormal range.
 */
public sealed interface OptimizerUpdate
        permits OptimizerUpdate.Sgd, OptimizerUpdate.Adam, OptimizerUpdate.RmsProp, OptimizerUpdate.Adagrad {

    /** How many state tensors the kernel reads and writes. */
    int stateCount();

    /**
     * Checks the operands every backend's kernel expects: a FLOAT32 or FLOAT64 parameter, and a
     * gradient and {@link #stateCount()} state tensors of its dtype and shape.
     */
    default void checkOperands(Strided param, Strided grad, Strided[] state) {
        DType dtype = param.dtype();
        if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64) {
            throw new IllegalArgumentException("optimizerStep: parameter must be FLOAT32 or FLOAT64, got " + dtype);
        }
        if (state.length != stateCount()) {
            throw new IllegalArgumentException("optimizerStep: " + getClass().getSimpleName() + " needs "
                    + stateCount() + " state tensors, got " + state.length);
        }
        long[] shape = param.shape();
        checkOperand("grad", grad, dtype, shape);
        for (int i = 0; i < state.length; i++) {
            checkOperand("state[" + i + "]", state[i], dtype, shape);
        }
    }

    private static void checkOperand(String name, Strided operand, DType dtype, long[] shape) {
        if (operand.dtype() != dtype || !Arrays.equals(operand.shape(), shape)) {
            throw new IllegalArgumentException("optimizerStep: " + name + " is " + operand.dtype() + Arrays.toString(operand.shape())
                    + ", the parameter is " + dtype + Arrays.toString(shape));
        }
    }

    boolean flushDenormals();

    /**
     * SGD with optional momentum (PyTorch's {@code _single_tensor_sgd}). State: {@code [momentum_buffer]}
     * when {@code momentum != 0}, else none.
     * <pre>
     * g = g + weightDecay * p                          if weightDecay != 0
     * if momentum != 0:
     *     buf = firstStep ? g : buf * momentum + (1 - dampening) * g
     *     g   = nesterov ? g + momentum * buf : buf
     * p = p + (-lr) * g
     * </pre>
     *
     * @param firstStep true when the momentum buffer has never been written: it is set to {@code g}
     *                  (PyTorch's {@code torch.clone(grad)}) without dampening
     */
    record Sgd(double lr, double momentum, double dampening, double weightDecay, boolean nesterov,
               boolean maximize, boolean firstStep, boolean flushDenormals) implements OptimizerUpdate {
        @Override
        public int stateCount() {
            return momentum != 0 ? 1 : 0;
        }
    }

    /**
     * Adam and AdamW (PyTorch's {@code _single_tensor_adam} / {@code _single_tensor_adamw}). State:
     * {@code [exp_avg, exp_avg_sq]}, plus {@code max_exp_avg_sq} with amsgrad.
     * <pre>
     * p = p * paramScale()                             if decoupledWeightDecay (AdamW)
     * g = g + weightDecay * p                          if !decoupledWeightDecay and weightDecay != 0
     * m = lerp(m, g, 1 - beta1)
     * v = v * beta2 + ((1 - beta2) * g) * g
     * vmax = max(vmax, v)                              if amsgrad (NaN propagates)
     * denom = sqrt(amsgrad ? vmax : v) / biasCorrection2Sqrt() + eps
     * p = p + (-stepSize()) * (m / denom)
     * </pre>
     *
     * @param step the step count including this step (>= 1)
     */
    record Adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupledWeightDecay,
                boolean amsgrad, boolean maximize, long step, boolean flushDenormals) implements OptimizerUpdate {
        public Adam {
            if (step < 1) {
                throw new IllegalArgumentException("Adam update: step must be >= 1, got " + step);
            }
        }

        @Override
        public int stateCount() {
            return amsgrad ? 3 : 2;
        }

        /** {@code lr / (1 - beta1^step)}. StrictMath, so every JVM and backend gets the same bits. */
        public double stepSize() {
            return lr / (1 - StrictMath.pow(beta1, step));
        }

        /** {@code sqrt(1 - beta2^step)}. */
        public double biasCorrection2Sqrt() {
            return StrictMath.sqrt(1 - StrictMath.pow(beta2, step));
        }

        /** AdamW's decoupled decay factor {@code 1 - lr * weightDecay}. */
        public double paramScale() {
            return 1 - lr * weightDecay;
        }
    }

    /**
     * RMSprop (PyTorch's {@code _single_tensor_rmsprop}). State: {@code [square_avg]}, then
     * {@code grad_avg} when centered, then {@code momentum_buffer} when momentum > 0.
     * <pre>
     * g = g + weightDecay * p                          if weightDecay != 0
     * sq = sq * alpha + ((1 - alpha) * g) * g
     * if centered: ga = lerp(ga, g, 1 - alpha); avg = sqrt(sq + (-1 * ga) * ga) + eps
     * else:        avg = sqrt(sq) + eps
     * if momentum > 0: buf = buf * momentum + g / avg; p = p + (-lr) * buf
     * else:            p = p + (-lr) * (g / avg)
     * </pre>
     */
    record RmsProp(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered,
                   boolean maximize, boolean flushDenormals) implements OptimizerUpdate {
        @Override
        public int stateCount() {
            return 1 + (centered ? 1 : 0) + (momentum > 0 ? 1 : 0);
        }
    }

    /**
     * Adagrad (PyTorch's {@code _single_tensor_adagrad}, dense gradients). State: {@code [sum]}.
     * <pre>
     * g = g + weightDecay * p                          if weightDecay != 0
     * sum = sum + (1 * g) * g
     * p = p + (-clr()) * (g / (sqrt(sum) + eps))
     * </pre>
     *
     * @param step the step count including this step (>= 1)
     */
    record Adagrad(double lr, double lrDecay, double weightDecay, double eps, long step, boolean maximize,
                   boolean flushDenormals) implements OptimizerUpdate {
        public Adagrad {
            if (step < 1) {
                throw new IllegalArgumentException("Adagrad update: step must be >= 1, got " + step);
            }
        }

        @Override
        public int stateCount() {
            return 1;
        }

        /** The decayed learning rate {@code lr / (1 + (step - 1) * lrDecay)}. */
        public double clr() {
            return lr / (1 + (step - 1) * lrDecay);
        }
    }
}
