package dev.ithaca.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How long and how often each benchmark runs: {@code --rounds} plus JMH options, each an option with
 * one value. A caller's options come after them and win: an option the caller gives replaces the
 * profile's ({@link #argumentsFor}). Every profile scores each side by its best measurement iteration
 * over all rounds (see {@link Measurement}).
 */
public enum BenchProfile {
    /** The main job's smoke run: every pair, matmul at the sizes with a target; about 4 minutes on 2 cores. */
    SMOKE(List.of("--rounds", "2", "-f", "1", "-wi", "1", "-w", "500ms", "-i", "2", "-r", "500ms", "-p", "n=512,1024,2048")),
    /**
     * The regression guard's default: like {@link #SMOKE}, but matmul only at n = 1024 and 2048, where a short
     * run's ratio is steady on a shared machine (at n = 512 forks fall into a fast or a slow mode).
     * Under 5 minutes on 2 cores.
     */
    QUICK(List.of("--rounds", "2", "-f", "1", "-wi", "1", "-w", "500ms", "-i", "2", "-r", "500ms", "-p", "n=1024,2048")),
    /** Three rounds of three 1 s warmups and five 1 s measurements, every size: a decisive figure, about 20 minutes on 2 cores. */
    FULL(List.of("--rounds", "3", "-f", "1", "-wi", "3", "-w", "1s", "-i", "5", "-r", "1s"));

    private final List<String> arguments;

    BenchProfile(List<String> arguments) {
        this.arguments = arguments;
    }

    /** {@code --rounds N} and the JMH options of this profile. */
    public List<String> arguments() {
        return arguments;
    }

    /**
     * The profile's options without those {@code callerArguments} give, followed by {@code callerArguments}:
     * e.g. QUICK with {@code -f 2 Matmul} runs two forks per benchmark instead of one.
     */
    public List<String> argumentsFor(List<String> callerArguments) {
        List<String> merged = new ArrayList<>();
        for (int i = 0; i + 1 < arguments.size(); i += 2) {
            if (!callerArguments.contains(arguments.get(i))) {
                merged.add(arguments.get(i));
                merged.add(arguments.get(i + 1));
            }
        }
        merged.addAll(callerArguments);
        return merged;
    }

    /** The profile called {@code name} (case-insensitive): smoke, quick or full. */
    public static BenchProfile named(String name) {
        for (BenchProfile p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown benchmark profile '" + name + "'; valid: smoke, quick, full");
    }

    /** Lower-case name, as on the command line. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
