package org.easy2hard.model.llama;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.easy2hard.io.Sha256;

/**
 * A loopback imitation of the Hugging Face hub's file URLs, {@code /<owner>/<name>/resolve/<revision>/<file>}:
 * small files are served directly with a git-style (SHA-1 length) ETag; {@code .safetensors} files answer with a
 * 302 to {@code http://localhost:<port>/lfs/<sha256>} (another host name, as the hub's storage is) carrying
 * {@code X-Linked-Etag} and {@code X-Linked-Size}; LFS downloads honour {@code Range}. Every response carries
 * {@code X-Repo-Commit}. Binds 127.0.0.1 only; records each request's path, Range and Authorization headers.
 */
final class FakeHub implements AutoCloseable {

    /** The commit every response reports. */
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    /**
     * One request the hub received.
     *
     * @param method        GET or HEAD
     * @param path          the URL path
     * @param range         the Range header or null
     * @param authorization the Authorization header or null
     */
    record Request(String method, String path, String range, String authorization) {
    }

    private static final Pattern RESOLVE = Pattern.compile("/([^/]+/[^/]+)/resolve/([^/]+)/(.+)");

    private final HttpServer server;
    private final Map<String, byte[]> files = new HashMap<>();
    private final Map<String, byte[]> lfs = new HashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean corrupt;

    FakeHub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The endpoint to give the downloader. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves every regular file of {@code dir} as {@code repository}'s files at {@code revision}. */
    void publish(String repository, String revision, Path dir) throws IOException {
        try (var stream = Files.list(dir)) {
            for (Path file : stream.toList()) {
                files.put(repository + "@" + revision + "/" + file.getFileName(), Files.readAllBytes(file));
            }
        }
    }

    /** From now on LFS downloads serve wrong bytes (one flipped) under the right checksum. */
    void corruptDownloads() {
        corrupt = true;
    }

    /** The requests so far. */
    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(new Request(exchange.getRequestMethod(), path, range,
                exchange.getRequestHeaders().getFirst("Authorization")));
        exchange.getResponseHeaders().add("X-Repo-Commit", COMMIT);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (path.startsWith("/lfs/")) {
            byte[] body = lfs.get(path.substring(5));
            if (body == null) {
                send(exchange, 404, new byte[0], head);
                return;
            }
            if (corrupt) {
                body = body.clone();
                body[body.length / 2] ^= 1;
            }
            if (range != null) {
                long from = Long.parseLong(range.replace("bytes=", "").replace("-", ""));
                if (from >= body.length) {
                    send(exchange, 416, new byte[0], head);
                    return;
                }
                byte[] rest = java.util.Arrays.copyOfRange(body, (int) from, body.length);
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/"
                        + body.length);
                send(exchange, 206, rest, head);
                return;
            }
            send(exchange, 200, body, head);
            return;
        }
        Matcher matcher = RESOLVE.matcher(path);
        byte[] body = matcher.matches() ? files.get(matcher.group(1) + "@" + matcher.group(2) + "/"
                + matcher.group(3)) : null;
        if (body == null) {
            exchange.getResponseHeaders().add("X-Error-Code", "EntryNotFound");
            send(exchange, 404, new byte[0], head);
            return;
        }
        if (matcher.group(3).endsWith(".safetensors")) {
            String sha = Sha256.of(body);
            lfs.put(sha, body);
            exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + sha + "\"");
            exchange.getResponseHeaders().add("X-Linked-Size", Integer.toString(body.length));
            exchange.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort()
                    + "/lfs/" + sha);
            send(exchange, 302, new byte[0], head);
            return;
        }
        exchange.getResponseHeaders().add("ETag", "\"" + Sha256.of(body).substring(0, 40) + "\"");
        send(exchange, 200, body, head);
    }

    private static void send(HttpExchange exchange, int status, byte[] body, boolean head) throws IOException {
        if (head || body.length == 0) {
            exchange.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
