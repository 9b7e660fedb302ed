package dev.ithaca.cli.config.bind;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects config problems, each as {@code path: message}, so one run reports every mistake at
 * once instead of one per attempt. A {@link #at(String) scoped} view prefixes its own path.
 */
public final class Problems {
    /** One problem: where ({@code optimizer.lr}, {@code ""} for the root) and what. */
    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return (path.isEmpty() ? "(root)" : path) + ": " + message;
        }
    }

    private final List<Problem> messages;
    private final String prefix;

    public Problems() {
        this(new ArrayList<>(), "");
    }

    private Problems(List<Problem> messages, String prefix) {
        this.messages = messages;
        this.prefix = prefix;
    }

    /** A view that reports under {@code key}, relative to this view's path. */
    public Problems at(String key) {
        return new Problems(messages, join(prefix, key));
    }

    /** The path this view reports under ({@code ""} at the root). */
    public String path() {
        return prefix;
    }

    /** Reports {@code message} for {@code key} below this view's path. */
    public void add(String key, String message) {
        messages.add(new Problem(join(prefix, key), message));
    }

    /** Reports {@code message} for this view's own path. */
    public void add(String message) {
        add("", message);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public int size() {
        return messages.size();
    }

    public List<Problem> problems() {
        return List.copyOf(messages);
    }

    /** Throws a {@link ConfigException} listing every problem, if there are any. */
    public void throwIfAny(String source) throws ConfigException {
        if (!messages.isEmpty()) {
            throw new ConfigException(source, messages.stream().map(Problem::toString).toList());
        }
    }

    static String join(String prefix, String key) {
        if (key.isEmpty()) {
            return prefix;
        }
        if (prefix.isEmpty()) {
            return key;
        }
        return key.startsWith("[") ? prefix + key : prefix + "." + key;
    }
}
