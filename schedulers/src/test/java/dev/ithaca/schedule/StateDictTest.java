package dev.ithaca.schedule;

import dev.ithaca.train.LRScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateDictTest {

    private static final int TOTAL = 60;

    private static Stream<Arguments> schedulers() {
        Map<String, Function<FakeOptimizer, LRScheduler>> all = new LinkedHashMap<>();
        all.put("StepLR", o -> new StepLR(o, 7, 0.5));
        all.put("MultiStepLR", o -> new MultiStepLR(o, new int[]{10, 20, 40}, 0.3));
        all.put("ExponentialLR", o -> new ExponentialLR(o, 0.93));
        all.put("CosineAnnealingLR", o -> new CosineAnnealingLR(o, 10, 0.001));
        all.put("LinearLR", o -> new LinearLR(o, 0.25, 1.0, 8));
        all.put("ConstantLR", o -> new ConstantLR(o, 0.5, 4));
        all.put("WarmupLR", o -> new WarmupLR(o, 9));
        all.put("OneCycleLR", o -> OneCycleLR.builder(o, 0.1, TOTAL).pctStart(0.3).annealStrategy("cos")
                .divFactor(25).finalDivFactor(1e4).threePhase(true).maxLrs(0.1, 0.3).build());
        all.put("SequentialLR", o -> new SequentialLR(o, List.of(new LinearLR(o, 0.1, 1.0, 5),
                new CosineAnnealingLR(o, 12, 0.002), new StepLR(o, 3, 0.8)), new int[]{5, 30}));
        all.put("ReduceLROnPlateau", o -> ReduceLROnPlateau.builder(o).mode("min").factor(0.5).patience(2)
                .threshold(1e-3).thresholdMode("abs").cooldown(1).minLrs(1e-4, 1e-3).build());
        List<Arguments> args = new ArrayList<>();
        all.forEach((name, factory) -> {
            for (int resumeAt : new int[]{0, 3, 17, 33}) {
                args.add(Arguments.of(name, factory, resumeAt));
            }
        });
        return args.stream();
    }

    /** A metric with plateaus, for ReduceLROnPlateau; the others ignore it. */
    private static double metric(int epoch) {
        return epoch % 9 == 0 ? 1.0 - epoch * 0.01 : 1.0;
    }

    private static double[][] continueFor(LRScheduler scheduler, FakeOptimizer opt, int from, int to) {
        double[][] rows = new double[to - from][];
        for (int e = from; e < to; e++) {
            scheduler.step(metric(e));
            rows[e - from] = opt.lrs();
            assertThat(scheduler.lastLrs()).containsExactly(rows[e - from][0], rows[e - from][1]);
        }
        return rows;
    }

    @ParameterizedTest(name = "{0} resumed after {2} steps")
    @MethodSource("schedulers")
    void aFreshSchedulerOnAFreshOptimizerContinuesIdentically(String name, Function<FakeOptimizer, LRScheduler> factory,
                                                               int resumeAt) {
        var opt = new FakeOptimizer(0.1, 0.05);
        LRScheduler scheduler = factory.apply(opt);
        continueFor(scheduler, opt, 0, resumeAt);
        Map<String, Object> schedulerState = scheduler.stateDict();
        Map<String, Object> optimizerState = opt.stateDict();
        Trace.assertPlainData(schedulerState);
        double[][] original = continueFor(scheduler, opt, resumeAt, TOTAL);

        var freshOpt = new FakeOptimizer(0.1, 0.05);
        LRScheduler fresh = factory.apply(freshOpt);
        freshOpt.loadStateDict(optimizerState);
        @SuppressWarnings("unchecked")
        Map<String, ?> asJson = (Map<String, ?>) Trace.jsonLike(schedulerState);
        fresh.loadStateDict(asJson);
        assertThat(fresh.lastLrs()).isEqualTo(schedulerState.get("last_lr"));
        assertThat(fresh.stateDict()).isEqualTo(schedulerState);
        assertThat(continueFor(fresh, freshOpt, resumeAt, TOTAL)).isDeepEqualTo(original);
    }

    @ParameterizedTest(name = "{0} rewound to step {2}")
    @MethodSource("schedulers")
    void theSameSchedulerRewoundContinuesIdentically(String name, Function<FakeOptimizer, LRScheduler> factory,
                                                     int resumeAt) {
        var opt = new FakeOptimizer(0.2, 0.6);
        LRScheduler scheduler = factory.apply(opt);
        continueFor(scheduler, opt, 0, resumeAt);
        Map<String, Object> schedulerState = scheduler.stateDict();
        Map<String, Object> optimizerState = opt.stateDict();
        double[][] original = continueFor(scheduler, opt, resumeAt, TOTAL);
        opt.loadStateDict(optimizerState);
        scheduler.loadStateDict(schedulerState);
        assertThat(continueFor(scheduler, opt, resumeAt, TOTAL)).isDeepEqualTo(original);
    }

    @Test
    void stateUsesPyTorchsNames() {
        var opt = new FakeOptimizer(0.1);
        var step = new StepLR(opt, 7, 0.5);
        step.step();
        assertThat(step.stateDict()).containsExactly(Map.entry("step_size", 7), Map.entry("gamma", 0.5),
                Map.entry("last_epoch", 1), Map.entry("base_lrs", List.of(0.1)), Map.entry("last_lr", List.of(0.1)));
        var plateau = ReduceLROnPlateau.builder(opt).minLr(0.001).build();
        plateau.step(2.0);
        assertThat(plateau.stateDict()).containsEntry("best", 2.0).containsEntry("num_bad_epochs", 0)
                .containsEntry("cooldown_counter", 0).containsEntry("last_epoch", 1)
                .containsEntry("default_min_lr", 0.001);
        var sequential = new SequentialLR(opt, List.of(new ConstantLR(opt, 0.5, 2), new ExponentialLR(opt, 0.9)),
                new int[]{2});
        Map<String, Object> state = sequential.stateDict();
        assertThat(state).containsEntry("milestones", List.of(2)).containsEntry("last_epoch", 0);
        assertThat((List<?>) state.get("schedulers")).hasSize(2);
        Trace.assertPlainData(state);
    }

    @Test
    void aStateFromDifferentSettingsIsRefused() {
        var opt = new FakeOptimizer(0.1);
        Map<String, Object> state = new StepLR(opt, 7, 0.5).stateDict();
        var other = new StepLR(new FakeOptimizer(0.1), 7, 0.1);
        assertThatThrownBy(() -> other.loadStateDict(state)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gamma=0.5").hasMessageContaining("gamma=0.1");
        var plateauState = ReduceLROnPlateau.builder(opt).patience(3).build().stateDict();
        assertThatThrownBy(() -> ReduceLROnPlateau.builder(opt).patience(4).build().loadStateDict(plateauState))
                .hasMessageContaining("patience=3").hasMessageContaining("patience=4");
        var seqState = new SequentialLR(opt, List.of(new StepLR(opt, 2, 0.5), new StepLR(opt, 3, 0.5)),
                new int[]{4}).stateDict();
        var seq = new SequentialLR(opt, List.of(new StepLR(opt, 2, 0.5), new StepLR(opt, 3, 0.5)), new int[]{5});
        assertThatThrownBy(() -> seq.loadStateDict(seqState)).hasMessageContaining("milestones");
    }

    @Test
    void malformedStatesAreRefusedWithoutChangingAnything() {
        var opt = new FakeOptimizer(0.1, 0.2);
        var scheduler = new ExponentialLR(opt, 0.5);
        scheduler.step();
        Map<String, Object> before = scheduler.stateDict();

        Map<String, Object> missing = new LinkedHashMap<>(before);
        missing.remove("last_epoch");
        assertThatThrownBy(() -> scheduler.loadStateDict(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'last_epoch'");
        Map<String, Object> noSetting = new LinkedHashMap<>(before);
        noSetting.remove("gamma");
        assertThatThrownBy(() -> scheduler.loadStateDict(noSetting)).hasMessageContaining("'gamma'");
        assertThatThrownBy(() -> scheduler.loadStateDict(null)).hasMessageContaining("null");
        Map<String, Object> wrongLength = new LinkedHashMap<>(before);
        wrongLength.put("base_lrs", List.of(0.1));
        assertThatThrownBy(() -> scheduler.loadStateDict(wrongLength)).hasMessageContaining("base_lrs")
                .hasMessageContaining("(2)");
        Map<String, Object> fractional = new LinkedHashMap<>(before);
        fractional.put("last_epoch", 2.5);
        assertThatThrownBy(() -> scheduler.loadStateDict(fractional)).hasMessageContaining("integer");
        Map<String, Object> negative = new LinkedHashMap<>(before);
        negative.put("last_epoch", -2);
        assertThatThrownBy(() -> scheduler.loadStateDict(negative)).hasMessageContaining("last_epoch");
        Map<String, Object> notNumber = new LinkedHashMap<>(before);
        notNumber.put("last_lr", List.of("x", 0.1));
        assertThatThrownBy(() -> scheduler.loadStateDict(notNumber)).hasMessageContaining("last_lr[0]");
        assertThat(scheduler.stateDict()).isEqualTo(before);

        var seq = new SequentialLR(opt, List.of(new StepLR(opt, 2, 0.5), new StepLR(opt, 3, 0.5)), new int[]{4});
        seq.step();
        Map<String, Object> seqBefore = seq.stateDict();
        Map<String, Object> badChild = new LinkedHashMap<>(seqBefore);
        List<Object> children = new ArrayList<>((List<?>) seqBefore.get("schedulers"));
        Map<String, Object> second = new LinkedHashMap<>(castMap(children.get(1)));
        second.remove("base_lrs");
        children.set(1, second);
        badChild.put("schedulers", children);
        Map<String, Object> changedFirst = new LinkedHashMap<>(castMap(children.get(0)));
        changedFirst.put("last_epoch", 9);
        children.set(0, changedFirst);
        assertThatThrownBy(() -> seq.loadStateDict(badChild)).hasMessageContaining("'base_lrs'");
        assertThat(seq.stateDict()).isEqualTo(seqBefore);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void infiniteBestIsSavedAsText() {
        var opt = new FakeOptimizer(0.1);
        var plateau = ReduceLROnPlateau.builder(opt).mode("max").build();
        Map<String, Object> state = plateau.stateDict();
        assertThat(state).containsEntry("best", "-Infinity");
        var fresh = ReduceLROnPlateau.builder(new FakeOptimizer(0.1)).mode("max").build();
        fresh.step(5.0);
        fresh.loadStateDict(state);
        assertThat(fresh.best()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(fresh.lastEpoch()).isZero();
    }

    @Test
    void aStateForAnotherNumberOfGroupsIsRefused() {
        var scheduler = new StepLR(new FakeOptimizer(0.1), 2, 0.5);
        var other = new StepLR(new FakeOptimizer(0.1, 0.2), 2, 0.5);
        assertThatThrownBy(() -> other.loadStateDict(scheduler.stateDict())).hasMessageContaining("base_lrs")
                .hasMessageContaining("(2)");
    }

    @Test
    void addingAGroupAfterConstructionIsReported() {
        var opt = new FakeOptimizer(0.1);
        var scheduler = new StepLR(opt, 2, 0.5);
        opt.addGroup(0.3);
        assertThatThrownBy(scheduler::step).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 parameter groups").hasMessageContaining("built for 1");
        assertThat(scheduler.lastEpoch()).isZero();
        // ReduceLROnPlateau, like PyTorch's, extends a single minLr to new groups and refuses per-group ones
        var opt2 = new FakeOptimizer(1.0);
        var plateau = ReduceLROnPlateau.builder(opt2).patience(0).factor(0.5).minLr(0.1).build();
        opt2.addGroup(2.0);
        plateau.step(1);
        plateau.step(2);
        assertThat(opt2.lrs()).containsExactly(0.5, 1.0);
        var opt3 = new FakeOptimizer(1.0);
        var perGroup = ReduceLROnPlateau.builder(opt3).patience(0).minLrs(0.1).build();
        opt3.addGroup(2.0);
        perGroup.step(1);
        assertThatThrownBy(() -> perGroup.step(2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 parameter groups").hasMessageContaining("minLrs");
    }
}
