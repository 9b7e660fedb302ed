package dev.ithaca.data.text;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusSplitTest {

    private static String numberedLines(int count) {
        return IntStream.range(0, count).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("(?<=\n)"));
    }

    @Test
    void validationIsContiguousBlocksOfWholeLines() {
        String text = numberedLines(1000);   // "line 0\n" .. "line 999\n": equal-length blocks of ~100 lines
        CorpusSplit.Parts<String> parts = new CorpusSplit(0.1, 42).withBlocks(10).split(text);

        List<String> validation = lines(parts.validation());
        int first = Integer.parseInt(validation.get(0).trim().substring(5));
        assertThat(validation).as("one block of consecutive lines")
                .containsExactlyElementsOf(IntStream.range(first, first + validation.size()).mapToObj(i -> "line " + i + "\n").toList());
        assertThat(validation.size()).isBetween(95, 105);
        List<String> all = new ArrayList<>(lines(text));
        all.removeAll(validation);
        assertThat(lines(parts.train())).isEqualTo(all);
    }

    @Test
    void theSeedChoosesTheBlocks() {
        String text = numberedLines(500);
        CorpusSplit.Parts<String> a = new CorpusSplit(0.2, 1).split(text);
        assertThat(new CorpusSplit(0.2, 1).split(text)).isEqualTo(a);
        assertThat(IntStream.range(2, 6).mapToObj(seed -> new CorpusSplit(0.2, seed).split(text).validation()))
                .anySatisfy(validation -> assertThat(validation).isNotEqualTo(a.validation()));
    }

    @Property(tries = 200)
    void bothPartsTogetherAreTheTextAndNeitherIsEmpty(@ForAll @IntRange(min = 2, max = 300) int lineCount,
                                                        @ForAll @DoubleRange(min = 0.01, max = 0.99) double fraction,
                                                        @ForAll @IntRange(min = 2, max = 150) int blocks,
                                                        @ForAll long seed) {
        String text = numberedLines(lineCount) + "no newline at the end";
        CorpusSplit.Parts<String> parts = new CorpusSplit(fraction, seed).withBlocks(blocks).split(text);

        assertThat(parts.train()).isNotEmpty();
        assertThat(parts.validation()).isNotEmpty();
        assertThat(parts.train().length() + parts.validation().length()).isEqualTo(text.length());
        List<String> merged = new ArrayList<>(lines(parts.train()));
        merged.addAll(lines(parts.validation()));
        assertThat(merged).containsExactlyInAnyOrderElementsOf(lines(text));
        // train keeps corpus order: its numbers increase
        List<String> numbered = lines(parts.train()).stream().filter(l -> l.startsWith("line ")).toList();
        assertThat(numbered).isSortedAccordingTo((x, y) -> Integer.compare(number(x), number(y)));
    }

    @Property(tries = 100)
    void theValidationShareMatchesTheFractionToWithinABlock(@ForAll @DoubleRange(min = 0.05, max = 0.95) double fraction,
                                                            @ForAll long seed) {
        int[] tokens = IntStream.range(0, 10_000).toArray();
        CorpusSplit.Parts<int[]> parts = new CorpusSplit(fraction, seed).withBlocks(20).split(tokens);
        assertThat(parts.train().length + parts.validation().length).isEqualTo(tokens.length);
        assertThat((double) parts.validation().length / tokens.length).isCloseTo(fraction, org.assertj.core.data.Offset.offset(0.5 / 20 + 1e-9));
        int[] merged = IntStream.concat(IntStream.of(parts.train()), IntStream.of(parts.validation())).sorted().toArray();
        assertThat(merged).isEqualTo(tokens);
        assertThat(parts.train()).isSorted();
        assertThat(parts.validation()).isSorted();
    }

    @Test
    void documentsStayWhole() {
        List<String> documents = IntStream.range(0, 40).mapToObj(i -> "document " + i + " ".repeat(i % 7)).toList();
        CorpusSplit.Parts<List<String>> parts = new CorpusSplit(0.25, 9).withBlocks(8).splitDocuments(documents);
        assertThat(parts.validation()).isNotEmpty();
        List<String> all = new ArrayList<>(documents);
        all.removeAll(parts.validation());
        assertThat(parts.train()).isEqualTo(all);
        assertThat(parts.validation()).isSubsetOf(documents);
        assertThat(parts.train().size() + parts.validation().size()).isEqualTo(40);
    }

    @Test
    void aShortInputGivesFewerBlocks() {
        CorpusSplit.Parts<String> parts = new CorpusSplit(0.5, 0).split("first\nsecond\n");
        assertThat(List.of(parts.train(), parts.validation())).containsExactlyInAnyOrder("first\n", "second\n");
    }

    @Test
    void rejectsWhatCannotBeSplit() {
        CorpusSplit split = new CorpusSplit(0.1, 0);
        assertThatThrownBy(() -> split.split("one line without a break"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 line").hasMessageContaining("at least 2 lines");
        assertThatThrownBy(() -> split.split(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 lines");
        assertThatThrownBy(() -> split.split(new int[] {5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 token");
        assertThatThrownBy(() -> split.splitDocuments(List.of("only")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 document");
        assertThatThrownBy(() -> split.splitDocuments(Arrays.asList("a", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("documents[1] is null");
        for (double bad : new double[] {0, 1, -0.5, Double.NaN}) {
            assertThatThrownBy(() -> new CorpusSplit(bad, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validationFraction").hasMessageContaining(String.valueOf(bad));
        }
        assertThatThrownBy(() -> split.withBlocks(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blocks must be >= 2").hasMessageContaining("got 1");
    }

    private static int number(String line) {
        return Integer.parseInt(line.trim().substring(5));
    }
}
