package dev.ithaca.cli.pipeline;

import dev.ithaca.cli.CliException;
import dev.ithaca.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusDownloadTest {
    private static final byte[] CONTENT = "In the beginning was a small corpus, served over loopback.\n".repeat(200)
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final StringWriter printed = new StringWriter();
    private final PrintWriter out = new PrintWriter(printed, true);

    @Test
    void downloadsAndVerifies() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.serving("/data/corpus.txt", CONTENT)) {
            Path file = new CorpusDownload().fetch(URI.create(server.url("/data/corpus.txt")), sha256(CONTENT), dir, out, false);
            assertThat(file).isEqualTo(dir.resolve("corpus.txt")).hasBinaryContent(CONTENT);
            assertThat(dir.resolve("corpus.txt.part")).doesNotExist();
            assertThat(server.rangesRequested()).containsExactly("");

            // verified files are not fetched again
            new CorpusDownload().fetch(URI.create(server.url("/data/corpus.txt")), sha256(CONTENT), dir, out, false);
            assertThat(server.rangesRequested()).hasSize(1);
        }
    }

    @Test
    void resumesAPartialDownloadWithARangeRequest() throws Exception {
        int half = CONTENT.length / 2;
        Files.write(dir.resolve("corpus.txt.part"), Arrays.copyOf(CONTENT, half));
        try (LocalHttpServer server = LocalHttpServer.serving("/corpus.txt", CONTENT)) {
            Path file = new CorpusDownload().fetch(URI.create(server.url("/corpus.txt")), sha256(CONTENT), dir, out, false);
            assertThat(file).hasBinaryContent(CONTENT);
            assertThat(server.rangesRequested()).containsExactly("bytes=" + half + "-");
            assertThat(printed.toString()).contains("from byte " + half);
        }
    }

    @Test
    void aMismatchDeletesThePartialFileAndIsADataError() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.serving("/corpus.txt", CONTENT)) {
            String wrong = sha256("something else".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> new CorpusDownload().fetch(URI.create(server.url("/corpus.txt")), wrong, dir, out, false))
                    .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.DATA))
                    .hasMessageContaining("expected SHA-256 " + wrong).hasMessageContaining("got " + sha256(CONTENT));
            assertThat(dir.resolve("corpus.txt.part")).doesNotExist();
            assertThat(dir.resolve("corpus.txt")).doesNotExist();
        }
    }

    @Test
    void rejectsMalformedChecksumsAndSchemes() {
        assertThatThrownBy(() -> new CorpusDownload().fetch(URI.create("http://127.0.0.1:1/x"), "abc", dir, out, false))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("--sha256 must be 64 hexadecimal digits, got 'abc'");
        assertThatThrownBy(() -> new CorpusDownload().fetch(URI.create("ftp://host/x"), "0".repeat(64), dir, out, false))
                .hasMessageContaining("--corpus-url must be an http or https URL");
    }

    @Test
    void aFailedTransferKeepsThePartialFileForTheNextAttempt() throws Exception {
        Files.write(dir.resolve("corpus.txt.part"), new byte[]{1, 2, 3});
        int unusedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            unusedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + unusedPort + "/corpus.txt");
        assertThatThrownBy(() -> new CorpusDownload().fetch(nowhere, sha256(CONTENT), dir, out, false))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.DATA))
                .hasMessageContaining("run again to resume");
        assertThat(dir.resolve("corpus.txt.part")).hasBinaryContent(new byte[]{1, 2, 3});
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
