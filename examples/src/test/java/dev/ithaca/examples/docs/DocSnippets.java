package dev.ithaca.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The link between the Markdown docs and the example sources. A region of a Java source is marked
 * with {@code // --8<-- [start:name]} and {@code // --8<-- [end:name]}; a {@code ```java} block in a
 * doc names its source on its first line, {@code // from: examples/src/main/java/.../X.java#name},
 * and must hold exactly that region, de-indented. {@link #sync} rewrites the blocks from the sources.
 */
final class DocSnippets {
    private static final Pattern MARKER = Pattern.compile("^\\s*// --8<-- \\[(start|end):([\\w-]+)]\\s*$");
    private static final Pattern FROM = Pattern.compile("^// from: (\\S+)#([\\w-]+)$");
    private static final String FENCE_OPEN = "```java";
    private static final String FENCE_CLOSE = "```";

    private final Path root;

    /** @param root the repository root: docs/ and the paths in {@code // from:} lines are relative to it */
    DocSnippets(Path root) {
        this.root = root;
    }

    /** The repository root, found upwards from the working directory (Maven runs tests in the module folder). */
    static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("pom.xml"))
                && Files.isDirectory(dir.resolve("examples")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root with docs/, examples/ and pom.xml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** One {@code ```java} block of a doc. */
    record Block(Path doc, int line, String source, String region, String body) {
        String where() {
            return doc + ":" + line + " (" + source + "#" + region + ")";
        }
    }

    /** Every Markdown file under docs/, sorted. */
    List<Path> docs() {
        try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The java blocks of {@code doc}; a block without a valid {@code // from:} first line is reported in {@code problems}. */
    List<Block> blocks(Path doc, List<String> problems) {
        List<String> lines = read(doc);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals(FENCE_OPEN)) {
                continue;
            }
            int open = i;
            int close = open + 1;
            while (close < lines.size() && !lines.get(close).strip().equals(FENCE_CLOSE)) {
                close++;
            }
            if (close == lines.size()) {
                problems.add(root.relativize(doc) + ":" + (open + 1) + ": ```java block is never closed");
                break;
            }
            Matcher from = open + 1 < close ? FROM.matcher(lines.get(open + 1).strip()) : FROM.matcher("");
            if (!from.matches()) {
                problems.add(root.relativize(doc) + ":" + (open + 1)
                        + ": ```java block must start with '// from: examples/src/.../File.java#region'");
            } else {
                String body = String.join("\n", lines.subList(open + 2, close));
                blocks.add(new Block(root.relativize(doc), open + 1, from.group(1), from.group(2), body));
            }
            i = close;
        }
        return blocks;
    }

    /** The marked regions of a source file, de-indented, by name. Nested markers are left out of the text. */
    Map<String, String> regions(String source) {
        Path file = root.resolve(source);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no source file " + source + " (relative to " + root + ")");
        }
        List<String> lines = read(file);
        Map<String, Integer> open = new LinkedHashMap<>();
        Map<String, String> regions = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i));
            if (!marker.matches()) {
                continue;
            }
            String name = marker.group(2);
            if (marker.group(1).equals("start")) {
                if (open.putIfAbsent(name, i) != null || regions.containsKey(name)) {
                    throw new IllegalStateException(source + ":" + (i + 1) + ": region '" + name + "' starts twice");
                }
            } else {
                Integer start = open.remove(name);
                if (start == null) {
                    throw new IllegalStateException(source + ":" + (i + 1) + ": region '" + name + "' ends without a start");
                }
                List<String> body = lines.subList(start + 1, i).stream().filter(l -> !MARKER.matcher(l).matches()).toList();
                regions.put(name, dedent(body));
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalStateException(source + ": region(s) " + open.keySet() + " never end");
        }
        return regions;
    }

    /** Rewrites every doc block from its source region; returns the docs that changed. */
    List<Path> sync() {
        List<Path> changed = new ArrayList<>();
        for (Path doc : docs()) {
            List<String> problems = new ArrayList<>();
            List<Block> blocks = blocks(doc, problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException(String.join("\n", problems));
            }
            List<String> lines = new ArrayList<>(read(doc));
            for (int b = blocks.size() - 1; b >= 0; b--) {   // from the end, so earlier line numbers stay valid
                Block block = blocks.get(b);
                String region = regions(block.source()).get(block.region());
                if (region == null) {
                    throw new IllegalStateException(block.where() + ": no such region");
                }
                int first = block.line() + 1;                     // the line after "// from:"
                int end = first + (int) block.body().lines().count();
                if (block.body().isEmpty()) {
                    end = first;
                }
                lines.subList(first, end).clear();
                lines.addAll(first, region.lines().toList());
            }
            String text = String.join("\n", lines) + "\n";
            if (!text.equals(String.join("\n", read(doc)) + "\n")) {
                write(doc, text);
                changed.add(doc);
            }
        }
        return changed;
    }

    static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
        }
        return String.join("\n", out);
    }

    /** {@code {} and {@code }} counts differ outside string literals and comments: a snippet cut mid-block. */
    static boolean bracesBalanced(String code) {
        int depth = 0;
        for (String line : code.lines().toList()) {
            String withoutStrings = line.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("'(\\\\.|[^'\\\\])'", "''");
            int comment = withoutStrings.indexOf("//");
            String codePart = comment >= 0 ? withoutStrings.substring(0, comment) : withoutStrings;
            for (char c : codePart.toCharArray()) {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                if (depth < 0) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
