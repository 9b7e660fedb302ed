package dev.ithaca.metrics;

import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatefulMetricTest extends CpuTest {

    /** A user-written metric: declares its state once, writes only accumulateBatch and compute. */
    static final class SumOfTargets extends StatefulMetric<Double> {
        private final MetricState total = addState("total", DType.FLOAT64, StateReduction.SUM);
        private final MetricState largest = addState("largest", DType.FLOAT64, StateReduction.MAX, 2);

        SumOfTargets() {
            super("SumOfTargets");
        }

        @Override
        protected void accumulateBatch(Tensor predictions, Tensor targets) {
            accumulate(total, targets.sum());
            accumulate(largest, Tensor.stack(List.of(predictions.max(), targets.max()), 0));
        }

        @Override
        protected Object config() {
            return "sum";
        }

        @Override
        public Double compute() {
            return doubles(total)[0];
        }

        double[] largest() {
            return doubles(largest);
        }
    }

    @Test
    void subclassGetsResetMergeAndStateDictForFree() {
        SumOfTargets a = new SumOfTargets();
        assertThat(a.largest()).containsExactly(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
        a.update(floats(1, 9), floats(2, 3));
        SumOfTargets b = new SumOfTargets();
        b.update(floats(4), floats(10));
        a.merge(b);
        assertThat(a.compute()).isEqualTo(15.0);
        assertThat(a.largest()).containsExactly(9, 10);
        assertThat(a.stateDict()).isEqualTo(Map.of("total", 15.0, "largest", List.of(9.0, 10.0)));
        SumOfTargets c = new SumOfTargets();
        c.loadStateDict(a.stateDict());
        assertThat(c.largest()).containsExactly(9, 10);
        a.reset();
        assertThat(a.compute()).isZero();
        assertThat(a.stateDict()).isEqualTo(Map.of("total", 0.0, "largest", List.of(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY)));
    }

    @Test
    void mergingAFreshMetricChangesNothingAndAFreshOneAdoptsTheOther() {
        SumOfTargets a = new SumOfTargets();
        a.update(floats(1), floats(2));
        a.merge(new SumOfTargets());
        assertThat(a.compute()).isEqualTo(2.0);
        SumOfTargets fresh = new SumOfTargets();
        fresh.merge(a);
        assertThat(fresh.compute()).isEqualTo(2.0);
        a.update(floats(1), floats(1));
        assertThat(fresh.compute()).isEqualTo(2.0);
    }

    @Test
    void declarationsAreChecked() {
        class Bad extends StatefulMetric<Double> {
            Bad(DType dtype, StateReduction reduction, boolean twice) {
                super("Bad");
                addState("x", dtype, reduction);
                if (twice) {
                    addState("x", dtype, reduction);
                }
            }

            @Override
            protected void accumulateBatch(Tensor predictions, Tensor targets) {
            }

            @Override
            protected Object config() {
                return "";
            }

            @Override
            public Double compute() {
                return 0.0;
            }
        }
        assertThatThrownBy(() -> new Bad(DType.FLOAT32, StateReduction.SUM, false)).hasMessageContaining("must be INT64 or FLOAT64, got FLOAT32");
        assertThatThrownBy(() -> new Bad(DType.INT64, StateReduction.MIN, false)).hasMessageContaining("must be FLOAT64");
        assertThatThrownBy(() -> new Bad(DType.INT64, StateReduction.SUM, true)).hasMessageContaining("declared twice");
    }

    @Test
    void loadStateDictRejectsWrongKeysSizesAndTypes() {
        Accuracy acc = Accuracy.multiclass(3);
        Map<String, Object> good = new HashMap<>(acc.stateDict());
        assertThat(good).containsOnlyKeys("truePositives", "predicted", "support");

        Map<String, Object> missing = new HashMap<>(good);
        missing.remove("support");
        assertThatThrownBy(() -> acc.loadStateDict(missing)).hasMessageContaining("Accuracy").hasMessageContaining("missing [support]");

        Map<String, Object> extra = new HashMap<>(good);
        extra.put("bogus", 1);
        assertThatThrownBy(() -> acc.loadStateDict(extra)).hasMessageContaining("unexpected [bogus]");

        Map<String, Object> wrongSize = new HashMap<>(good);
        wrongSize.put("support", List.of(1L, 2L));
        assertThatThrownBy(() -> acc.loadStateDict(wrongSize)).hasMessageContaining("needs 3 values for shape [3], got 2");

        Map<String, Object> fractional = new HashMap<>(good);
        fractional.put("support", List.of(1L, 2.5, 0L));
        assertThatThrownBy(() -> acc.loadStateDict(fractional)).hasMessageContaining("whole numbers, got 2.5");

        // JSON readers may hand back integers as Integer or whole Doubles
        Map<String, Object> json = Map.of("truePositives", List.of(1, 0, 0), "predicted", List.of(1.0, 1.0, 0.0),
                "support", List.of(1, 1, 0));
        acc.loadStateDict(json);
        assertThat(acc.compute()).isEqualTo(0.5);
    }

    @Test
    void loadedStateKeepsAccumulating() {
        Accuracy a = Accuracy.multiclass(2);
        a.update(longs(0, 1), longs(0, 0));
        Accuracy b = Accuracy.multiclass(2);
        b.loadStateDict(a.stateDict());
        b.update(longs(1), longs(1));
        assertThat(b.compute()).isEqualTo(2.0 / 3);
    }

    @Test
    void scalarStatesRoundTripAsNumbers() {
        MeanSquaredError mse = new MeanSquaredError();
        mse.update(floats(0.1f, 0.2f), floats(0.3f, 0.7f));
        Map<String, Object> state = mse.stateDict();
        assertThat(state.get("count")).isEqualTo(2L);
        assertThat(state.get("sumSquaredError")).isInstanceOf(Double.class);
        MeanSquaredError copy = new MeanSquaredError();
        copy.loadStateDict(state);
        assertThat(copy.compute()).isEqualTo(mse.compute());
    }
}
