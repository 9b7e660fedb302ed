package dev.ithaca.models;

import dev.ithaca.nn.GELU;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GptConfigTest {

    @Test
    void ofGivesGpt2Defaults() {
        GptConfig config = GptConfig.of(2048, 128, 128, 4, 4);
        assertThat(config.dropout()).isZero();
        assertThat(config.gelu()).isEqualTo(GELU.Approximation.TANH);
        assertThat(config.bias()).isTrue();
        assertThat(config.headDim()).isEqualTo(32);
        assertThat(config.withDropout(0.1).withGelu(GELU.Approximation.NONE).withBias(false))
                .isEqualTo(new GptConfig(2048, 128, 128, 4, 4, 0.1, GELU.Approximation.NONE, false));
    }

    @Test
    void parameterCountFollowsTheLayout() {
        // V*d + C*d + L*(12d² + 13d) + 2d = 2048*128 + 128*128 + 4*(12*16384 + 13*128) + 2*128
        //   = 262144 + 16384 + 4*(196608 + 1664) + 256 = 278528 + 793088 + 256 = 1,071,872 (the head is tied: no extra V*d)
        assertThat(GptConfig.of(2048, 128, 128, 4, 4).parameterCount()).isEqualTo(1_071_872);
        // without biases a block keeps 12d² + 2d (the layer norms' weights), the final norm d:
        // 262144 + 16384 + 4*(196608 + 256) + 128 = 278528 + 787456 + 128 = 1,066,112
        assertThat(GptConfig.of(2048, 128, 128, 4, 4).withBias(false).parameterCount()).isEqualTo(1_066_112);
    }

    @Test
    void badSizesAreRejectedNamingTheFieldAndValue() {
        assertThatThrownBy(() -> GptConfig.of(0, 16, 8, 1, 1)).hasMessage("GptConfig: vocabSize must be >= 1, got 0");
        assertThatThrownBy(() -> GptConfig.of(10, -1, 8, 1, 1)).hasMessage("GptConfig: contextLength must be >= 1, got -1");
        assertThatThrownBy(() -> GptConfig.of(10, 16, 0, 1, 1)).hasMessage("GptConfig: dModel must be >= 1, got 0");
        assertThatThrownBy(() -> GptConfig.of(10, 16, 8, 0, 1)).hasMessage("GptConfig: numLayers must be >= 1, got 0");
        assertThatThrownBy(() -> GptConfig.of(10, 16, 8, 1, 0)).hasMessage("GptConfig: numHeads must be >= 1, got 0");
        assertThatThrownBy(() -> GptConfig.of(10, 16, 130, 1, 4))
                .hasMessage("GptConfig: dModel (130) must be divisible by numHeads (4); e.g. dModel=132 works with 4 heads");
        assertThatThrownBy(() -> GptConfig.of(10, 16, 8, 1, 1).withDropout(1.0))
                .hasMessage("GptConfig: dropout must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> GptConfig.of(10, 16, 8, 1, 1).withDropout(-0.1))
                .hasMessage("GptConfig: dropout must be in [0, 1), got -0.1");
        assertThatThrownBy(() -> GptConfig.of(10, 16, 8, 1, 1).withGelu(null)).hasMessageContaining("gelu");
    }
}
