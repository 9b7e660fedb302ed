package dev.ithaca.optim;

import dev.ithaca.nn.Parameter;
import dev.ithaca.optim.Reference.Precision;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The trajectory checks every optimizer runs, over the settings its subclass lists in a static
 * {@code cases()} method: fixed gradient sequences and a small quadratic minimized with autograd,
 * in FLOAT32 and FLOAT64, against {@link Reference} after every step; and a mid-run state-dict
 * round trip that must continue bit for bit.
 */
abstract class OptimizerTrajectoryTest extends CpuTestBase {
    static final long[][] SHAPES = {{7}, {2, 3}};
    static final int STEPS = 12;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsFixedGradientsInFloat32(Case c) {
        fixedGradients(c, Precision.FLOAT32);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsFixedGradientsInFloat64(Case c) {
        fixedGradients(c, Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void minimizesQuadraticLikeReference(Case c) {
        quadratic(c, Precision.FLOAT32);
        quadratic(c, Precision.FLOAT64);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resumesBitIdenticallyFromStateDict(Case c) {
        List<Parameter> original = params(Precision.FLOAT32);
        BaseOptimizer running = own(c.build().apply(original));
        for (int step = 1; step <= 5; step++) {
            setGrads(original, step, Precision.FLOAT32);
            running.step();
        }
        Map<String, Object> saved = running.stateDict();
        List<Parameter> copies = new ArrayList<>();
        for (int i = 0; i < original.size(); i++) {
            copies.add(param("copy" + i, original.get(i).dtype(), values(original.get(i)), original.get(i).shape()));
        }
        BaseOptimizer resumed = own(c.build().apply(copies));
        resumed.loadStateDict(saved);
        for (int step = 6; step <= STEPS; step++) {
            setGrads(original, step, Precision.FLOAT32);
            setGrads(copies, step, Precision.FLOAT32);
            running.step();
            resumed.step();
            for (int i = 0; i < original.size(); i++) {
                assertThat(copies.get(i).toFloatArray()).as("%s, param %d after step %d", c, i, step)
                        .containsExactly(original.get(i).toFloatArray());
            }
        }
    }

    private void fixedGradients(Case c, Precision q) {
        List<Parameter> params = params(q);
        List<double[]> expected = new ArrayList<>();
        List<Reference.Optimizer> references = new ArrayList<>();
        for (Parameter p : params) {
            expected.add(values(p));
            references.add(c.reference().apply(q));
        }
        BaseOptimizer optimizer = own(c.build().apply(params));
        for (int step = 1; step <= STEPS; step++) {
            setGrads(params, step, q);
            optimizer.step();
            for (int i = 0; i < params.size(); i++) {
                references.get(i).step(expected.get(i), grad(step, i, expected.get(i).length, q));
                assertClose(c + " " + q + ", param " + i + " after step " + step, values(params.get(i)), expected.get(i), q);
            }
        }
    }

    /** f(x) = sum of 0.5 * a * (x - c)^2 per parameter; the reference computes its own gradients a * (x - c). */
    private void quadratic(Case c, Precision q) {
        List<Parameter> params = params(q);
        List<double[]> expected = new ArrayList<>();
        List<Reference.Optimizer> references = new ArrayList<>();
        List<double[]> scales = new ArrayList<>();
        List<double[]> centres = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            int n = (int) params.get(i).numel();
            expected.add(values(params.get(i)));
            references.add(c.reference().apply(q));
            scales.add(uniform(new Random(500 + i), n, 0.5, 3, q));
            centres.add(uniform(new Random(600 + i), n, -1, 1, q));
        }
        BaseOptimizer optimizer = own(c.build().apply(params));
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 1; step <= 15; step++) {
            optimizer.zeroGrad();
            Tensor loss = Tensor.scalar(0, q.dtype);
            for (int i = 0; i < params.size(); i++) {
                Parameter p = params.get(i);
                Tensor a = tensor(q.dtype, scales.get(i), p.shape());
                Tensor centre = tensor(q.dtype, centres.get(i), p.shape());
                loss = loss.add(p.sub(centre).square().mul(a).sum().mul(0.5));
            }
            loss.backward();
            last = loss.item();
            first = step == 1 ? last : first;
            optimizer.step();
            for (int i = 0; i < params.size(); i++) {
                double[] x = expected.get(i);
                double[] g = new double[x.length];
                for (int k = 0; k < x.length; k++) {
                    g[k] = q.r(scales.get(i)[k] * q.r(x[k] - centres.get(i)[k]));
                }
                references.get(i).step(x, g);
                assertClose(c + " quadratic " + q + ", param " + i + " after step " + step, values(params.get(i)), x, q);
            }
        }
        if (!c.name().contains("maximize")) {
            assertThat(last).as("%s: loss after 15 steps", c).isLessThan(first);
        }
    }

    /** Two parameters, a vector and a matrix, with values in [-2, 2]. */
    private List<Parameter> params(Precision q) {
        List<Parameter> params = new ArrayList<>();
        for (int i = 0; i < SHAPES.length; i++) {
            int n = (int) Arrays.stream(SHAPES[i]).reduce(1, (x, y) -> x * y);
            params.add(param("p" + i, q.dtype, uniform(new Random(10 + i), n, -2, 2, q), SHAPES[i]));
        }
        return params;
    }

    private static void setGrads(List<Parameter> params, int step, Precision q) {
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            p.setGrad(tensor(q.dtype, grad(step, i, (int) p.numel(), q), p.shape()));
        }
    }

    /** A fixed gradient per (step, parameter): mostly in [-1, 1], some tiny, one exact zero. */
    static double[] grad(int step, int index, int n, Precision q) {
        double[] g = uniform(new Random(1000L * step + index), n, -1, 1, q);
        g[(step + index) % n] = 0;
        g[(step * 3 + index + 1) % n] = q.r(g[(step * 3 + index + 1) % n] * 1e-3);
        return g;
    }

    static double[] uniform(Random random, int n, double low, double high, Precision q) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = q.r(low + (high - low) * random.nextDouble());
        }
        return out;
    }

    /** Within 1e-6 (FLOAT32) or 1e-12 (FLOAT64) of the expected value, relative to max(|expected|, 1e-3). */
    static void assertClose(String what, double[] actual, double[] expected, Precision q) {
        double rel = q == Precision.FLOAT32 ? 1e-6 : 1e-12;
        for (int i = 0; i < expected.length; i++) {
            double tolerance = rel * Math.max(Math.abs(expected[i]), 1e-3);
            if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i] + " (tolerance " + tolerance
                        + ")\nactual   " + Arrays.toString(actual) + "\nexpected " + Arrays.toString(expected));
            }
        }
    }
}
