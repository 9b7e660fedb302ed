package dev.ithaca.models;

import dev.ithaca.nn.AvgPool2d;
import dev.ithaca.nn.MaxPool2d;
import dev.ithaca.nn.Module;

/** The subsampling a convolutional model applies after each convolution stage. */
public enum Pooling {
    /** Max over each window (modern LeNet-5 variants). */
    MAX,
    /** Mean over each window (closer to LeCun's original subsampling layers). */
    AVG;

    /** A new pooling layer with a square {@code kernelSize} window and stride equal to the window. */
    public Module create(int kernelSize) {
        return switch (this) {
            case MAX -> new MaxPool2d(kernelSize);
            case AVG -> new AvgPool2d(kernelSize);
        };
    }
}
