package dev.ithaca.examples.docs;

import dev.ithaca.memory.Scope;
import dev.ithaca.nn.Linear;
import dev.ithaca.nn.Module;
import dev.ithaca.nn.ReLU;
import dev.ithaca.nn.Sequential;
import dev.ithaca.nn.loss.MSELoss;
import dev.ithaca.optim.Adagrad;
import dev.ithaca.optim.Adam;
import dev.ithaca.optim.AdamW;
import dev.ithaca.optim.RMSprop;
import dev.ithaca.optim.SGD;
import dev.ithaca.random.Generator;
import dev.ithaca.schedule.StepLR;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.GradClipping;
import dev.ithaca.train.LRScheduler;
import dev.ithaca.train.Optimizer;

import java.util.List;

/** docs/modules/optimizers.md: the optimizers and a training loop written by hand. */
public final class TrainingByHand {
    private TrainingByHand() {
    }

    /** Builds each optimizer once, with PyTorch's default hyperparameters spelled out. */
    static List<Optimizer> optimizers(Module model) {
        // --8<-- [start:builders]
        Optimizer sgd = SGD.builder().lr(0.1).momentum(0.9).nesterov(true).weightDecay(5e-4).build(model.parameters());
        Optimizer adam = Adam.builder().lr(1e-3).betas(0.9, 0.999).eps(1e-8).build(model.parameters());
        Optimizer adamw = AdamW.builder().lr(1e-3).weightDecay(1e-2).amsgrad(false).build(model.parameters());
        Optimizer rmsprop = RMSprop.builder().lr(1e-2).alpha(0.99).centered(false).build(model.parameters());
        Optimizer adagrad = Adagrad.builder().lr(1e-2).lrDecay(0).initialAccumulatorValue(0).build(model.parameters());
        // --8<-- [end:builders]
        return List.of(sgd, adam, adamw, rmsprop, adagrad);
    }

    /** Fits y = x² with a small MLP; returns the loss of the last step. */
    static double fit(int steps) {
        // --8<-- [start:loop]
        Generator generator = new Generator(42);
        Module model = new Sequential(new Linear(1, 32, generator), new ReLU(), new Linear(32, 1, generator));
        Optimizer optimizer = Adam.builder().lr(1e-2).build(model.parameters());
        LRScheduler scheduler = new StepLR(optimizer, 100, 0.5);   // halve the lr every 100 steps
        MSELoss lossFunction = new MSELoss();
        double last = Double.NaN;
        for (int step = 0; step < steps; step++) {
            try (Scope scope = Scope.open()) {                     // frees every tensor of the step
                Tensor x = Tensor.rand(generator, 64, 1).mul(2).sub(1);   // uniform in [-1, 1)
                Tensor y = x.square();                                   // the target: x squared
                optimizer.zeroGrad();
                Tensor loss = lossFunction.forward(model.forward(x), y);
                loss.backward();
                GradClipping.clipGradNorm(model.parameters(), 1.0); // returns the norm before clipping
                optimizer.step();
                scheduler.step();                                   // stepped per batch here
                last = loss.item();
            }
        }
        model.close();                                              // frees the parameters
        // --8<-- [end:loop]
        return last;
    }

    public static void main(String[] args) {
        System.out.println("final loss " + fit(300));
    }
}
