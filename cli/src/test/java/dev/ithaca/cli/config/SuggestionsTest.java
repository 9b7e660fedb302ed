package dev.ithaca.cli.config;

import dev.ithaca.cli.config.bind.Suggestions;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {

    @Test
    void distanceCountsEdits() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("lr", "lrr")).isEqualTo(1);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void suggestsOnlyPlausibleTypos() {
        List<String> keys = List.of("lr", "betas", "eps", "weight_decay", "amsgrad");
        assertThat(Suggestions.closest("weight-decay", keys)).contains("weight_decay");
        assertThat(Suggestions.closest("Betas", keys)).contains("betas");
        assertThat(Suggestions.closest("momentum", keys)).isEmpty();
    }

    @Property
    void distanceIsAMetric(@ForAll @AlphaChars @StringLength(max = 12) String a, @ForAll @AlphaChars @StringLength(max = 12) String b,
                           @ForAll @AlphaChars @StringLength(max = 12) String c) {
        assertThat(Suggestions.distance(a, a)).isZero();
        assertThat(Suggestions.distance(a, b)).isEqualTo(Suggestions.distance(b, a));
        assertThat(Suggestions.distance(a, c)).isLessThanOrEqualTo(Suggestions.distance(a, b) + Suggestions.distance(b, c));
        assertThat(Suggestions.distance(a, b)).isBetween(Math.abs(a.length() - b.length()), Math.max(a.length(), b.length()));
    }
}
