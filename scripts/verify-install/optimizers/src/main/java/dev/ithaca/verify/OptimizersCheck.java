package dev.ithaca.verify;

import dev.ithaca.nn.Parameter;
import dev.ithaca.optim.Adam;
import dev.ithaca.optim.SGD;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.Optimizer;

import java.util.List;

/** Two SGD-with-momentum steps and one Adam step, checked against values worked out by hand. */
public final class OptimizersCheck {
    public static void main(String[] args) {
        InstallCheck.run("ithaca-optimizers",
                new String[]{"dev.ithaca.optim.SGD", "dev.ithaca.optim.Adam", "dev.ithaca.optim.AdamW",
                        "dev.ithaca.optim.RMSprop", "dev.ithaca.optim.Adagrad"},
                OptimizersCheck::check);
    }

    private static String check() {
        Parameter w = Parameter.of("w", Tensor.of(new float[]{1, 2, 3}, 3));
        w.setGrad(Tensor.of(new float[]{0.1f, 0.2f, 0.3f}, 3));
        Optimizer sgd = SGD.builder().lr(0.1).momentum(0.9).build(List.of(w));
        sgd.step();   // buffer = g:           w = w - 0.1 * g
        sgd.step();   // buffer = 0.9 g + g:   w = w - 0.1 * 1.9 g
        float[] after = w.toFloatArray();
        float[] grads = {0.1f, 0.2f, 0.3f};
        for (int i = 0; i < 3; i++) {
            InstallCheck.expectClose("SGD w[" + i + "]", (i + 1) - 0.1 * 2.9 * grads[i], after[i], 1e-5);
        }

        // Adam's first step moves every weight by lr against the sign of its gradient
        Parameter v = Parameter.of("v", Tensor.of(new float[]{1, -1}, 2));
        v.setGrad(Tensor.of(new float[]{0.5f, -2f}, 2));
        Adam.builder().lr(0.01).build(List.of(v)).step();
        float[] moved = v.toFloatArray();
        InstallCheck.expectClose("Adam v[0]", 0.99, moved[0], 1e-5);
        InstallCheck.expectClose("Adam v[1]", -0.99, moved[1], 1e-5);
        return "SGD(momentum) w=" + java.util.Arrays.toString(after) + ", Adam v=" + java.util.Arrays.toString(moved);
    }
}
