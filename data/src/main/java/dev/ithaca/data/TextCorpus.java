package dev.ithaca.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plain-text documents for language modelling: one document per file, decoded as strict UTF-8
 * (invalid bytes are a {@link DataFormatException} with the file and byte offset). Paths may be
 * files or directories; a directory contributes every regular file below it, recursively, in
 * sorted path order, skipping hidden names (starting with {@code .}), so the corpus is the same on
 * every machine. Files are read once, when the corpus is built.
 *
 * <pre>{@code
 * TextCorpus corpus = TextCorpus.of(Path.of("data/shakespeare"));
 * String text = corpus.text();      // all documents joined with "\n"
 * }</pre>
 */
public final class TextCorpus {
    private final List<Path> files;
    private final List<String> documents;
    private final long sizeInBytes;

    private TextCorpus(List<Path> files, List<String> documents, long sizeInBytes) {
        this.files = files;
        this.documents = documents;
        this.sizeInBytes = sizeInBytes;
    }

    /** The documents in {@code paths}, in the order given (directories expanded in sorted order). */
    public static TextCorpus of(Path... paths) {
        return of(Arrays.asList(paths));
    }

    /** See {@link #of(Path...)}. */
    public static TextCorpus of(List<Path> paths) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("TextCorpus: give at least one file or directory");
        }
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            files.addAll(expand(path));
        }
        List<String> documents = new ArrayList<>(files.size());
        long bytes = 0;
        for (Path file : files) {
            byte[] content = DataFiles.readAllBytes(file, "text file");
            documents.add(DataFiles.decodeUtf8(file, content));
            bytes += content.length;
        }
        return new TextCorpus(List.copyOf(files), List.copyOf(documents), bytes);
    }

    private static List<Path> expand(Path path) {
        if (!Files.exists(path)) {
            throw new UncheckedIOException("text file or directory not found: " + path.toAbsolutePath(),
                    new NoSuchFileException(path.toString()));
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        List<Path> found;
        try (Stream<Path> walk = Files.walk(path)) {
            found = walk.filter(p -> !p.equals(path) && !isHiddenBelow(path, p) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot list text files under " + path.toAbsolutePath() + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
        if (found.isEmpty()) {
            throw new UncheckedIOException("no text files under " + path.toAbsolutePath() + " (hidden files are skipped)",
                    new NoSuchFileException(path.toString()));
        }
        return found;
    }

    /** True when a name on the way from {@code root} to {@code p} starts with a dot. */
    private static boolean isHiddenBelow(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The files read, in corpus order. */
    public List<Path> files() {
        return files;
    }

    /** Number of documents (one per file). */
    public int documentCount() {
        return documents.size();
    }

    /** The text of document {@code index} (file {@code files().get(index)}). */
    public String document(int index) {
        return documents.get(index);
    }

    /** Every document's text, in corpus order. */
    public List<String> documents() {
        return documents;
    }

    /** All documents joined with {@code "\n"} (built on each call: keep the result rather than calling it in a loop). */
    public String text() {
        return String.join("\n", documents);
    }

    /** Total size of the files in bytes (UTF-8, as stored). */
    public long sizeInBytes() {
        return sizeInBytes;
    }

    @Override
    public String toString() {
        return "TextCorpus(" + files.size() + " files, " + sizeInBytes + " bytes)";
    }
}
