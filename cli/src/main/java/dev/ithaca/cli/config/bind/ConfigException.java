package dev.ithaca.cli.config.bind;

import java.util.List;

/**
 * The configuration (file, {@code --set} or flags) is invalid. The message lists every problem,
 * each as {@code path: what is wrong, got what, what is allowed}.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super(format(source, problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String source, String problem) {
        this(source, List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(String source, List<String> problems) {
        if (problems.size() == 1) {
            return "invalid configuration " + source + ": " + problems.get(0);
        }
        return "invalid configuration " + source + " (" + problems.size() + " problems):\n  " + String.join("\n  ", problems);
    }
}
