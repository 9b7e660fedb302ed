package dev.ithaca.optim;

import dev.ithaca.tensor.DType;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Plain-Java transcriptions of PyTorch 2.x's {@code _single_tensor_*} optimizer functions, written
 * the way PyTorch runs them: one whole-array tensor op after another, each result rounded to the
 * tensor's dtype, Python scalars converted to the dtype where an op takes them. Nothing here
 * shares code with the fused kernels. For FLOAT32 the arithmetic is done in double and rounded to
 * float after every op, which for + - * / and sqrt gives exactly float arithmetic.
 */
final class Reference {
    private Reference() {
    }

    /** The dtype a reference computes in. */
    enum Precision {
        FLOAT32(DType.FLOAT32),
        FLOAT64(DType.FLOAT64);

        final DType dtype;

        Precision(DType dtype) {
            this.dtype = dtype;
        }

        /** Rounds one op's exact result to the dtype. */
        double r(double x) {
            return this == FLOAT32 ? (float) x : x;
        }
    }

    /** One parameter's reference optimizer; its state lives inside. */
    interface Optimizer {
        void step(double[] param, double[] grad);
    }

    // ---- tensor ops, as PyTorch applies them -------------------------------------------------------

    private static double[] map(Precision q, double[] a, DoubleUnaryOperator f) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = q.r(f.applyAsDouble(a[i]));
        }
        return out;
    }

    private static double[] zip(Precision q, double[] a, double[] b, DoubleBinaryOperator f) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = q.r(f.applyAsDouble(a[i], b[i]));
        }
        return out;
    }

    /** {@code a.add(b, alpha)}: a + alpha * b, alpha in the dtype. */
    private static double[] add(Precision q, double[] a, double[] b, double alpha) {
        double al = q.r(alpha);
        return zip(q, a, b, (x, y) -> x + q.r(al * y));
    }

    /** {@code a.mul(s)}. */
    private static double[] mul(Precision q, double[] a, double s) {
        double sc = q.r(s);
        return map(q, a, x -> x * sc);
    }

    /** {@code a.addcmul(t1, t2, value)}: a + value * t1 * t2. */
    private static double[] addcmul(Precision q, double[] a, double[] t1, double[] t2, double value) {
        double v = q.r(value);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = q.r(a[i] + q.r(q.r(v * t1[i]) * t2[i]));
        }
        return out;
    }

    /** {@code a.addcdiv(t1, t2, value)}: a + value * (t1 / t2). */
    private static double[] addcdiv(Precision q, double[] a, double[] t1, double[] t2, double value) {
        double v = q.r(value);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = q.r(a[i] + q.r(v * q.r(t1[i] / t2[i])));
        }
        return out;
    }

    /** {@code a.lerp(end, weight)} with ATen's two-sided formula. */
    private static double[] lerp(Precision q, double[] a, double[] end, double weight) {
        double w = q.r(weight);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double diff = q.r(end[i] - a[i]);
            out[i] = Math.abs(w) < 0.5 ? q.r(a[i] + q.r(w * diff)) : q.r(end[i] - q.r(diff * q.r(1 - w)));
        }
        return out;
    }

    private static double[] sqrt(Precision q, double[] a) {
        return map(q, a, Math::sqrt);
    }

    private static double[] neg(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = -a[i];
        }
        return out;
    }

    private static void copyInto(double[] src, double[] dst) {
        System.arraycopy(src, 0, dst, 0, src.length);
    }

    // ---- algorithms ----------------------------------------------------------------------------------

    /** {@code _single_tensor_sgd}. */
    record Sgd(double lr, double momentum, double dampening, double weightDecay, boolean nesterov, boolean maximize) {
        Optimizer create(Precision q) {
            return new Optimizer() {
                double[] buf;

                @Override
                public void step(double[] param, double[] grads) {
                    double[] grad = maximize ? neg(grads) : grads.clone();
                    if (weightDecay != 0) {
                        grad = add(q, grad, param, weightDecay);
                    }
                    if (momentum != 0) {
                        if (buf == null) {
                            buf = grad.clone();
                        } else {
                            buf = add(q, mul(q, buf, momentum), grad, 1 - dampening);
                        }
                        grad = nesterov ? add(q, grad, buf, momentum) : buf;
                    }
                    copyInto(add(q, param, grad, -lr), param);
                }
            };
        }
    }

    /** {@code _single_tensor_adam} (decoupled = false) and {@code _single_tensor_adamw} (decoupled = true). */
    record Adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad, boolean maximize,
                boolean decoupled) {
        Optimizer create(Precision q) {
            return new Optimizer() {
                double[] expAvg;
                double[] expAvgSq;
                double[] maxExpAvgSq;
                double step;

                @Override
                public void step(double[] param, double[] grads) {
                    if (expAvg == null) {
                        expAvg = new double[param.length];
                        expAvgSq = new double[param.length];
                        maxExpAvgSq = new double[param.length];
                    }
                    double[] grad = maximize ? neg(grads) : grads;
                    step += 1;
                    if (decoupled) {
                        copyInto(mul(q, param, 1 - lr * weightDecay), param);
                    } else if (weightDecay != 0) {
                        grad = add(q, grad, param, weightDecay);
                    }
                    expAvg = lerp(q, expAvg, grad, 1 - beta1);
                    expAvgSq = addcmul(q, mul(q, expAvgSq, beta2), grad, grad, 1 - beta2);
                    double biasCorrection1 = 1 - Math.pow(beta1, step);
                    double biasCorrection2 = 1 - Math.pow(beta2, step);
                    double stepSize = lr / biasCorrection1;
                    double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
                    double[] second = expAvgSq;
                    if (amsgrad) {
                        maxExpAvgSq = zip(q, maxExpAvgSq, expAvgSq, Math::max);
                        second = maxExpAvgSq;
                    }
                    double bc = q.r(biasCorrection2Sqrt);
                    double e = q.r(eps);
                    double[] denom = map(q, map(q, sqrt(q, second), x -> x / bc), x -> x + e);
                    copyInto(addcdiv(q, param, expAvg, denom, -stepSize), param);
                }
            };
        }
    }

    /** {@code _single_tensor_rmsprop}. */
    record RmsProp(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered, boolean maximize) {
        Optimizer create(Precision q) {
            return new Optimizer() {
                double[] squareAvg;
                double[] gradAvg;
                double[] buf;

                @Override
                public void step(double[] param, double[] grads) {
                    if (squareAvg == null) {
                        squareAvg = new double[param.length];
                        gradAvg = new double[param.length];
                        buf = new double[param.length];
                    }
                    double[] grad = maximize ? neg(grads) : grads;
                    if (weightDecay != 0) {
                        grad = add(q, grad, param, weightDecay);
                    }
                    squareAvg = addcmul(q, mul(q, squareAvg, alpha), grad, grad, 1 - alpha);
                    double[] avg;
                    if (centered) {
                        gradAvg = lerp(q, gradAvg, grad, 1 - alpha);
                        avg = sqrt(q, addcmul(q, squareAvg, gradAvg, gradAvg, -1));
                    } else {
                        avg = sqrt(q, squareAvg);
                    }
                    double e = q.r(eps);
                    avg = map(q, avg, x -> x + e);
                    if (momentum > 0) {
                        buf = addcdiv(q, mul(q, buf, momentum), grad, avg, 1);
                        copyInto(add(q, param, buf, -lr), param);
                    } else {
                        copyInto(addcdiv(q, param, grad, avg, -lr), param);
                    }
                }
            };
        }
    }

    /** {@code _single_tensor_adagrad} with a dense gradient. */
    record Adagrad(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps, boolean maximize) {
        Optimizer create(Precision q) {
            return new Optimizer() {
                double[] sum;
                double step;

                @Override
                public void step(double[] param, double[] grads) {
                    if (sum == null) {
                        sum = new double[param.length];
                        java.util.Arrays.fill(sum, q.r(initialAccumulatorValue));
                    }
                    step += 1;
                    double[] grad = maximize ? neg(grads) : grads;
                    if (weightDecay != 0) {
                        grad = add(q, grad, param, weightDecay);
                    }
                    double clr = lr / (1 + (step - 1) * lrDecay);
                    sum = addcmul(q, sum, grad, grad, 1);
                    double e = q.r(eps);
                    double[] std = map(q, sqrt(q, sum), x -> x + e);
                    copyInto(addcdiv(q, param, grad, std, -clr), param);
                }
            };
        }
    }
}
