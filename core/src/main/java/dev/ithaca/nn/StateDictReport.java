package dev.ithaca.nn;

import java.util.List;
import java.util.Objects;

/**
 * How a state dict matched a module, as PyTorch's {@code _IncompatibleKeys}: keys the module has but
 * the state dict lacks, keys the state dict has but the module lacks, and tensors whose shapes differ
 * (each written {@code name: expected [10, 784], got [784, 10]}).
 */
public record StateDictReport(List<String> missingKeys, List<String> unexpectedKeys, List<String> shapeMismatches) {

    public StateDictReport {
        missingKeys = List.copyOf(Objects.requireNonNull(missingKeys, "missingKeys"));
        unexpectedKeys = List.copyOf(Objects.requireNonNull(unexpectedKeys, "unexpectedKeys"));
        shapeMismatches = List.copyOf(Objects.requireNonNull(shapeMismatches, "shapeMismatches"));
    }

    /** True when every key matched with the right shape. */
    public boolean isClean() {
        return missingKeys.isEmpty() && unexpectedKeys.isEmpty() && shapeMismatches.isEmpty();
    }

    /** One line per kind of problem, listing every key; empty when clean. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        append(text, "missing keys", missingKeys);
        append(text, "unexpected keys", unexpectedKeys);
        append(text, "shape mismatches", shapeMismatches);
        return text.toString();
    }

    private static void append(StringBuilder text, String what, List<String> items) {
        if (!items.isEmpty()) {
            text.append("\n  ").append(what).append(" (").append(items.size()).append("): ")
                    .append(String.join(", ", items));
        }
    }
}
