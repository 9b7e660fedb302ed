package dev.ithaca.metrics;

import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RegressionAndPerplexityTest extends CpuTest {

    @Test
    void meanSquaredAndRootMeanSquaredError() {
        // errors -0.5, 0, -2 -> squares 0.25, 0, 4
        MeanSquaredError mse = new MeanSquaredError();
        mse.update(floats(1, 2), floats(1.5f, 2));
        mse.update(floats(3), floats(5));
        assertThat(mse.compute()).isCloseTo(4.25 / 3, within(1e-12));
        MeanSquaredError rmse = MeanSquaredError.rootMeanSquared();
        rmse.update(floats(1, 2, 3), floats(1.5f, 2, 5));
        assertThat(rmse.compute()).isCloseTo(Math.sqrt(4.25 / 3), within(1e-12));
        assertThatThrownBy(() -> mse.merge(rmse)).hasMessageContaining("different settings");
    }

    @Test
    void meanAbsoluteError() {
        MeanAbsoluteError mae = new MeanAbsoluteError();
        mae.update(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), Tensor.of(new float[] {1.5f, 2, 5, 3}, 2, 2));
        // 0.5 + 0 + 2 + 1
        assertThat(mae.compute()).isCloseTo(3.5 / 4, within(1e-12));
        assertThat(new MeanAbsoluteError().compute()).isNaN();
    }

    @Test
    void regressionBadInputs() {
        assertThatThrownBy(() -> new MeanSquaredError().update(floats(1, 2), floats(1)))
                .hasMessageContaining("MeanSquaredError").hasMessageContaining("[2]").hasMessageContaining("[1]");
        assertThatThrownBy(() -> new MeanAbsoluteError().update(floats(1), null)).hasMessageContaining("targets must not be null");
        assertThatThrownBy(() -> new MeanAbsoluteError().update(Tensor.of(new boolean[] {true}, 1), floats(1)))
                .hasMessageContaining("numeric");
    }

    @Test
    void perplexityFromTwoDimensionalLogits() {
        // probabilities 1/2 and 1/4 for the targets: exp((ln 2 + ln 4) / 2) = 2^1.5
        Tensor logits = scores(row(Math.log(0.5), Math.log(0.25), Math.log(0.25)), row(Math.log(0.5), Math.log(0.25), Math.log(0.25)));
        Perplexity ppl = new Perplexity();
        ppl.update(logits, longs(0, 1));
        assertThat(ppl.compute()).isCloseTo(Math.pow(2, 1.5), within(1e-5));
    }

    @Test
    void perplexityIgnoresPaddingTokens() {
        // tokens: p(target) = 1/2, ignored, 1/2 -> exp(ln 2) = 2; the ignored token's logit for class 0 is -inf
        float inf = Float.NEGATIVE_INFINITY;
        float h = (float) Math.log(0.5);
        float q = (float) Math.log(0.25);
        Tensor logits = Tensor.of(new float[] {h, q, q, inf, 0, 0, q, h, q}, 1, 3, 3);
        Perplexity ppl = Perplexity.ignoring(-100);
        ppl.update(logits, Tensor.of(new long[] {0, -100, 1}, 1, 3));
        assertThat(ppl.compute()).isCloseTo(2.0, within(1e-5));
        Perplexity counted = new Perplexity();
        counted.update(logits, Tensor.of(new long[] {0, 1, 1}, 1, 3));
        // the middle token now counts with p = 1/2 too
        assertThat(counted.compute()).isCloseTo(2.0, within(1e-5));
        assertThat(new Perplexity().compute()).isNaN();
    }

    @Test
    void perplexityBadInputs() {
        Perplexity ppl = Perplexity.ignoring(-100);
        assertThatThrownBy(() -> ppl.update(floats(1, 2), longs(0))).hasMessageContaining("Perplexity: logits must be");
        assertThatThrownBy(() -> ppl.update(scores(row(1, 2)), longs(0, 1))).hasMessageContaining("of shape [1]");
        assertThatThrownBy(() -> ppl.update(scores(row(1, 2)), floats(0))).hasMessageContaining("integer class indices");
        assertThatThrownBy(() -> ppl.update(scores(row(1, 2)), longs(2))).hasMessageContaining("target 2 at flat index 0")
                .hasMessageContaining("ignore index -100");
        assertThatThrownBy(() -> ppl.merge(new Perplexity())).hasMessageContaining("different settings");
    }
}
