package org.easy2hard.model.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.OptionTokens;
import org.easy2hard.model.Progress;

/**
 * Scoring by the paper's option-token rule ({@link OptionTokens#AUTHORS}) on a completions server: the context's
 * token ids from {@code /tokenize} with the template's special tokens, the option's (without its leading space) without
 * them, and the joined ids sent as the prompt; the continuation is the option's last tokens. Token ids and scores go
 * through the request cache like every other call.
 */
final class SeparateOptionScoring {

    private static final int SCORING_MAX_TOKENS = 1;

    private final ServerClient client;
    private final String name;
    private final boolean echo;

    /**
     * @param client the server client
     * @param name   the served model's name, for progress and messages
     * @param echo   whether log-probs are asked with {@code echo}/{@code logprobs}, else vLLM's {@code prompt_logprobs}
     */
    SeparateOptionScoring(ServerClient client, String name, boolean echo) {
        this.client = client;
        this.name = name;
        this.echo = echo;
    }

    /** Scores the requests. */
    List<LogLikelihood> score(List<LogLikelihoodRequest> requests, Progress progress) {
        // The paper's rule: the context's tokens (with the template's BOS), then the option's own tokens.
        Map<String, long[]> contexts = tokenIds(requests.stream().map(LogLikelihoodRequest::context).toList(), true,
                progress);
        Map<String, long[]> answers = tokenIds(requests.stream()
                .map(r -> OptionTokens.answerText(r.continuation())).toList(), false, progress);
        List<ScoreIdsCall> calls = new ArrayList<>();
        for (LogLikelihoodRequest request : requests) {
            long[] context = contexts.get(request.context());
            long[] answer = answers.get(OptionTokens.answerText(request.continuation()));
            if (answer.length == 0) {
                throw new LanguageModelException("continuation '" + request.continuation() + "' has no tokens");
            }
            long[] prompt = Arrays.copyOf(context, context.length + answer.length);
            System.arraycopy(answer, 0, prompt, context.length, answer.length);
            calls.add(new ScoreIdsCall(prompt, answer.length));
        }
        return client.run("scoring with " + name, calls, progress);
    }

    /** The server's token ids of each distinct text (empty texts have none and are not sent). */
    private Map<String, long[]> tokenIds(List<String> texts, boolean specialTokens, Progress progress) {
        List<String> distinct = texts.stream().distinct().filter(t -> !t.isEmpty()).toList();
        Map<String, long[]> ids = new HashMap<>();
        ids.put("", new long[0]);
        List<long[]> found;
        try {
            found = client.run("tokenizing with " + name, distinct.stream()
                    .map(text -> new TokenIdsCall(text, specialTokens)).toList(), progress);
        } catch (ServerClient.StatusException e) {
            if (e.status() == 404 || e.status() == 405 || e.status() == 501) {
                throw new LanguageModelException("server has no /tokenize (HTTP " + e.status() + "), which the "
                        + "paper's option tokens need (prompt and option tokenized apart); score the joined text "
                        + "instead with optOptionTokens(OptionTokens.JOINT)", e);
            }
            throw e;
        }
        for (int i = 0; i < distinct.size(); i++) {
            ids.put(distinct.get(i), found.get(i));
        }
        if (specialTokens && texts.contains("")) {
            // an empty context still gets the template's BOS
            ids.put("", client.run("tokenizing with " + name, List.of(new TokenIdsCall("", true)),
                    Progress.NONE).get(0));
        }
        return ids;
    }

    /** Scores the last tokens of a prompt sent as token ids. */
    private final class ScoreIdsCall extends ServerClient.Call<LogLikelihood> {
        private final long[] prompt;
        private final int continuation;

        ScoreIdsCall(long[] prompt, int continuation) {
            super(ServerClient.Route.COMPLETIONS);
            this.prompt = prompt;
            this.continuation = continuation;
        }

        @Override
        ObjectNode body() {
            ObjectNode body = client.body().put("max_tokens", SCORING_MAX_TOKENS).put("temperature", 0);
            ArrayNode ids = body.putArray("prompt");
            for (long id : prompt) {
                ids.add(id);
            }
            return CachedAnswers.askForPromptLogprobs(body, echo);
        }

        @Override
        String readingKey() {
            return "continuation_tokens=" + continuation;
        }

        @Override
        JsonNode answer(JsonNode response, String server) {
            LogLikelihood value = PromptLogprobs.lastTokens(response, server, continuation, SCORING_MAX_TOKENS);
            return CachedAnswers.cachedAnswer(client, value);
        }

        @Override
        LogLikelihood result(JsonNode answer) {
            return CachedAnswers.fromCachedAnswer(answer);
        }
    }

    /** A text's token ids from vLLM's {@code /tokenize}, with or without the template's special tokens. */
    private final class TokenIdsCall extends ServerClient.Call<long[]> {
        private final String text;
        private final boolean specialTokens;

        TokenIdsCall(String text, boolean specialTokens) {
            super(ServerClient.Route.TOKENIZE);
            this.text = text;
            this.specialTokens = specialTokens;
        }

        @Override
        ObjectNode body() {
            return client.body().put("prompt", text).put("add_special_tokens", specialTokens);
        }

        @Override
        String readingKey() {
            return "token_ids";
        }

        @Override
        JsonNode answer(JsonNode response, String server) {
            JsonNode tokens = response.path("tokens");
            if (!tokens.isArray()) {
                throw new LanguageModelException("server " + server + " answered /tokenize without 'tokens': the "
                        + "paper's option tokens need the ids; use optOptionTokens(OptionTokens.JOINT)");
            }
            ArrayNode ids = client.mapper().createObjectNode().putArray("tokens");
            tokens.forEach(id -> ids.add(id.asLong()));
            return client.mapper().createObjectNode().set("tokens", ids);
        }

        @Override
        long[] result(JsonNode answer) {
            JsonNode tokens = answer.get("tokens");
            if (tokens == null || !tokens.isArray()) {
                throw new IllegalArgumentException("cached answer lacks token ids");
            }
            long[] ids = new long[tokens.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = CachedAnswers.requireNumber(tokens.get(i)).asLong();
            }
            return ids;
        }
    }
}
