package org.easy2hard.data.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1, on a port the system picks, answering each path as the test tells it to. Counts
 * requests per path so that tests can tell whether something was fetched (or retried).
 */
final class LoopbackServer implements AutoCloseable {

    /** Answers one request. */
    @FunctionalInterface
    interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // Handlers on their own threads, so that one that stalls on purpose does not block the next request.
        server.setExecutor(executor);
        server.start();
    }

    /** The server's root URL, ending in a slash. */
    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Forgets every route and count. */
    void reset() {
        routes.clear();
        requests.clear();
    }

    /** Answers {@code path} with {@code responder}. */
    void route(String path, Responder responder) {
        routes.put(path, responder);
    }

    /** Answers {@code path} with 200 and these bytes. */
    void serve(String path, byte[] body) {
        route(path, exchange -> send(exchange, 200, body));
    }

    /** Answers {@code path} with a bodiless status, such as 404. */
    void status(String path, int status) {
        route(path, exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
    }

    /** Declares the full length of {@code body} but sends only {@code sent} bytes, then drops the connection. */
    void truncate(String path, byte[] body, int sent) {
        route(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, sent);
            out.flush();
            // The JDK server drops the connection when a handler throws; closing the stream short would not.
            throw new IOException("dropping the connection after " + sent + " of " + body.length + " bytes");
        });
    }

    /** How many requests {@code path} has had. */
    int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        requests.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
        Responder responder = routes.get(path);
        if (responder == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        responder.respond(exchange);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
