package org.easy2hard.model.openai;


import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.LogLikelihoodRequest;

/**
 * A server's pre-flight check, run before any work or any run directory: the models endpoint answers and lists the
 * model, tokenization works, and one scoring request returns the prompt's log-probabilities. Each step has a short
 * timeout and no retries, so a wrong URL, a dead server, a missing API key or a server without prompt log-probs
 * fails in seconds with one line saying what is wrong and what to try, instead of minutes of retries ending in a
 * stack trace.
 */
public final class ServerCheck {

    /** The default time each step may take. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration MINIMUM_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final List<String> baseUrls;
    private final String model;
    private final Supplier<String> apiKey;
    private final String apiKeyVariable;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param baseUrls       the API bases, e.g. {@code http://localhost:8000/v1}
     * @param model          the served model name
     * @param apiKey         the key (may supply null: none)
     * @param apiKeyVariable the environment variable the key comes from, for messages
     * @param timeout        how long each step may take
     */
    public ServerCheck(List<String> baseUrls, String model, Supplier<String> apiKey, String apiKeyVariable,
            Duration timeout) {
        this.baseUrls = List.copyOf(baseUrls);
        this.model = Objects.requireNonNull(model, "model");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.apiKeyVariable = Objects.requireNonNull(apiKeyVariable, "apiKeyVariable");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Checks every server.
     *
     * @throws LanguageModelException with a one-line message naming the server, what failed and what to try
     */
    public void run() {
        for (String base : baseUrls) {
            checkModels(base);
            checkScoring(base);
        }
    }

    private void checkModels(String base) {
        URI uri = URI.create(base.endsWith("/") ? base + "models" : base + "/models");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json");
        String key = apiKey.get();
        if (key != null && !key.isBlank()) {
            request.header("Authorization", "Bearer " + key.trim());
        }
        HttpResponse<String> response;
        // Java 17's HttpClient is not closeable; it holds no thread once the request is answered.
        // Connecting gets at least 10 s whatever the answer timeout: a loaded machine can be slow to accept.
        Duration connect = timeout.compareTo(MINIMUM_CONNECT_TIMEOUT) > 0 ? timeout : MINIMUM_CONNECT_TIMEOUT;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connect).build();
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw fail(base, "no connection within " + connect.toSeconds() + " s (wrong host or port, or a "
                    + "firewall?); check --lm-url");
        } catch (ConnectException e) {
            throw fail(base, "nothing is listening there (connection refused); start the server or check --lm-url");
        } catch (HttpTimeoutException e) {
            throw fail(base, "GET " + uri + " got no answer within " + seconds() + "; is the server still loading "
                    + "the model, or overloaded?");
        } catch (IOException e) {
            throw fail(base, "GET " + uri + " failed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check --lm-url");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(base, "interrupted");
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw fail(base, "the server refused the request (HTTP " + status + "): "
                    + (key == null || key.isBlank() ? "it needs an API key; set $" + apiKeyVariable
                    : "the API key in $" + apiKeyVariable + " is not accepted"));
        }
        if (status == 404) {
            throw fail(base, "GET " + uri + " is not found (HTTP 404); --lm-url must be the API base, usually ending "
                    + "in /v1");
        }
        if (status / 100 != 2) {
            throw fail(base, "GET " + uri + " answered HTTP " + status + " (" + shorten(response.body())
                    + "); see the server's log");
        }
        List<String> served = new ArrayList<>();
        try {
            json.readTree(response.body()).path("data").forEach(entry -> served.add(entry.path("id").asText()));
        } catch (IOException e) {
            throw fail(base, "GET " + uri + " did not return JSON (" + shorten(response.body())
                    + "); is this an OpenAI-compatible server?");
        }
        if (!served.isEmpty() && !served.contains(model)) {
            throw fail(base, "the server does not serve '" + model + "'; it serves " + String.join(", ", served)
                    + ": pass one with --lm-model");
        }
    }

    private void checkScoring(String base) {
        try (OpenAiCompatibleModel probe = OpenAiCompatibleModel.builder().setModel(model).setBaseUrls(base)
                .optApiKey(apiKey).optNoRequestCache().optMaxRetries(0).optRequestTimeout(timeout).build()) {
            try {
                probe.tokenCounts(List.of("The sky is blue."), org.easy2hard.model.Progress.NONE);
            } catch (LanguageModelException e) {
                throw fail(base, "tokenization failed: " + e.getMessage());
            }
            try {
                probe.logLikelihoods(List.of(new LogLikelihoodRequest("The sky is", " blue")),
                        org.easy2hard.model.Progress.NONE);
            } catch (LanguageModelException e) {
                throw fail(base, "a scoring request failed: " + e.getMessage() + " (the server must return the "
                        + "prompt's log-probabilities: echo with logprobs, or vLLM's prompt_logprobs)");
            }
        }
    }

    private String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static String shorten(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
    }

    private static LanguageModelException fail(String base, String what) {
        return new LanguageModelException("server check failed for " + base + ": " + what);
    }
}
