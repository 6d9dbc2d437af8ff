package org.easy2hard.model.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.easy2hard.model.Generation;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.ModelIdentity;
import org.easy2hard.model.OptionTokens;
import org.easy2hard.model.Progress;
import org.easy2hard.model.RequestCache;

/**
 * A causal language model behind a server speaking the OpenAI completions protocol: vLLM (one GPU, tensor/pipeline
 * parallel over many, or several replicas), SGLang, TGI, llama.cpp's server.
 *
 * <p><b>Scoring</b> sends {@code POST /v1/completions} with {@code temperature 0} and {@code max_tokens 1} (the
 * smallest value all servers accept: OpenAI's legacy API took 0, vLLM's sampling parameters require at least 1), and
 * either {@code echo: true, logprobs: 1} ({@link Scoring#ECHO_LOGPROBS}, the default, understood by most servers) or
 * vLLM's {@code prompt_logprobs: 1} ({@link Scoring#PROMPT_LOGPROBS}). The prompt follows the option-token rule:
 * <ul>
 *   <li>{@link OptionTokens#AUTHORS} (default, the paper's): the context is tokenized by the server's
 *       {@code /tokenize} with its special tokens (the BOS its template adds: {@code <s>} for Llama 2,
 *       {@code <|begin_of_text|>} for Llama 3, none for Qwen, which is the paper's rule for these models; a model
 *       whose template differs from {@code bos_token_id} cannot be matched here), the option without its leading
 *       space on its own without special tokens, and the completions API gets the joined token ids; the
 *       continuation is the option's tokens. A server without {@code /tokenize} cannot follow this rule and is
 *       refused with a message naming {@link OptionTokens#JOINT}.</li>
 *   <li>{@link OptionTokens#JOINT}: context and continuation go as one text, tokenized by the server with its BOS;
 *       the continuation's tokens are read as {@link PromptLogprobs} describes: those ending after the context's last
 *       character (close to lm-evaluation-harness's split, but not the paper's tokens for byte-level models).</li>
 * </ul>
 *
 * <p><b>Generation</b> sends the prompt with {@code temperature 0}, the token limit and the stop strings, and cuts the
 * text again at the first stop string (servers differ in whether they do); {@code finish_reason} "length" becomes
 * {@link Generation#LENGTH}, anything else (and a client-side cut) {@link Generation#STOP}. The token count is the
 * server's {@code usage.completion_tokens}, 0 when it reports none.
 *
 * <p><b>Token counts</b> come from vLLM's {@code POST /tokenize} ({@code add_special_tokens: false}) at the server's
 * root; a server without it (404, 405, 501) is asked for an echo of each text with log-probs instead, and the first
 * echoed token is not counted when the text does not start with it (a BOS token such as {@code <s>}). Both are
 * cached.
 *
 * <p><b>Identity and cache.</b> The identity's name is the served model name, its weights hash the revision given to
 * the builder ({@value ClientBuilder#UNKNOWN_REVISION} otherwise), its settings the API and scoring layout plus the
 * user's {@code optSetting}s. Every request is looked up in the {@link RequestCache} first, under the identity and the
 * canonical request (never the base URL or API key), and every answer read is stored, so a rerun after an
 * interruption sends only what was not answered, and results do not depend on batch size, requests in flight or
 * replicas.
 *
 * <p>Thread-safe; concurrent calls share the in-flight limit. Close to stop the HTTP client's threads.
 */
public final class OpenAiCompatibleModel implements LanguageModel {

    /** How the server is asked for the prompt's log-probabilities. */
    public enum Scoring {
        /** {@code echo: true, logprobs: 1}: the legacy completions layout (vLLM, SGLang, OpenAI's legacy API). */
        ECHO_LOGPROBS("echo-logprobs"),
        /** vLLM's {@code prompt_logprobs: 1} extension, read from {@code choices[0].prompt_logprobs}. */
        PROMPT_LOGPROBS("prompt-logprobs");

        private final String setting;

        Scoring(String setting) {
            this.setting = setting;
        }

        /** The identity setting's value. */
        public String setting() {
            return setting;
        }
    }

    /** The context length used when none is given: the paper's 2,048 tokens. */
    public static final int DEFAULT_CONTEXT_LENGTH = 2048;

    private static final int SCORING_MAX_TOKENS = 1;

    private final ModelIdentity identity;
    private final ServerClient client;
    private final int contextLength;
    private final Scoring scoring;
    private final OptionTokens optionTokens;
    /** Null until the first token count; then whether the server has {@code /tokenize}. */
    private volatile Boolean tokenizeAvailable;

    private OpenAiCompatibleModel(Builder builder) {
        if (builder.contextLength < 1) {
            throw new IllegalArgumentException("contextLength must be >= 1, was " + builder.contextLength);
        }
        this.scoring = builder.scoring;
        this.optionTokens = builder.optionTokens;
        this.identity = builder.identity(Map.of("api", "openai-completions", "scoring", scoring.setting(),
                "optionTokens", optionTokens.label()));
        this.client = builder.client(identity);
        this.contextLength = builder.contextLength;
    }

    /** A builder; {@link Builder#setModel} and {@link Builder#setBaseUrls} are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ModelIdentity identity() {
        return identity;
    }

    /** The configured limit (the server refuses longer requests itself, with a message saying so). */
    @Override
    public int contextLength() {
        return contextLength;
    }

    /** The server base URLs, as given. */
    public List<String> baseUrls() {
        return client.baseUrls();
    }

    /** The request cache, or null when answers are not cached. */
    public RequestCache requestCache() {
        return client.cache();
    }

    /** Requests sent so far (each retry counts), answers served from the cache, corrupted entries recomputed. */
    public long[] requestCounters() {
        return client.counters();
    }

    @Override
    public List<LogLikelihood> logLikelihoods(List<LogLikelihoodRequest> requests, Progress progress) {
        Objects.requireNonNull(progress, "progress");
        if (optionTokens == OptionTokens.JOINT) {
            List<ScoreCall> calls = requests.stream().map(ScoreCall::new).toList();
            return client.run("scoring with " + identity.name(), calls, progress);
        }
        return new SeparateOptionScoring(client, identity.name(), scoring == Scoring.ECHO_LOGPROBS)
                .score(requests, progress);
    }

    @Override
    public List<Generation> generate(List<GenerationRequest> requests, Progress progress) {
        List<GenerateCall> calls = requests.stream().map(GenerateCall::new).toList();
        return client.run("generating with " + identity.name(), calls, Objects.requireNonNull(progress, "progress"));
    }

    @Override
    public int[] tokenCounts(List<String> texts, Progress progress) {
        Objects.requireNonNull(progress, "progress");
        int[] counts = new int[texts.size()];
        List<Integer> positions = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!texts.get(i).isEmpty()) { // an empty text has no tokens; servers refuse empty prompts
                positions.add(i);
                asked.add(texts.get(i));
            }
        }
        String task = "counting tokens with " + identity.name();
        List<Integer> found = null;
        if (!Boolean.FALSE.equals(tokenizeAvailable) && !asked.isEmpty()) {
            try {
                found = new ArrayList<>();
                int from = 0;
                if (tokenizeAvailable == null) {
                    // One text first: a server without /tokenize then costs one refused request, not a batch.
                    found.addAll(client.run(task, List.of(new TokenizeCall(asked.get(0))), Progress.NONE));
                    tokenizeAvailable = true;
                    from = 1;
                }
                int asked0 = from;
                found.addAll(client.run(task, asked.subList(from, asked.size()).stream().map(TokenizeCall::new)
                        .toList(), (t, done, total) -> progress.update(t, asked0 + done, asked0 + total)));
            } catch (ServerClient.StatusException e) {
                if (e.status() != 404 && e.status() != 405 && e.status() != 501) {
                    throw e;
                }
                tokenizeAvailable = false;
                found = null;
            }
        }
        if (found == null) {
            found = client.run(task, asked.stream().map(EchoCountCall::new).toList(), progress);
        }
        for (int j = 0; j < positions.size(); j++) {
            counts[positions.get(j)] = found.get(j);
        }
        return counts;
    }

    /** Scores one continuation. */
    private final class ScoreCall extends ServerClient.Call<LogLikelihood> {
        private final LogLikelihoodRequest request;

        ScoreCall(LogLikelihoodRequest request) {
            super(ServerClient.Route.COMPLETIONS);
            this.request = Objects.requireNonNull(request, "request");
        }

        @Override
        ObjectNode body() {
            ObjectNode body = client.body()
                    .put("prompt", request.context() + request.continuation())
                    .put("max_tokens", SCORING_MAX_TOKENS)
                    .put("temperature", 0);
            return CachedAnswers.askForPromptLogprobs(body, scoring == Scoring.ECHO_LOGPROBS);
        }

        @Override
        String readingKey() {
            // The same prompt split elsewhere scores other tokens.
            String continuation = request.continuation();
            return "continuation_code_points=" + continuation.codePointCount(0, continuation.length());
        }

        @Override
        JsonNode answer(JsonNode response, String server) {
            String continuation = request.continuation();
            LogLikelihood value = PromptLogprobs.continuation(response, server,
                    continuation.codePointCount(0, continuation.length()), SCORING_MAX_TOKENS);
            return CachedAnswers.cachedAnswer(client, value);
        }

        @Override
        LogLikelihood result(JsonNode answer) {
            return CachedAnswers.fromCachedAnswer(answer);
        }
    }

    /** Generates one continuation. */
    private final class GenerateCall extends ServerClient.Call<Generation> {
        private final GenerationRequest request;

        GenerateCall(GenerationRequest request) {
            super(ServerClient.Route.COMPLETIONS);
            this.request = Objects.requireNonNull(request, "request");
        }

        @Override
        ObjectNode body() {
            ObjectNode body = client.body()
                    .put("prompt", request.prompt())
                    .put("max_tokens", request.maxTokens())
                    .put("temperature", 0);
            if (!request.stop().isEmpty()) {
                ArrayNode stop = body.putArray("stop");
                request.stop().forEach(stop::add);
            }
            return body;
        }

        @Override
        JsonNode answer(JsonNode response, String server) {
            JsonNode choice = response.path("choices").path(0);
            if (!choice.path("text").isTextual()) {
                throw new LanguageModelException("server " + server + " returned no choices[0].text for a "
                        + "generation request");
            }
            ObjectNode answer = client.mapper().createObjectNode().put("text", choice.path("text").asText());
            answer.put("finish_reason", choice.path("finish_reason").asText(""));
            JsonNode tokens = response.path("usage").path("completion_tokens");
            answer.put("completion_tokens", tokens.isIntegralNumber() ? tokens.asInt() : 0);
            return answer;
        }

        @Override
        Generation result(JsonNode answer) {
            String text = CachedAnswers.requireText(answer.get("text")).asText();
            int cut = firstStop(text, request.stop());
            String finish = cut >= 0 ? Generation.STOP
                    : "length".equals(answer.path("finish_reason").asText()) ? Generation.LENGTH : Generation.STOP;
            return new Generation(cut >= 0 ? text.substring(0, cut) : text,
                    CachedAnswers.requireNumber(answer.get("completion_tokens")).asInt(), finish);
        }
    }

    /** Where the earliest stop string starts, or -1. */
    static int firstStop(String text, List<String> stop) {
        int first = -1;
        for (String s : stop) {
            int at = text.indexOf(s);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /** Counts a text's tokens with vLLM's {@code /tokenize}. */
    private final class TokenizeCall extends ServerClient.Call<Integer> {
        private final String text;

        TokenizeCall(String text) {
            super(ServerClient.Route.TOKENIZE);
            this.text = text;
        }

        @Override
        ObjectNode body() {
            return client.body().put("prompt", text).put("add_special_tokens", false);
        }

        @Override
        JsonNode answer(JsonNode response, String server) {
            JsonNode count = response.path("count");
            int value;
            if (count.isIntegralNumber()) {
                value = count.asInt();
            } else if (response.path("tokens").isArray()) {
                value = response.path("tokens").size();
            } else {
                throw new LanguageModelException("server " + server + " answered /tokenize without 'count' or "
                        + "'tokens'");
            }
            return client.mapper().createObjectNode().put("count", value);
        }

        @Override
        Integer result(JsonNode answer) {
            return CachedAnswers.requireNumber(answer.get("count")).asInt();
        }
    }

    /** Counts a text's tokens from an echo of it, for servers without {@code /tokenize}. */
    private final class EchoCountCall extends ServerClient.Call<Integer> {
        private final String text;

        EchoCountCall(String text) {
            super(ServerClient.Route.COMPLETIONS);
            this.text = text;
        }

        @Override
        ObjectNode body() {
            return client.body().put("prompt", text).put("max_tokens", SCORING_MAX_TOKENS).put("temperature", 0)
                    .put("echo", true).put("logprobs", 1);
        }

        @Override
        String readingKey() {
            return "token_count";
        }

        @Override
        JsonNode answer(JsonNode response, String server) {
            JsonNode tokens = response.path("choices").path(0).path("logprobs").path("tokens");
            if (!tokens.isArray() || tokens.isEmpty()) {
                throw new LanguageModelException("server " + server + " has no /tokenize and echoes no tokens: "
                        + "cannot count tokens");
            }
            JsonNode usage = response.path("usage").path("prompt_tokens");
            int prompt = usage.isIntegralNumber() ? usage.asInt() : tokens.size() - SCORING_MAX_TOKENS;
            String first = tokens.get(0).asText();
            boolean special = first.isEmpty() || !text.startsWith(first);
            return client.mapper().createObjectNode().put("count", Math.max(0, prompt - (special ? 1 : 0)));
        }

        @Override
        Integer result(JsonNode answer) {
            return CachedAnswers.requireNumber(answer.get("count")).asInt();
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleModel[" + identity.name() + ", revision=" + identity.weightsSha256() + ", scoring="
                + scoring.setting() + ", contextLength=" + contextLength + ", " + client + "]";
    }

    /** Builds an {@link OpenAiCompatibleModel}; the shared server settings are inherited. */
    public static final class Builder extends ClientBuilder<Builder> {
        private int contextLength = DEFAULT_CONTEXT_LENGTH;
        private Scoring scoring = Scoring.ECHO_LOGPROBS;
        private OptionTokens optionTokens = OptionTokens.AUTHORS;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** The most tokens per sequence that prompt builders may use (default {@value #DEFAULT_CONTEXT_LENGTH}). */
        public Builder optContextLength(int contextLength) {
            this.contextLength = contextLength;
            return this;
        }

        /** How prompt log-probabilities are asked for (default {@link Scoring#ECHO_LOGPROBS}). */
        public Builder optScoring(Scoring scoring) {
            this.scoring = Objects.requireNonNull(scoring, "scoring");
            return this;
        }

        /**
         * How option tokens are formed (default {@link OptionTokens#AUTHORS}, the paper's: needs the server's
         * {@code /tokenize}; {@link OptionTokens#JOINT} sends the joined text).
         */
        public Builder optOptionTokens(OptionTokens rule) {
            this.optionTokens = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** The model; it sends nothing until first used. */
        public OpenAiCompatibleModel build() {
            return new OpenAiCompatibleModel(this);
        }
    }
}
