package dev.ithaca.examples.docs;

import dev.ithaca.nn.Parameter;
import dev.ithaca.optim.AdamW;
import dev.ithaca.optim.SGD;
import dev.ithaca.schedule.CosineAnnealingLR;
import dev.ithaca.schedule.LinearLR;
import dev.ithaca.schedule.OneCycleLR;
import dev.ithaca.schedule.ReduceLROnPlateau;
import dev.ithaca.schedule.SequentialLR;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.LRScheduler;
import dev.ithaca.train.Optimizer;

import java.util.ArrayList;
import java.util.List;

/** docs/modules/schedulers.md and docs/hyperparameters.md: learning-rate schedules. */
public final class Schedules {
    private Schedules() {
    }

    private static List<Parameter> parameters() {
        return List.of(Parameter.of("w", Tensor.zeros(4)));
    }

    /** The learning rate of each of {@code epochs} epochs under linear warmup then cosine decay. */
    static List<Double> warmupThenCosine(int epochs) {
        List<Parameter> params = parameters();
        // --8<-- [start:warmup-cosine]
        Optimizer optimizer = AdamW.builder().lr(3e-4).weightDecay(0.1).build(params);
        int warmup = 5;
        LRScheduler warmupPhase = new LinearLR(optimizer, 0.01, 1.0, warmup);               // 1% -> 100% of 3e-4
        LRScheduler decayPhase = new CosineAnnealingLR(optimizer, epochs - warmup, 3e-5);  // then down to 10%
        LRScheduler schedule = new SequentialLR(optimizer, List.of(warmupPhase, decayPhase), new int[]{warmup});
        List<Double> lrs = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            lrs.add(optimizer.learningRate());   // train one epoch with this rate ...
            schedule.step();                     // ... then advance the schedule
        }
        // --8<-- [end:warmup-cosine]
        return lrs;
    }

    /** The learning rate after a plateau of validation losses. */
    static double plateau() {
        List<Parameter> params = parameters();
        // --8<-- [start:plateau]
        Optimizer optimizer = SGD.builder().lr(0.1).momentum(0.9).build(params);
        ReduceLROnPlateau plateau = ReduceLROnPlateau.builder(optimizer)
                .mode("min").factor(0.5).patience(2).threshold(1e-4).build();
        for (double valLoss : new double[]{1.0, 0.8, 0.8, 0.8, 0.8}) {
            plateau.step(valLoss);              // the monitored value, once per validation
        }
        System.out.println(plateau.lastLr());   // 0.05: three epochs without improvement > patience 2
        // --8<-- [end:plateau]
        return plateau.lastLr();
    }

    /** The peak and final learning rate of a one-cycle schedule stepped per batch. */
    static double[] oneCycle(int totalSteps) {
        List<Parameter> params = parameters();
        // --8<-- [start:one-cycle]
        Optimizer optimizer = SGD.builder().lr(0.1).momentum(0.9).build(params);
        OneCycleLR oneCycle = OneCycleLR.builder(optimizer, 0.1, totalSteps)   // peak lr, steps in the whole run
                .pctStart(0.3).annealStrategy("cos").divFactor(25).finalDivFactor(1e4).build();
        double peak = 0;
        for (int step = 0; step < totalSteps; step++) {
            peak = Math.max(peak, optimizer.learningRate());   // train one batch with this rate ...
            if (step < totalSteps - 1) {
                oneCycle.step();               // ... then advance: once per batch, totalSteps - 1 times
            }
        }
        // --8<-- [end:one-cycle]
        return new double[]{peak, optimizer.learningRate()};
    }

    public static void main(String[] args) {
        System.out.println(warmupThenCosine(20));
        System.out.println(plateau());
        double[] cycle = oneCycle(100);
        System.out.println("one-cycle peak " + cycle[0] + ", final " + cycle[1]);
    }
}
