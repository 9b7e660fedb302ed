package dev.ithaca.models;

import dev.ithaca.nn.GELU;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.ReLU;
import dev.ithaca.nn.SiLU;
import dev.ithaca.nn.Sigmoid;
import dev.ithaca.nn.Tanh;

/** The elementwise nonlinearity a model puts between its layers; each value builds the matching core layer. */
public enum Activation {
    RELU,
    /** The exact (erf) GELU, PyTorch's {@code nn.GELU()} default. */
    GELU,
    TANH,
    /** {@code x * sigmoid(x)}, also called swish. */
    SILU,
    SIGMOID;

    /** A new, parameterless layer computing this activation. */
    public Module create() {
        return switch (this) {
            case RELU -> new ReLU();
            case GELU -> new GELU();
            case TANH -> new Tanh();
            case SILU -> new SiLU();
            case SIGMOID -> new Sigmoid();
        };
    }
}
