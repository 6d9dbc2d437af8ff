package org.easy2hard.model.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 speaking the parts of the OpenAI completions protocol the toolkit uses, backed by
 * a {@link BigramLanguageModel}: {@code POST /v1/completions} (greedy generation, {@code echo} with the legacy
 * {@code logprobs} layout including vLLM's BOS-shifted {@code text_offset}, vLLM's {@code prompt_logprobs}),
 * {@code POST /tokenize} and {@code POST /v1/embeddings}.
 *
 * <p>For tests of the client's failure handling it counts requests (per path and per body answered with 200), takes
 * a queue of faults applied to the next requests ({@link Fault}), can withhold prompt log-probs (as servers that only
 * return the generated token's do), can require an API key (and, like some servers, quote the wrong one back in its
 * 401), and can hold every request after the next N until {@link #releaseHeld()} (then drop them): the
 * "killed mid-run" scenario.
 *
 * <p>Embedding of a text: {@code [token count, character count, id of the last token, 0.5]}.
 */
public final class LoopbackCompletionsServer implements AutoCloseable {

    /** What to do to a request instead of answering it. */
    public enum Fault {
        /** 429 with {@code Retry-After: 0}. */
        TOO_MANY_REQUESTS,
        /** 500. */
        SERVER_ERROR,
        /** 503. */
        UNAVAILABLE,
        /** 400 with an error message. */
        BAD_REQUEST,
        /** Close the connection without a response. */
        DROP,
        /** Hold the request until {@link #releaseHeld()}, then close the connection without a response. */
        HOLD
    }

    private final ObjectMapper json = new ObjectMapper();
    private final BigramLanguageModel model;
    private final String servedName;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answeredBodies = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private volatile boolean withholdPromptLogprobs;
    private volatile boolean tokenizeEnabled = true;
    private volatile boolean stopServerSide = true;
    private volatile String requiredApiKey;
    private volatile String errorMessage = "bad request";
    private int holdAfter = -1;
    private int admitted;
    private CountDownLatch release = new CountDownLatch(1);

    private LoopbackCompletionsServer(BigramLanguageModel model, String servedName) throws IOException {
        this.model = model;
        this.servedName = servedName;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "loopback-server-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the
        // client's delayed ACK add about 40 ms to every response. Read once, when the server classes first load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a server for {@code model} served as {@code servedName} on a free loopback port. */
    public static LoopbackCompletionsServer start(BigramLanguageModel model, String servedName) throws IOException {
        return new LoopbackCompletionsServer(model, servedName);
    }

    /** The API base, {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Returns only the generated token's log-probs for echoed prompts and no {@code prompt_logprobs}. */
    public LoopbackCompletionsServer withholdPromptLogprobs(boolean withhold) {
        this.withholdPromptLogprobs = withhold;
        return this;
    }

    /** Whether {@code /tokenize} exists (404 otherwise). */
    public LoopbackCompletionsServer tokenizeEnabled(boolean enabled) {
        this.tokenizeEnabled = enabled;
        return this;
    }

    /** Whether the server itself ends generations at stop strings (some servers do not). */
    public LoopbackCompletionsServer stopServerSide(boolean stop) {
        this.stopServerSide = stop;
        return this;
    }

    /** Requires {@code Authorization: Bearer KEY}; a wrong key gets a 401 quoting what was sent. */
    public LoopbackCompletionsServer requireApiKey(String key) {
        this.requiredApiKey = key;
        return this;
    }

    /** The message of injected 400s. */
    public LoopbackCompletionsServer errorMessage(String message) {
        this.errorMessage = message;
        return this;
    }

    /** Applies these faults, in order, to the next requests (one each). */
    public LoopbackCompletionsServer inject(Fault... injected) {
        faults.addAll(List.of(injected));
        return this;
    }

    /**
     * Admits the next {@code n} requests and holds every further one until {@link #releaseHeld()}; when all admitted
     * ones succeed, exactly {@code n} are answered.
     */
    public synchronized LoopbackCompletionsServer holdAfterAnswers(int n) {
        this.holdAfter = n;
        this.admitted = 0;
        return this;
    }

    /** Drops every held request and stops holding new ones. */
    public synchronized void releaseHeld() {
        holdAfter = -1;
        release.countDown();
        release = new CountDownLatch(1);
    }

    /** Requests received (faulty ones included). */
    public int requests() {
        return requests.get();
    }

    /** Requests received on a path such as {@code /v1/completions}. */
    public int requests(String path) {
        AtomicInteger count = requestsByPath.get(path);
        return count == null ? 0 : count.get();
    }

    /** Requests held by a {@link Fault#HOLD} (never answered). */
    public int held() {
        return held.get();
    }

    /** Requests answered with a 200. */
    public int answered() {
        return answered.get();
    }

    /** How often each request body was answered with 200. */
    public Map<String, Integer> answeredBodies() {
        Map<String, Integer> copy = new java.util.HashMap<>();
        answeredBodies.forEach((body, count) -> copy.put(body, count.get()));
        return copy;
    }

    private void handle(HttpExchange exchange) {
        try {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            requestsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Fault fault = faults.poll();
            if (fault == null && shouldHold()) {
                fault = Fault.HOLD;
            }
            if (fault != null) {
                applyFault(exchange, fault);
                return;
            }
            String key = requiredApiKey;
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (key != null && !("Bearer " + key).equals(authorization)) {
                send(exchange, 401, error("Incorrect API key provided: " + authorization));
                return;
            }
            if ("GET".equals(exchange.getRequestMethod()) && "/v1/models".equals(path)) {
                ObjectNode list = json.createObjectNode().put("object", "list");
                list.putArray("data").addObject().put("id", servedName).put("object", "model");
                send(exchange, 200, list);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, error("method not allowed"));
                return;
            }
            JsonNode request = json.readTree(body);
            if (!servedName.equals(request.path("model").asText())) {
                send(exchange, 404, error("The model `" + request.path("model").asText() + "` does not exist."));
                return;
            }
            ObjectNode response;
            try {
                response = switch (path) {
                    case "/v1/completions" -> completions(request);
                    case "/v1/embeddings" -> embeddings(request);
                    case "/tokenize" -> tokenizeEnabled ? tokenize(request) : null;
                    default -> null;
                };
            } catch (IllegalArgumentException e) {
                send(exchange, 400, error(e.getMessage()));
                return;
            }
            if (response == null) {
                send(exchange, 404, json.createObjectNode().put("detail", "Not Found"));
                return;
            }
            send(exchange, 200, response);
            answered.incrementAndGet();
            answeredBodies.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
        } catch (IOException | RuntimeException e) {
            // The client went away or sent garbage: nothing more to do than close.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private synchronized boolean shouldHold() {
        if (holdAfter < 0 || admitted < holdAfter) {
            admitted++;
            return false;
        }
        return true;
    }

    private void applyFault(HttpExchange exchange, Fault fault) throws IOException, InterruptedException {
        switch (fault) {
            case TOO_MANY_REQUESTS -> {
                exchange.getResponseHeaders().add("Retry-After", "0");
                send(exchange, 429, error("too many requests"));
            }
            case SERVER_ERROR -> send(exchange, 500, error("internal error"));
            case UNAVAILABLE -> send(exchange, 503, error("unavailable"));
            case BAD_REQUEST -> send(exchange, 400, error(errorMessage));
            case DROP -> {
                // Closing before any response header closes the connection: the client sees it dropped.
            }
            case HOLD -> {
                held.incrementAndGet();
                CountDownLatch latch;
                synchronized (this) {
                    latch = release;
                }
                latch.await();
            }
            default -> throw new IllegalStateException(fault.toString());
        }
    }

    private ObjectNode error(String message) {
        ObjectNode body = json.createObjectNode();
        body.putObject("error").put("message", message).put("type", "BadRequestError");
        return body;
    }

    private void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private ObjectNode completions(JsonNode request) {
        // A prompt of token ids (as vLLM takes them) is used as given: no BOS is added.
        JsonNode promptNode = request.path("prompt");
        List<String> idTokens = new ArrayList<>();
        promptNode.forEach(id -> idTokens.add(model.token(id.asInt())));
        String prompt = promptNode.isArray() ? String.join("", idTokens.stream()
                .filter(t -> !t.equals(BigramLanguageModel.BOS)).toList()) : promptNode.asText("");
        if (promptNode.isArray() ? idTokens.isEmpty() : prompt.isEmpty()) {
            throw new IllegalArgumentException("prompt must be a non-empty string or list of token ids");
        }
        if (request.path("temperature").asDouble(1.0) != 0.0) {
            throw new IllegalArgumentException("this server only does greedy decoding (temperature 0)");
        }
        int maxTokens = request.path("max_tokens").asInt(16);
        boolean echo = request.path("echo").asBoolean(false);
        boolean legacyLogprobs = request.hasNonNull("logprobs");
        boolean promptLogprobs = request.hasNonNull("prompt_logprobs");
        List<String> stop = new ArrayList<>();
        request.path("stop").forEach(s -> stop.add(s.asText()));

        List<String> context = new ArrayList<>();
        if (promptNode.isArray()) {
            context.addAll(idTokens);
        } else {
            if (model.bos()) {
                context.add(BigramLanguageModel.BOS);
            }
            context.addAll(model.tokenize(prompt));
        }
        List<String> generated = new ArrayList<>();
        String finish = "length";
        StringBuilder text = new StringBuilder();
        String previous = context.get(context.size() - 1);
        while (generated.size() < maxTokens) {
            String next = model.argmax(previous);
            generated.add(next);
            previous = next;
            if (next.equals(BigramLanguageModel.EOS)) {
                finish = "stop";
                break;
            }
            text.append(next);
            int cut = stopServerSide ? OpenAiCompatibleModel.firstStop(text.toString(), stop) : -1;
            if (cut >= 0) {
                text.setLength(cut);
                finish = "stop";
                break;
            }
        }

        ObjectNode response = json.createObjectNode().put("id", "cmpl-loopback").put("object", "text_completion")
                .put("model", servedName);
        ObjectNode choice = response.putArray("choices").addObject().put("index", 0)
                .put("text", (echo ? prompt : "") + text);
        if (legacyLogprobs) {
            List<String> tokens = new ArrayList<>(echo && !withholdPromptLogprobs ? context : List.of());
            int firstGenerated = tokens.size();
            tokens.addAll(generated);
            List<String> conditions = new ArrayList<>(context);
            conditions.addAll(generated);
            int shift = context.size() - firstGenerated; // index in `conditions` of tokens.get(0)
            ObjectNode logprobs = choice.putObject("logprobs");
            ArrayNode strings = logprobs.putArray("tokens");
            ArrayNode values = logprobs.putArray("token_logprobs");
            ArrayNode tops = logprobs.putArray("top_logprobs");
            ArrayNode offsets = logprobs.putArray("text_offset");
            // Offsets count every token's text, BOS included (as vLLM does); unechoed ones start after the prompt.
            int offset = echo ? 0 : prompt.length();
            for (int i = 0; i < tokens.size(); i++) {
                String token = tokens.get(i);
                String shown = token.equals(BigramLanguageModel.EOS) ? "" : token;
                int at = i + shift;
                strings.add(shown);
                offsets.add(offset);
                offset += shown.length();
                if (at == 0) {
                    values.addNull();
                    tops.addNull();
                } else {
                    String condition = conditions.get(at - 1);
                    values.add(model.logProb(condition, token));
                    String best = model.argmax(condition);
                    ObjectNode top = tops.addObject();
                    top.put(best.equals(BigramLanguageModel.EOS) ? "" : best, model.logProb(condition, best));
                    top.put(shown, model.logProb(condition, token));
                }
            }
        } else {
            choice.putNull("logprobs");
        }
        choice.put("finish_reason", finish);
        if (promptLogprobs && !withholdPromptLogprobs) {
            ArrayNode entries = choice.putArray("prompt_logprobs");
            for (int i = 0; i < context.size(); i++) {
                if (i == 0) {
                    entries.addNull();
                    continue;
                }
                String condition = context.get(i - 1);
                String token = context.get(i);
                ObjectNode entry = entries.addObject();
                entry.putObject(Integer.toString(model.id(token))).put("logprob", model.logProb(condition, token))
                        .put("rank", model.rank(condition, token)).put("decoded_token", token);
                String best = model.argmax(condition);
                if (!best.equals(token)) {
                    entry.putObject(Integer.toString(model.id(best))).put("logprob", model.logProb(condition, best))
                            .put("rank", 1).put("decoded_token", best);
                }
            }
        }
        response.putObject("usage").put("prompt_tokens", context.size()).put("completion_tokens", generated.size())
                .put("total_tokens", context.size() + generated.size());
        return response;
    }

    private ObjectNode tokenize(JsonNode request) {
        List<String> tokens = model.tokenize(request.path("prompt").asText(""));
        ObjectNode response = json.createObjectNode();
        ArrayNode ids = response.putArray("tokens");
        if (model.bos() && request.path("add_special_tokens").asBoolean(true)) {
            ids.add(BigramLanguageModel.VOCABULARY_SIZE);
        }
        tokens.forEach(token -> ids.add(model.id(token)));
        return response.put("count", ids.size()).put("max_model_len", 2048);
    }

    private ObjectNode embeddings(JsonNode request) {
        String text = request.path("input").asText("");
        List<String> tokens = model.tokenize(text);
        ObjectNode response = json.createObjectNode().put("object", "list").put("model", servedName);
        ArrayNode embedding = response.putArray("data").addObject().put("index", 0).put("object", "embedding")
                .putArray("embedding");
        embedding.add(tokens.size()).add(text.length())
                .add(tokens.isEmpty() ? -1 : model.id(tokens.get(tokens.size() - 1))).add(0.5);
        return response;
    }

    /** Drops held requests and stops the server. */
    @Override
    public void close() {
        releaseHeld();
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Runs a server in its own process (for benchmarks): prints its base URL, then serves until standard input
     * closes. Arguments: {@code [--bos] [--name SERVED_NAME]}.
     */
    public static void main(String[] args) throws IOException {
        boolean bos = List.of(args).contains("--bos");
        int name = List.of(args).indexOf("--name");
        try (LoopbackCompletionsServer server = start(new BigramLanguageModel(bos),
                name >= 0 ? args[name + 1] : "bigram")) {
            System.out.println(server.baseUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Serving until the parent closes our input.
            }
        }
    }
}
