package dev.ithaca.cli.config.bind;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelled keys and values: the closest known word by Levenshtein distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The known word closest to {@code typed}, if it is close enough to be a plausible typo: at most
     * a third of the typed word's length in edits (and at least 2 allowed), ignoring case.
     */
    public static Optional<String> closest(String typed, Collection<String> known) {
        String lower = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, lower.length() / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** " did you mean 'x'?" or the empty string, to append to a message. */
    public static String didYouMean(String typed, Collection<String> known) {
        return closest(typed, known).map(s -> " Did you mean '" + s + "'?").orElse("");
    }

    /** Levenshtein distance: insertions, deletions and substitutions, each costing 1. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
