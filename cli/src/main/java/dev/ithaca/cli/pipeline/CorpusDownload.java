package dev.ithaca.cli.pipeline;

import dev.ithaca.cli.CliException;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads a corpus file with resume and verification: bytes go to {@code <name>.part}; a rerun
 * asks only for the missing tail (HTTP {@code Range}); the finished file must match the given
 * SHA-256 before it is renamed into place. A mismatch deletes the partial file and is a data error
 * (exit code 2), as is a failed transfer (whose partial file is kept for the next attempt).
 */
public final class CorpusDownload {
    private static final Pattern CONTENT_RANGE_TOTAL = Pattern.compile("bytes \\d+-\\d+/(\\d+)");

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();

    /** The verified file in {@code dir}, downloading (or finishing) it as needed. */
    public Path fetch(URI url, String sha256, Path dir, PrintWriter out, boolean showProgress) {
        String expected = sha256.toLowerCase(Locale.ROOT);
        if (!expected.matches("[0-9a-f]{64}")) {
            throw CliException.usage("--sha256 must be 64 hexadecimal digits, got '" + sha256 + "'");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw CliException.usage("--corpus-url must be an http or https URL, got '" + url + "'");
        }
        Path target = dir.resolve(fileName(url));
        Path part = dir.resolve(target.getFileName() + ".part");
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(target) && expected.equals(sha256Of(target))) {
                out.println("Corpus: " + target + " already downloaded and verified");
                return target;
            }
            transfer(url, part, out, showProgress);
            String actual = sha256Of(part);
            if (!expected.equals(actual)) {
                Files.deleteIfExists(part);
                throw CliException.data("checksum mismatch for " + url + ": expected SHA-256 " + expected + ", got " + actual
                        + "; the downloaded file was deleted. Check --sha256 and the URL.", null);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw CliException.data("download of " + url + " failed: " + e.getMessage()
                    + " (the partial file " + part + " is kept; run again to resume)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.data("download of " + url + " was interrupted; run again to resume", e);
        }
    }

    private void transfer(URI url, Path part, PrintWriter out, boolean showProgress) throws IOException, InterruptedException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 416 && have > 0) {
                out.println("Corpus: " + part + " is already complete (" + have + " bytes)");
                return;
            }
            boolean append = status == 206;
            if (status != 200 && !append) {
                throw new IOException("HTTP " + status + " from " + url);
            }
            if (!append) {
                have = 0;
            }
            long total = total(response, have);
            out.println("Corpus: downloading " + url + (append ? " from byte " + have : "")
                    + (total > 0 ? String.format(Locale.ROOT, " (%,d bytes)", total) : ""));
            out.flush();
            StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
            try (OutputStream file = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
                 ProgressBar bar = showProgress ? new ProgressBarBuilder().setTaskName("download").setInitialMax(Math.max(total, 1))
                         .setUnit(" KiB", 1024).setStyle(ProgressBarStyle.ASCII).showSpeed().startsFrom(have, java.time.Duration.ZERO)
                         .build() : null) {
                byte[] buffer = new byte[1 << 16];
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    file.write(buffer, 0, n);
                    if (bar != null) {
                        bar.stepBy(n);
                    }
                }
            }
        }
    }

    private static long total(HttpResponse<?> response, long offset) {
        String range = response.headers().firstValue("Content-Range").orElse("");
        Matcher m = CONTENT_RANGE_TOTAL.matcher(range);
        if (m.matches()) {
            return Long.parseLong(m.group(1));
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        return length < 0 ? -1 : length + offset;
    }

    static String fileName(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return last.isEmpty() || last.startsWith(".") ? "corpus.txt" : last;
    }

    static String sha256Of(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
