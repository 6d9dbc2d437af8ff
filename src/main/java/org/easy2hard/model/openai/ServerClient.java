package org.easy2hard.model.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.easy2hard.model.FeatureCache;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.ModelIdentity;
import org.easy2hard.model.Progress;
import org.easy2hard.model.RequestCache;

/**
 * The HTTP side shared by the completions model and the embedding encoder: replicas, requests in flight, retries,
 * the request cache and the API key.
 *
 * <p>A batch is run by the calling thread: it looks every request up in the cache, then keeps up to
 * {@code maxInFlight} of the rest in flight (one semaphore per client, so concurrent batches share the limit), each
 * sent to the replica with the fewest requests outstanding (round robin among ties) and retried there or elsewhere
 * after a retryable failure. Responses are read and cached on the HTTP client's threads; the calling thread collects
 * them, reports progress and puts results in request order. When a request fails for good, no new ones are sent,
 * those in flight are awaited (their answers are cached), and the first failure is thrown.
 *
 * <p>The API key is read once, sent only in the {@code Authorization} header and replaced by {@value #REDACTED} in
 * every message built from a server's reply.
 *
 * <p><i>Why this file is over 450 lines (580):</i> the cache look-up, the in-flight limit, the send/retry loop, the
 * choice of replica and its health, and the failure policy ("stop sending, await what is in flight, throw the
 * first failure") are one concurrent state machine over the same fields (semaphore, replicas' outstanding counts,
 * the finished queue, the first failure). Split into classes, each part would need the others' state passed in
 * or exposed, and the invariants that keep answers cached and the limit shared (read in one place today) would be
 * spread over several files. The two kinds of calls it serves are already outside it ({@link Call} subclasses in
 * the model and the embedding encoder), as are the retry policy ({@link RetryPolicy}) and the JSON of cached
 * answers ({@code CachedAnswers}).
 */
final class ServerClient implements AutoCloseable {

    /** What replaces the API key wherever a server's text is quoted. */
    static final String REDACTED = "[redacted]";

    /** Version of the cached answers' layout: part of every request key, so a changed layout is never misread. */
    private static final String ANSWER_FORMAT = "easy2hard-openai-answer-1";

    /** Where a request goes: under the API base ({@code .../v1/completions}) or at the server's root. */
    enum Route {
        /** {@code POST <base>/completions}. */
        COMPLETIONS("completions", true),
        /** {@code POST <base>/embeddings}. */
        EMBEDDINGS("embeddings", true),
        /** vLLM's {@code POST <server root>/tokenize} (the base URL without its {@code /v1}). */
        TOKENIZE("tokenize", false);

        private final String path;
        private final boolean underBase;

        Route(String path, boolean underBase) {
            this.path = path;
            this.underBase = underBase;
        }
    }

    /**
     * One request of a batch and how its answer is read.
     *
     * @param <T> the result type
     */
    abstract static class Call<T> {
        private final Route route;

        Call(Route route) {
            this.route = route;
        }

        /** The endpoint. */
        final Route route() {
            return route;
        }

        /** The full request body (sent as canonical JSON). */
        abstract ObjectNode body();

        /** What else changes the answer besides the body (e.g. where a scored continuation starts); "" when nothing. */
        String readingKey() {
            return "";
        }

        /**
         * The part of a successful response the result is computed from: what the cache keeps.
         *
         * @throws LanguageModelException when the response lacks it (naming {@code server})
         */
        abstract JsonNode answer(JsonNode response, String server);

        /** The result from an answer (fresh or cached); may throw when a cached answer is unreadable. */
        abstract T result(JsonNode answer);
    }

    /**
     * A server address, the requests outstanding there, and its health: after a retryable failure it is avoided
     * while others are available, for a backoff that grows with its consecutive failures (a replica that is down
     * fails at once and would otherwise look like the least busy one).
     */
    private record Replica(String base, URI api, URI root, AtomicInteger outstanding, AtomicInteger failures,
            AtomicLong avoidUntilNanos) {

        URI uri(Route route) {
            return (route.underBase ? api : root).resolve(route.path);
        }

        boolean available(long now) {
            return now - avoidUntilNanos.get() >= 0;
        }
    }

    /**
     * A distinct request of a batch.
     *
     * @param call      how it is sent and read
     * @param bodyStart where the body starts in the request's canonical text
     * @param positions the batch positions it answers
     */
    private record Pending<T>(Call<T> call, int bodyStart, List<Integer> positions) {
    }

    private record Finished(String request, JsonNode answer, Throwable error) {
    }

    /**
     * Jackson with its fast double parser (correctly rounded, so the values are those of {@link Double#parseDouble}):
     * echoed prompt log-probs are mostly 17-digit numbers, and the JDK's parser spends most of a response's parse
     * time on them.
     */
    private final ObjectMapper mapper = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());
    private final List<Replica> replicas;
    private final String apiKey;
    private final Semaphore permits;
    private final int maxInFlight;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final RequestCache cache;
    private final ModelIdentity identity;
    private final ExecutorService executor;
    private final HttpClient http;
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong repaired = new AtomicLong();
    private final Consumer<String> retryNotices;

    ServerClient(List<String> baseUrls, Supplier<String> apiKey, int maxInFlight, Duration requestTimeout,
            RetryPolicy retry, RequestCache cache, ModelIdentity identity, Consumer<String> retryNotices) {
        this.retryNotices = retryNotices;
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one base URL is needed");
        }
        this.replicas = baseUrls.stream().map(ServerClient::replica).toList();
        String key = apiKey.get();
        this.apiKey = key == null || key.isBlank() ? null : key.trim();
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1, was " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.cache = cache;
        this.identity = identity;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "openai-client-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // HTTP/1.1: inference servers (uvicorn, llama.cpp) do not speak h2c, and an upgrade attempt costs a trip.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .executor(executor)
                .build();
    }

    private static Replica replica(String baseUrl) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI api;
        try {
            api = URI.create(base + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base URL is not a URL: '" + baseUrl + "'", e);
        }
        if (!"http".equals(api.getScheme()) && !"https".equals(api.getScheme()) || api.getHost() == null) {
            throw new IllegalArgumentException("base URL must be http(s)://host[:port]/..., was '" + baseUrl + "'");
        }
        String rootPath = base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base;
        return new Replica(base, api, URI.create(rootPath + "/"), new AtomicInteger(), new AtomicInteger(),
                new AtomicLong(System.nanoTime()));
    }

    /** The base URLs, as given (without trailing slashes). */
    List<String> baseUrls() {
        return replicas.stream().map(Replica::base).toList();
    }

    /** Whether an API key is sent. */
    boolean hasApiKey() {
        return apiKey != null;
    }

    /** The most requests in flight. */
    int maxInFlight() {
        return maxInFlight;
    }

    /** The cache, or null when answers are not cached. */
    RequestCache cache() {
        return cache;
    }

    /** Requests sent so far (retries included), answers read from the cache, and corrupted entries recomputed. */
    long[] counters() {
        return new long[] {sent.get(), cacheHits.get(), repaired.get()};
    }

    /** A new JSON object with the model field set. */
    ObjectNode body() {
        return mapper.createObjectNode().put("model", identity.name());
    }

    /** The mapper for building answers. */
    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Runs a batch and returns one result per call, in order.
     *
     * @param task     what progress reports say is being done
     * @param calls    the requests
     * @param progress told how many calls are done
     */
    <T> List<T> run(String task, List<? extends Call<T>> calls, Progress progress) {
        int total = calls.size();
        List<T> results = new ArrayList<>(Collections.nCopies(total, null));
        // One entry per distinct request (its canonical text is the cache key): its call and the positions it fills.
        Map<String, Pending<T>> pending = new LinkedHashMap<>();
        for (int i = 0; i < total; i++) {
            Call<T> call = calls.get(i);
            String body = CanonicalJson.write(mapper, call.body());
            String request = ANSWER_FORMAT + " " + call.route().path + " " + call.readingKey() + "\n" + body;
            pending.computeIfAbsent(request, r -> new Pending<>(call, r.length() - body.length(), new ArrayList<>()))
                    .positions().add(i);
        }
        List<String> missing = new ArrayList<>();
        long done = 0;
        for (Map.Entry<String, Pending<T>> entry : pending.entrySet()) {
            T cached = cached(entry.getKey(), entry.getValue().call());
            if (cached == null) {
                missing.add(entry.getKey());
            } else {
                entry.getValue().positions().forEach(position -> results.set(position, cached));
                done += entry.getValue().positions().size();
            }
        }
        progress.update(task, done, total);

        BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
        int next = 0;
        int inFlight = 0;
        Throwable failure = null;
        try {
            while (true) {
                while (failure == null && next < missing.size() && permits.tryAcquire()) {
                    String request = missing.get(next++);
                    launch(request, pending.get(request), finished);
                    inFlight++;
                }
                if (inFlight == 0) {
                    if (failure != null || next == missing.size()) {
                        break;
                    }
                    // Other batches of this client hold every permit: wait for one.
                    permits.acquire();
                    String request = missing.get(next++);
                    launch(request, pending.get(request), finished);
                    inFlight++;
                    continue;
                }
                Finished outcome = finished.take();
                inFlight--;
                if (outcome.error() != null) {
                    if (failure == null) {
                        failure = outcome.error();
                    }
                    continue;
                }
                Pending<T> answered = pending.get(outcome.request());
                T result = answered.call().result(outcome.answer());
                answered.positions().forEach(position -> results.set(position, result));
                done += answered.positions().size();
                progress.update(task, done, total);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LanguageModelException("interrupted while waiting for " + identity.name() + "'s answers ("
                    + done + " of " + total + " done and cached)", e);
        }
        if (failure != null) {
            throw failure instanceof LanguageModelException known ? known
                    : new LanguageModelException(redact(String.valueOf(failure.getMessage())), failure);
        }
        return results;
    }

    /** The cached result of a call, or null when it must be asked (missing, corrupted or unreadable entry). */
    private <T> T cached(String key, Call<T> call) {
        if (cache == null) {
            return null;
        }
        RequestCache.Lookup lookup = cache.read(identity, key);
        if (lookup.status() == FeatureCache.Status.MISSING) {
            return null;
        }
        if (lookup.status() == FeatureCache.Status.VALID) {
            try {
                T result = call.result(mapper.readTree(lookup.answer()));
                cacheHits.incrementAndGet();
                return result;
            } catch (IOException | RuntimeException unreadable) {
                // Falls through: a checksummed entry the code cannot read is recomputed like a corrupted one.
            }
        }
        repaired.incrementAndGet();
        return null;
    }

    private <T> void launch(String request, Pending<T> pending, BlockingQueue<Finished> finished) {
        Call<T> call = pending.call();
        CompletableFuture<JsonNode> answer;
        try {
            answer = send(call.route(), request.substring(pending.bodyStart()), 0).thenApply(reply -> {
                JsonNode value = call.answer(reply.json(), reply.server());
                if (cache != null) {
                    cache.write(identity, request, CanonicalJson.write(mapper, value));
                }
                return value;
            });
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((value, error) -> {
            permits.release();
            finished.add(new Finished(request, value, error == null ? null : unwrap(error)));
        });
    }

    private record Reply(String server, JsonNode json) {
    }

    /** Sends a request, retrying retryable failures; completes with the parsed 2xx response. */
    private CompletableFuture<Reply> send(Route route, String body, int retries) {
        Replica replica = pick();
        URI uri = replica.uri(route);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        replica.outstanding().incrementAndGet();
        sent.incrementAndGet();
        // Bytes, not a String: Jackson parses UTF-8 directly, saving a decode and a copy of every response.
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    replica.outstanding().decrementAndGet();
                    Outcome outcome = outcome(uri, response, error == null ? null : unwrap(error), retries);
                    recordHealth(replica, outcome);
                    return outcome;
                })
                .thenCompose(outcome -> {
                    if (outcome.reply() != null) {
                        return CompletableFuture.completedFuture(outcome.reply());
                    }
                    if (outcome.retryAfter() == null) {
                        return CompletableFuture.failedFuture(outcome.failure());
                    }
                    // Said out loud: a run waiting on a restarting server should not look hung.
                    retryNotices.accept("POST " + uri + ": " + outcome.reason() + "; retry " + (retries + 1) + " of "
                            + retry.maxRetries() + " in " + String.format(java.util.Locale.ROOT, "%.1f",
                            outcome.retryAfter().toMillis() / 1000.0) + " s");
                    Executor later = CompletableFuture.delayedExecutor(outcome.retryAfter().toNanos(),
                            TimeUnit.NANOSECONDS, executor);
                    return CompletableFuture.supplyAsync(() -> null, later)
                            .thenCompose(ignored -> send(route, body, retries + 1));
                });
    }

    /**
     * What one attempt gave: a reply, a failure to retry after a delay, or a final failure.
     *
     * @param reply      the parsed 2xx response, or null
     * @param retryAfter how long to wait before the next attempt, or null when not retrying
     * @param failure    what went wrong, or null
     */
    private record Outcome(Reply reply, Duration retryAfter, LanguageModelException failure, String reason) {
        Outcome(Reply reply, Duration retryAfter, LanguageModelException failure) {
            this(reply, retryAfter, failure, "");
        }
    }

    private Outcome outcome(URI uri, HttpResponse<byte[]> response, Throwable error, int retries) {
        String where = "POST " + uri;
        if (error != null) {
            String why = redact(error.getClass().getSimpleName()
                    + (error.getMessage() == null ? "" : ": " + error.getMessage()));
            if (error instanceof IOException && retries < retry.maxRetries()) {
                return new Outcome(null, retry.delay(retries + 1, Optional.empty(), random()), null, why);
            }
            return new Outcome(null, null, new LanguageModelException(where + " failed" + attempts(retries) + ": "
                    + why + (error instanceof IOException ? "" : " (not retried)")));
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            try {
                return new Outcome(new Reply(uri.toString(), mapper.readTree(response.body())), null, null);
            } catch (IOException e) {
                return new Outcome(null, null, new LanguageModelException(where + " returned HTTP " + status
                        + " with a body that is not JSON: " + quote(text(response.body()))));
            }
        }
        boolean retryable = RetryPolicy.retryable(status);
        if (retryable && retries < retry.maxRetries()) {
            Optional<Duration> asked = RetryPolicy.parseRetryAfter(response.headers().firstValue("Retry-After"),
                    Instant.now());
            return new Outcome(null, retry.delay(retries + 1, asked, random()), null, "HTTP " + status);
        }
        return new Outcome(null, null, new StatusException(status, where + " failed" + attempts(retries)
                + ": HTTP " + status + ": " + serverMessage(text(response.body()))
                + (retryable ? "" : " (not retried: the request itself was refused)")));
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static String attempts(int retries) {
        return retries == 0 ? "" : " after " + (retries + 1) + " attempts";
    }

    private static double random() {
        return ThreadLocalRandom.current().nextDouble();
    }

    /** The message of an OpenAI-style error body ({@code error.message}, {@code message}, {@code detail}). */
    private String serverMessage(String body) {
        try {
            JsonNode json = mapper.readTree(body);
            for (JsonNode candidate : List.of(json.path("error").path("message"), json.path("message"),
                    json.path("detail"), json.path("error"))) {
                if (candidate.isTextual()) {
                    return quote(candidate.asText());
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // Quoted as it is below.
        }
        return quote(body);
    }

    /** A server's text, shortened and with the API key removed. */
    private String quote(String text) {
        String redacted = redact(text == null ? "" : text.strip());
        return redacted.length() > 500 ? redacted.substring(0, 500) + "..." : redacted;
    }

    /** The text with every occurrence of the API key replaced. */
    String redact(String text) {
        return apiKey == null || text == null ? text : text.replace(apiKey, REDACTED);
    }

    /**
     * The available replica with the fewest requests outstanding, ties going round robin; when every replica is
     * being avoided, the one available soonest.
     */
    private Replica pick() {
        long now = System.nanoTime();
        int start = Math.floorMod(roundRobin.getAndIncrement(), replicas.size());
        Replica best = null;
        for (int k = 0; k < replicas.size(); k++) {
            Replica candidate = replicas.get((start + k) % replicas.size());
            if (best == null || better(candidate, best, now)) {
                best = candidate;
            }
        }
        return best;
    }

    private static boolean better(Replica candidate, Replica best, long now) {
        boolean available = candidate.available(now);
        if (available != best.available(now)) {
            return available;
        }
        if (!available) {
            return candidate.avoidUntilNanos().get() - best.avoidUntilNanos().get() < 0;
        }
        return candidate.outstanding().get() < best.outstanding().get();
    }

    /** A success makes a replica healthy; a retryable failure sets it aside for a growing backoff. */
    private void recordHealth(Replica replica, Outcome outcome) {
        if (outcome.reply() != null) {
            replica.failures().set(0);
        } else if (outcome.retryAfter() != null) {
            int failures = replica.failures().incrementAndGet();
            Duration pause = retry.delay(failures, Optional.empty(), 1.0);
            replica.avoidUntilNanos().set(System.nanoTime() + pause.toNanos());
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A server refused a request with an HTTP status (after any retries). */
    static final class StatusException extends LanguageModelException {

        private static final long serialVersionUID = 1L;

        private final int status;

        StatusException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status. */
        int status() {
            return status;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "replicas=" + baseUrls() + ", maxInFlight=" + maxInFlight + ", apiKey=" + (hasApiKey() ? "set" : "none")
                + ", cache=" + (cache == null ? "none" : cache.root());
    }
}
