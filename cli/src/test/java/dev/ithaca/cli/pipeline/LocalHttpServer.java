package dev.ithaca.cli.pipeline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A loopback HTTP server for one file, honouring {@code Range: bytes=N-} as a real server does. */
final class LocalHttpServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final List<String> rangesRequested = new CopyOnWriteArrayList<>();

    private LocalHttpServer(HttpServer server) {
        this.server = server;
    }

    static LocalHttpServer serving(String path, byte[] content) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LocalHttpServer local = new LocalHttpServer(server);
        server.createContext(path, exchange -> local.respond(exchange, content));
        server.start();
        return local;
    }

    private void respond(HttpExchange exchange, byte[] content) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        rangesRequested.add(range == null ? "" : range);
        int from = 0;
        if (range != null) {
            Matcher m = RANGE.matcher(range);
            if (m.matches()) {
                from = Integer.parseInt(m.group(1));
            }
            if (from >= content.length) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
            exchange.sendResponseHeaders(206, content.length - from);
        } else {
            exchange.sendResponseHeaders(200, content.length);
        }
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(content, from, content.length - from);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<String> rangesRequested() {
        return rangesRequested;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
