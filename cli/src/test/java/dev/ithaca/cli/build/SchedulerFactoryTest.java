package dev.ithaca.cli.build;

import dev.ithaca.cli.config.SchedulerConfig;
import dev.ithaca.cli.config.bind.ConfigReader;
import dev.ithaca.cli.config.bind.Overrides;
import dev.ithaca.nn.Parameter;
import dev.ithaca.optim.SGD;
import dev.ithaca.tensor.Tensor;
import dev.ithaca.train.LRScheduler;
import dev.ithaca.train.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SchedulerFactoryTest {

    private static Optimizer optimizer(double lr) {
        return SGD.builder().lr(lr).build(List.of(Parameter.of("w", Tensor.of(new float[]{1}, 1))));
    }

    private static List<Double> lrs(String yaml, int totalSteps, int steps) throws Exception {
        Optimizer optimizer = optimizer(1.0);
        LRScheduler scheduler = SchedulerFactory.create(ConfigReader.read("test", yaml, new Overrides(), SchedulerConfig.class),
                optimizer, totalSteps);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            out.add(optimizer.learningRate());
            scheduler.step();
        }
        return out;
    }

    @Test
    void warmupThenCosineOverTheRestOfTheRun() throws Exception {
        // linear warmup from 0.25 over 4 steps, then a cosine whose t_max defaults to the 8 remaining steps
        List<Double> lrs = lrs("{type: sequential, schedulers: [{type: linear, start_factor: 0.25, total_iters: 4}, cosine],"
                + " milestones: [4]}", 12, 12);
        assertThat(lrs.subList(0, 4)).containsExactly(0.25, 0.4375, 0.625, 0.8125);
        for (int k = 0; k < 8; k++) {
            assertThat(lrs.get(4 + k)).as("step " + (4 + k)).isCloseTo((1 + Math.cos(Math.PI * k / 8)) / 2, within(1e-12));
        }
    }

    @Test
    void unsetLengthsSpanTheRun() throws Exception {
        assertThat(lrs("{type: cosine, eta_min: 0.1}", 10, 11).get(10)).isCloseTo(0.1, within(1e-12));
        List<Double> cycle = lrs("{type: one_cycle, max_lr: 2.0, pct_start: 0.5, anneal_strategy: linear}", 10, 10);
        assertThat(cycle.get(0)).isCloseTo(2.0 / 25, within(1e-12));
        assertThat(cycle.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void plateauDropsAfterPatienceValidationsWithoutImprovement() throws Exception {
        Optimizer optimizer = optimizer(1.0);
        LRScheduler plateau = SchedulerFactory.create(ConfigReader.read("test", "{type: reduce_on_plateau, patience: 1, factor: 0.5}",
                new Overrides(), SchedulerConfig.class), optimizer, 10);
        plateau.step(1.0);
        plateau.step(1.0);
        plateau.step(1.0);
        assertThat(optimizer.learningRate()).isEqualTo(0.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{type: step, step_size: 2, gamma: 0.5}", "{type: multi_step, milestones: [1, 3], gamma: 0.5}",
            "{type: exponential, gamma: 0.5}", "{type: cosine, t_max: 4}", "{type: linear, start_factor: 0.5, total_iters: 2}",
            "{type: constant, factor: 0.5, total_iters: 2}", "{type: warmup, warmup_steps: 2}",
            "{type: one_cycle, max_lr: 1.0, total_steps: 6, three_phase: true}",
            "{type: sequential, schedulers: [{type: warmup, warmup_steps: 2}, {type: exponential, gamma: 0.5}], milestones: [2]}"})
    void everyScheduleChangesTheLearningRate(String yaml) throws Exception {
        List<Double> lrs = lrs(yaml, 6, 6);
        assertThat(lrs.stream().distinct().count()).as(lrs.toString()).isGreaterThan(1);
    }

    @Test
    void stepScheduleMatchesItsClosedForm() throws Exception {
        assertThat(lrs("{type: step, step_size: 2, gamma: 0.5}", 6, 6)).containsExactly(1.0, 1.0, 0.5, 0.5, 0.25, 0.25);
        assertThat(lrs("{type: multi_step, milestones: [1, 3], gamma: 0.5}", 6, 5)).containsExactly(1.0, 0.5, 0.5, 0.25, 0.25);
        assertThat(lrs("{type: warmup, warmup_steps: 2}", 6, 4)).containsExactly(0.0, 0.5, 1.0, 1.0);
    }
}
