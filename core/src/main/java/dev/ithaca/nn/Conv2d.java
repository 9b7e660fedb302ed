package dev.ithaca.nn;

import dev.ithaca.nn.init.FanMode;
import dev.ithaca.nn.init.Fans;
import dev.ithaca.nn.init.Init;
import dev.ithaca.nn.init.Nonlinearity;
import dev.ithaca.random.Generator;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.tensor.Window2d;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * 2-D convolution (cross-correlation) over {@code [N, C, H, W]}, as {@code nn.Conv2d} with zero
 * padding: weight {@code [out, in/groups, kH, kW]}, bias {@code [out]}. Computed as im2col followed
 * by one matrix product; with groups the columns and the weight are viewed per group
 * ({@code [N, G, in/G*kH*kW, L]} and {@code [G, out/G, in/G*kH*kW]}) and multiplied as a batch,
 * so group {@code g}'s outputs see only group {@code g}'s input channels. Initialized as PyTorch
 * does: Kaiming-uniform with {@code a = sqrt(5)}, bias U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
 */
public final class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int groups;
    private final boolean bias;
    private final Window2d window;

    /** Square kernel, stride 1, no padding, dilation 1, one group, a bias, unseeded. */
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(builder(inChannels, outChannels, kernelSize));
    }

    /** Square kernel, stride and padding; dilation 1, one group, a bias, initialized from {@code generator}. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, Generator generator) {
        this(builder(inChannels, outChannels, kernelSize).stride(stride).padding(padding)
                .generator(Objects.requireNonNull(generator, "generator")));
    }

    /** Every option, square; {@code generator} may be null for an unseeded initialization. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
                  boolean bias, Generator generator) {
        this(builder(inChannels, outChannels, kernelSize).stride(stride).padding(padding).dilation(dilation)
                .groups(groups).bias(bias).generator(generator));
    }

    private Conv2d(Builder b) {
        this.inChannels = Checks.atLeast("Conv2d", "inChannels", b.inChannels, 1);
        this.outChannels = Checks.atLeast("Conv2d", "outChannels", b.outChannels, 1);
        this.groups = Checks.atLeast("Conv2d", "groups", b.groups, 1);
        Checks.divides("Conv2d", "inChannels", inChannels, "groups", groups);
        Checks.divides("Conv2d", "outChannels", outChannels, "groups", groups);
        Checks.atLeast("Conv2d", "kernelH", b.kernelH, 1);
        Checks.atLeast("Conv2d", "kernelW", b.kernelW, 1);
        Checks.atLeast("Conv2d", "strideH", b.strideH, 1);
        Checks.atLeast("Conv2d", "strideW", b.strideW, 1);
        Checks.atLeast("Conv2d", "paddingH", b.paddingH, 0);
        Checks.atLeast("Conv2d", "paddingW", b.paddingW, 0);
        Checks.atLeast("Conv2d", "dilationH", b.dilationH, 1);
        Checks.atLeast("Conv2d", "dilationW", b.dilationW, 1);
        this.window = new Window2d(b.kernelH, b.kernelW, b.strideH, b.strideW, b.paddingH, b.paddingW, b.dilationH, b.dilationW);
        this.bias = b.bias;
        Generator g = b.generator != null ? b.generator : Generators.unseeded("Conv2d");
        Parameter weight = createParameter("weight", DType.FLOAT32, outChannels, inChannels / groups, b.kernelH, b.kernelW);
        Init.kaimingUniform(weight, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, g);
        if (bias) {
            double bound = 1 / Math.sqrt(Fans.of(weight).fanIn());
            Init.uniform(createParameter("bias", DType.FLOAT32, outChannels), -bound, bound, g);
        }
    }

    /** Options beyond the constructors: rectangular kernels, strides, paddings and dilations. */
    public static Builder builder(int inChannels, int outChannels, int kernelSize) {
        return new Builder(inChannels, outChannels, kernelSize, kernelSize);
    }

    public static Builder builder(int inChannels, int outChannels, int kernelH, int kernelW) {
        return new Builder(inChannels, outChannels, kernelH, kernelW);
    }

    @Override
    public Tensor forward(Tensor input) {
        Checks.rank("Conv2d", input, 4, "[N, C, H, W]");
        Checks.floating("Conv2d", input);
        long[] s = input.shape();
        if (s[1] != inChannels) {
            throw new IllegalArgumentException("Conv2d: input of shape " + Arrays.toString(s) + " has " + s[1]
                    + " channels, expected inChannels=" + inChannels);
        }
        long n = s[0];
        long outH;
        long outW;
        try {
            outH = window.outputHeight(s[2]);
            outW = window.outputWidth(s[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Conv2d: input of shape " + Arrays.toString(s) + ": " + e.getMessage(), e);
        }
        long perGroup = (long) (inChannels / groups) * window.kernelH() * window.kernelW();
        try (Tensor columns = input.im2col(window);
             Tensor groupedColumns = columns.view(n, groups, perGroup, outH * outW);
             Tensor groupedWeight = weight().view(groups, outChannels / groups, perGroup);
             Tensor product = groupedWeight.matmul(groupedColumns)) {
            Tensor output = product.view(n, outChannels, outH, outW);
            if (!bias) {
                return output;
            }
            try (output; Tensor b = parameter("bias").view(1, outChannels, 1, 1)) {
                return output.add(b);
            }
        }
    }

    public Parameter weight() {
        return parameter("weight");
    }

    public Optional<Parameter> bias() {
        return bias ? Optional.of(parameter("bias")) : Optional.empty();
    }

    /** Kernel, stride, padding and dilation. */
    public Window2d window() {
        return window;
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int groups() {
        return groups;
    }

    @Override
    protected String extraRepr() {
        return "inChannels=" + inChannels + ", outChannels=" + outChannels
                + ", kernelSize=(" + window.kernelH() + ", " + window.kernelW() + ")"
                + ", stride=(" + window.strideH() + ", " + window.strideW() + ")"
                + ", padding=(" + window.padH() + ", " + window.padW() + ")"
                + ", dilation=(" + window.dilationH() + ", " + window.dilationW() + ")"
                + ", groups=" + groups + ", bias=" + bias;
    }

    /** Builds a {@link Conv2d}; every option defaults as in PyTorch (stride 1, padding 0, dilation 1, groups 1, bias). */
    public static final class Builder {
        private final int inChannels;
        private final int outChannels;
        private final int kernelH;
        private final int kernelW;
        private int strideH = 1;
        private int strideW = 1;
        private int paddingH;
        private int paddingW;
        private int dilationH = 1;
        private int dilationW = 1;
        private int groups = 1;
        private boolean bias = true;
        private Generator generator;

        private Builder(int inChannels, int outChannels, int kernelH, int kernelW) {
            this.inChannels = inChannels;
            this.outChannels = outChannels;
            this.kernelH = kernelH;
            this.kernelW = kernelW;
        }

        public Builder stride(int stride) {
            return stride(stride, stride);
        }

        public Builder stride(int strideH, int strideW) {
            this.strideH = strideH;
            this.strideW = strideW;
            return this;
        }

        /** Zeros added on each side. */
        public Builder padding(int padding) {
            return padding(padding, padding);
        }

        public Builder padding(int paddingH, int paddingW) {
            this.paddingH = paddingH;
            this.paddingW = paddingW;
            return this;
        }

        public Builder dilation(int dilation) {
            return dilation(dilation, dilation);
        }

        public Builder dilation(int dilationH, int dilationW) {
            this.dilationH = dilationH;
            this.dilationW = dilationW;
            return this;
        }

        public Builder groups(int groups) {
            this.groups = groups;
            return this;
        }

        public Builder bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /** The source of the initial weights; null (the default) draws an unseeded one. */
        public Builder generator(Generator generator) {
            this.generator = generator;
            return this;
        }

        public Conv2d build() {
            return new Conv2d(this);
        }
    }
}
