package org.easy2hard.model.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.easy2hard.model.LogLikelihood;

/**
 * The JSON both scoring paths ({@link OpenAiCompatibleModel}, {@link SeparateOptionScoring}) share: how a completions
 * request asks for prompt log-probabilities, and how a scored continuation is kept in and read back from the request
 * cache (a cached answer missing a field is refused, so the cache repairs it by asking again).
 */
final class CachedAnswers {

    private CachedAnswers() {
    }

    /**
     * Asks a completions request for the prompt's log-probabilities the way the server gives them: OpenAI's
     * {@code echo} with {@code logprobs}, or vLLM's {@code prompt_logprobs}.
     */
    static ObjectNode askForPromptLogprobs(ObjectNode body, boolean echo) {
        return echo ? body.put("echo", true).put("logprobs", 1) : body.put("prompt_logprobs", 1);
    }

    /** A scored continuation as the request cache keeps it: its per-token log-probs and whether it was greedy. */
    static JsonNode cachedAnswer(ServerClient client, LogLikelihood value) {
        ObjectNode answer = client.mapper().createObjectNode().put("greedy", value.greedy());
        ArrayNode tokens = answer.putArray("token_logprobs");
        for (double logProbability : value.tokenLogProbabilities()) {
            tokens.add(logProbability);
        }
        return answer;
    }

    /** The scored continuation back from {@link #cachedAnswer}. */
    static LogLikelihood fromCachedAnswer(JsonNode answer) {
        JsonNode tokens = answer.get("token_logprobs");
        double[] values = new double[tokens.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = requireNumber(tokens.get(i)).asDouble();
        }
        return LogLikelihood.ofTokens(values, answer.get("greedy").asBoolean());
    }

    static JsonNode requireNumber(JsonNode node) {
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException("cached answer lacks a number");
        }
        return node;
    }

    static JsonNode requireText(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("cached answer lacks a text");
        }
        return node;
    }
}
