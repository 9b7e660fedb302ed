package dev.ithaca.spi;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class BackendRequestTest {
    private static final UnaryOperator<String> NONE = key -> null;

    @Test
    void systemPropertyWinsOverEverything() {
        BackendRequest r = BackendRequest.resolve("cpu", lookup(BackendRequest.PROPERTY, " CUDA "), lookup(BackendRequest.ENV, "cpu"));
        assertThat(r).isEqualTo(new BackendRequest("cuda", "system property ithaca.backend"));
    }

    @Test
    void environmentWinsOverConfiguration() {
        BackendRequest r = BackendRequest.resolve("cpu", NONE, lookup(BackendRequest.ENV, "cuda"));
        assertThat(r).isEqualTo(new BackendRequest("cuda", "environment variable ITHACA_BACKEND"));
    }

    @Test
    void configurationIsUsedWhenNothingElseIsSet() {
        assertThat(BackendRequest.resolve("Cpu", NONE, NONE)).isEqualTo(new BackendRequest("cpu", "configuration"));
    }

    @Test
    void blankValuesFallThroughToAuto() {
        BackendRequest r = BackendRequest.resolve(" ", lookup(BackendRequest.PROPERTY, ""), lookup(BackendRequest.ENV, "  "));
        assertThat(r.isAuto()).isTrue();
        assertThat(r.source()).isEqualTo("default");
    }

    private static UnaryOperator<String> lookup(String key, String value) {
        return k -> Map.of(key, value).get(k);
    }
}
