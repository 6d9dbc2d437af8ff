package org.easy2hard.model.openai;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.easy2hard.model.ModelIdentity;
import org.easy2hard.model.RequestCache;

/**
 * The settings every client of an OpenAI-compatible server shares (served model, replicas, API key, limits,
 * retries, request cache); the builders of {@link OpenAiCompatibleModel} and {@link OpenAiEmbeddingEncoder} extend
 * it.
 *
 * @param <B> the concrete builder
 */
abstract class ClientBuilder<B extends ClientBuilder<B>> {

    /** The revision recorded when none is given: results are then only as reproducible as the server's weights. */
    public static final String UNKNOWN_REVISION = "unknown-revision";

    /** The environment variable the API key is read from by default. */
    public static final String DEFAULT_API_KEY_VARIABLE = "OPENAI_API_KEY";

    private String model;
    private List<String> baseUrls = List.of();
    private String apiKeyVariable = DEFAULT_API_KEY_VARIABLE;
    private Supplier<String> apiKey;
    private String revision = UNKNOWN_REVISION;
    private final Map<String, String> settings = new TreeMap<>();
    private int maxInFlight = 64;
    private Duration requestTimeout = Duration.ofMinutes(5);
    private int maxRetries = 8;
    private Duration backoffInitial = Duration.ofMillis(500);
    private Duration backoffMax = Duration.ofSeconds(30);
    private java.util.function.Consumer<String> retryNotices = notice -> System.err.println("easy2hard: " + notice);
    private RequestCache cache;
    private boolean cached = true;

    ClientBuilder() {
    }

    abstract B self();

    /** The model's name as the server serves it (its {@code --served-model-name}, e.g. {@code meta-llama/Llama-2-7b-hf}). */
    public B setModel(String servedName) {
        this.model = Objects.requireNonNull(servedName, "servedName");
        return self();
    }

    /** The base URLs and served model of a parsed server reference ({@code URL[,URL...]#NAME}). */
    public B setServer(org.easy2hard.model.ModelReference.Server server) {
        setBaseUrls(server.urls());
        return setModel(server.servedModel());
    }

    /**
     * The server's API base, or several replicas serving the same model, e.g. {@code http://gpu1:8000/v1}. Work is
     * spread over them; which one answers never changes a result or a cache key.
     */
    public B setBaseUrls(String... baseUrls) {
        return setBaseUrls(Arrays.asList(baseUrls));
    }

    /** As {@link #setBaseUrls(String...)}. */
    public B setBaseUrls(List<String> baseUrls) {
        this.baseUrls = List.copyOf(baseUrls);
        return self();
    }

    /**
     * The environment variable holding the API key (default {@value #DEFAULT_API_KEY_VARIABLE}); when it is unset or
     * empty no key is sent (vLLM serves without one unless started with {@code --api-key}).
     */
    public B optApiKeyEnvironmentVariable(String name) {
        this.apiKeyVariable = Objects.requireNonNull(name, "name");
        return self();
    }

    /** Where the API key comes from instead of the environment (for tests and secret stores); null means none. */
    public B optApiKey(Supplier<String> apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        return self();
    }

    /**
     * The model's revision or weights hash (e.g. the Hugging Face commit the server loaded); recorded as the
     * identity's weights hash, so cached answers of another revision are never reused. Default
     * {@value #UNKNOWN_REVISION}.
     */
    public B optRevision(String revision) {
        this.revision = Objects.requireNonNull(revision, "revision");
        return self();
    }

    /**
     * A server-side setting that changes answers (dtype, quantization, pooling, ...), recorded in the identity and
     * so in every cache key and manifest.
     */
    public B optSetting(String key, String value) {
        settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return self();
    }

    /** The most requests in flight over all replicas (default 64). */
    public B optMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
        return self();
    }

    /** How long one attempt may take before it is abandoned and retried (default 5 minutes). */
    public B optRequestTimeout(Duration timeout) {
        this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
        return self();
    }

    /** How often a request is sent again after a 408/429/5xx, a refused or dropped connection or a timeout (default 8). */
    public B optMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
        return self();
    }

    /**
     * The backoff between retries: at most {@code initial}, doubling each retry up to {@code max}, half of it random
     * (defaults 0.5 s and 30 s); a server's {@code Retry-After} replaces it.
     */
    public B optRetryBackoff(Duration initial, Duration max) {
        this.backoffInitial = Objects.requireNonNull(initial, "initial");
        this.backoffMax = Objects.requireNonNull(max, "max");
        return self();
    }

    /** Who is told of each retry and how long it waits (default: a line on standard error). */
    public B optRetryNotices(java.util.function.Consumer<String> notices) {
        this.retryNotices = Objects.requireNonNull(notices, "notices");
        return self();
    }

    /** Where answers are cached (default {@link RequestCache#fromSettings()}: {@code <cache>/requests}). */
    public B optRequestCache(RequestCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.cached = true;
        return self();
    }

    /** Asks the server every time (benchmarks); an interrupted run then starts over. */
    public B optNoRequestCache() {
        this.cache = null;
        this.cached = false;
        return self();
    }

    /** The identity: served name, revision and the given fixed settings plus the user's. */
    final ModelIdentity identity(Map<String, String> fixed) {
        if (model == null || model.isBlank()) {
            throw new IllegalStateException("setModel(servedName) is required");
        }
        Map<String, String> all = new TreeMap<>(settings);
        all.putAll(fixed);
        return new ModelIdentity(model, "OpenAI-compatible server", revision, all);
    }

    /** The HTTP client for an identity. */
    final ServerClient client(ModelIdentity identity) {
        if (baseUrls.isEmpty()) {
            throw new IllegalStateException("setBaseUrls(...) is required, e.g. http://localhost:8000/v1");
        }
        Supplier<String> key = apiKey != null ? apiKey : () -> System.getenv(apiKeyVariable);
        RequestCache requests = cached ? (cache != null ? cache : RequestCache.fromSettings()) : null;
        return new ServerClient(baseUrls, key, maxInFlight, requestTimeout,
                new RetryPolicy(maxRetries, backoffInitial, backoffMax), requests, identity, retryNotices);
    }
}
