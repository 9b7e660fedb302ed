package dev.ithaca.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextCorpusTest {
    @TempDir
    Path dir;

    private Path file(String relative, String text) throws IOException {
        Path path = dir.resolve(relative);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, text, StandardCharsets.UTF_8);
    }

    @Test
    void filesAndDirectoriesInOrderWithDirectoriesSortedRecursively() throws IOException {
        Path single = file("intro.txt", "first");
        file("books/b.txt", "bee");
        file("books/a/z.txt", "zed");
        file("books/a/ä.txt", "umlaut ä");
        file("books/.hidden.txt", "secret");
        file("books/.git/config", "git");
        TextCorpus corpus = TextCorpus.of(single, dir.resolve("books"));
        assertThat(corpus.files()).containsExactly(single, dir.resolve("books/a/z.txt"), dir.resolve("books/a/ä.txt"),
                dir.resolve("books/b.txt"));
        assertThat(corpus.documentCount()).isEqualTo(4);
        assertThat(corpus.document(2)).isEqualTo("umlaut ä");
        assertThat(corpus.documents()).containsExactly("first", "zed", "umlaut ä", "bee");
        assertThat(corpus.text()).isEqualTo("first\nzed\numlaut ä\nbee");
        // "ä" is two bytes in UTF-8
        assertThat(corpus.sizeInBytes()).isEqualTo(5 + 3 + 9 + 3);
    }

    @Test
    void theSameTreeGivesTheSameCorpus() throws IOException {
        for (String name : new String[] {"c.txt", "a.txt", "b/b.txt", "b/a.txt"}) {
            file("tree/" + name, name);
        }
        assertThat(TextCorpus.of(dir.resolve("tree")).text()).isEqualTo("a.txt\nb/a.txt\nb/b.txt\nc.txt");
        assertThat(TextCorpus.of(dir.resolve("tree")).text()).isEqualTo(TextCorpus.of(dir.resolve("tree")).text());
    }

    @Test
    void invalidUtf8NamesTheFileAndByteOffset() throws IOException {
        Path bad = Files.write(dir.resolve("bad.txt"), new byte[] {'o', 'k', '\n', 'x', (byte) 0xFF, 'y'});
        assertThatThrownBy(() -> TextCorpus.of(bad)).isInstanceOf(DataFormatException.class)
                .hasMessage(bad + ": invalid UTF-8 at byte offset 4 (line 2): byte 0xFF is not part of a valid UTF-8 sequence");
        Path cut = Files.write(dir.resolve("cut.txt"), new byte[] {'a', (byte) 0xE2, (byte) 0x82});
        assertThatThrownBy(() -> TextCorpus.of(cut)).isInstanceOf(DataFormatException.class)
                .hasMessage(cut + ": invalid UTF-8 at byte offset 1 (line 1): byte 0xE2 starts a multi-byte sequence that the file"
                        + " ends before completing");
        Path surrogate = Files.write(dir.resolve("cesu.txt"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        assertThatThrownBy(() -> TextCorpus.of(surrogate)).hasMessageContaining("invalid UTF-8 at byte offset 0");
    }

    @Test
    void aByteOrderMarkIsKeptAsText() throws IOException {
        Path bom = Files.write(dir.resolve("bom.txt"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i'});
        assertThat(TextCorpus.of(bom).text()).isEqualTo("\uFEFFhi");
    }

    @Test
    void missingPathsAndEmptyDirectoriesAreReported() throws IOException {
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> TextCorpus.of(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessage("text file or directory not found: " + missing.toAbsolutePath())
                .hasCauseInstanceOf(NoSuchFileException.class);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve(".keep"), "");
        assertThatThrownBy(() -> TextCorpus.of(empty)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("no text files under " + empty.toAbsolutePath());
        assertThatThrownBy(TextCorpus::of).hasMessageContaining("give at least one file or directory");
    }
}
