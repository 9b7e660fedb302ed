package dev.ithaca.nn.init;

import dev.ithaca.autograd.NoGrad;
import dev.ithaca.random.Generator;
import dev.ithaca.tensor.Tensor;

import java.util.Objects;

/**
 * In-place initializers, as {@code torch.nn.init}: each fills a floating-point tensor (typically a
 * {@link dev.ithaca.nn.Parameter}) without recording gradients, draws from the given
 * {@link Generator} (so a seed reproduces a model exactly on every backend) and returns the tensor.
 * Zero-element tensors are left as they are.
 */
public final class Init {
    private Init() {
    }

    /** PyTorch's {@code calculate_gain} with the default parameter (slope 0.01 for leaky ReLU). */
    public static double calculateGain(Nonlinearity nonlinearity) {
        return Objects.requireNonNull(nonlinearity, "nonlinearity").gain();
    }

    /** PyTorch's {@code calculate_gain(nonlinearity, param)}; {@code param} is leaky ReLU's negative slope. */
    public static double calculateGain(Nonlinearity nonlinearity, double param) {
        return Objects.requireNonNull(nonlinearity, "nonlinearity").gain(param);
    }

    /** Values uniform in [low, high); {@code low == high} fills that constant. */
    public static Tensor uniform(Tensor tensor, double low, double high, Generator generator) {
        check("uniform", tensor, generator);
        if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
            throw new IllegalArgumentException("uniform: needs finite low <= high, got low=" + low + ", high=" + high);
        }
        if (tensor.numel() == 0) {
            return tensor;
        }
        if (low == high) {
            return constant(tensor, low);
        }
        return fill(tensor, Tensor.uniform(generator, low, high, tensor.dtype(), tensor.shape()));
    }

    /** Values from N(mean, std²). */
    public static Tensor normal(Tensor tensor, double mean, double std, Generator generator) {
        check("normal", tensor, generator);
        if (!Double.isFinite(mean) || !(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("normal: needs a finite mean and a finite std >= 0, got mean=" + mean + ", std=" + std);
        }
        if (tensor.numel() == 0) {
            return tensor;
        }
        return fill(tensor, Tensor.normal(generator, mean, std, tensor.dtype(), tensor.shape()));
    }

    public static Tensor constant(Tensor tensor, double value) {
        Objects.requireNonNull(tensor, "tensor");
        try (NoGrad ignored = NoGrad.enter()) {
            return tensor.fill(value);
        }
    }

    public static Tensor zeros(Tensor tensor) {
        return constant(tensor, 0);
    }

    public static Tensor ones(Tensor tensor) {
        return constant(tensor, 1);
    }

    /** Glorot uniform: U(-a, a) with {@code a = gain * sqrt(6 / (fanIn + fanOut))}. */
    public static Tensor xavierUniform(Tensor tensor, double gain, Generator generator) {
        check("xavierUniform", tensor, generator);
        Fans fans = Fans.of(tensor);
        double bound = checkedGain("xavierUniform", gain) * Math.sqrt(6.0 / (fans.fanIn() + fans.fanOut()));
        return uniform(tensor, -bound, bound, generator);
    }

    /** {@link #xavierUniform(Tensor, double, Generator)} with gain 1. */
    public static Tensor xavierUniform(Tensor tensor, Generator generator) {
        return xavierUniform(tensor, 1, generator);
    }

    /** Glorot normal: N(0, std²) with {@code std = gain * sqrt(2 / (fanIn + fanOut))}. */
    public static Tensor xavierNormal(Tensor tensor, double gain, Generator generator) {
        check("xavierNormal", tensor, generator);
        Fans fans = Fans.of(tensor);
        double std = checkedGain("xavierNormal", gain) * Math.sqrt(2.0 / (fans.fanIn() + fans.fanOut()));
        return normal(tensor, 0, std, generator);
    }

    public static Tensor xavierNormal(Tensor tensor, Generator generator) {
        return xavierNormal(tensor, 1, generator);
    }

    /**
     * He uniform: U(-b, b) with {@code b = gain * sqrt(3 / fan)}, the gain from {@code nonlinearity}
     * (and {@code a}, leaky ReLU's negative slope). PyTorch's Linear and Conv layers use
     * {@code a = sqrt(5)}, FAN_IN, LEAKY_RELU, which gives {@code b = 1 / sqrt(fanIn)}.
     */
    public static Tensor kaimingUniform(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity, Generator generator) {
        check("kaimingUniform", tensor, generator);
        double bound = Math.sqrt(3) * kaimingStd("kaimingUniform", tensor, a, mode, nonlinearity);
        return uniform(tensor, -bound, bound, generator);
    }

    /** PyTorch's defaults: {@code a = 0}, FAN_IN, LEAKY_RELU (so a ReLU gain of sqrt(2)). */
    public static Tensor kaimingUniform(Tensor tensor, Generator generator) {
        return kaimingUniform(tensor, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, generator);
    }

    /** He normal: N(0, std²) with {@code std = gain / sqrt(fan)}. */
    public static Tensor kaimingNormal(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity, Generator generator) {
        check("kaimingNormal", tensor, generator);
        return normal(tensor, 0, kaimingStd("kaimingNormal", tensor, a, mode, nonlinearity), generator);
    }

    public static Tensor kaimingNormal(Tensor tensor, Generator generator) {
        return kaimingNormal(tensor, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, generator);
    }

    private static double kaimingStd(String op, Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(nonlinearity, "nonlinearity");
        long fan = Fans.of(tensor).fan(mode);
        if (fan == 0) {
            throw new IllegalArgumentException(op + ": " + mode + " of a tensor of shape " + java.util.Arrays.toString(tensor.shape())
                    + " is 0; cannot scale by it");
        }
        return nonlinearity.gain(a) / Math.sqrt(fan);
    }

    private static double checkedGain(String op, double gain) {
        if (!Double.isFinite(gain) || gain < 0) {
            throw new IllegalArgumentException(op + ": gain must be finite and >= 0, got " + gain);
        }
        return gain;
    }

    private static void check(String op, Tensor tensor, Generator generator) {
        Objects.requireNonNull(tensor, "tensor");
        Objects.requireNonNull(generator, "generator");
        if (!tensor.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": can only fill floating-point tensors, got " + tensor.describe());
        }
    }

    /** Copies freshly drawn values into the target (on its backend), then frees them. */
    private static Tensor fill(Tensor target, Tensor values) {
        try (NoGrad ignored = NoGrad.enter(); values; Tensor moved = values.to(target.backend())) {
            target.copyFrom(moved);
        }
        return target;
    }
}
