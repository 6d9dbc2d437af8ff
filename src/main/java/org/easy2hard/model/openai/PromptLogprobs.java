package org.easy2hard.model.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.LogLikelihood;

/**
 * Reads the log-probabilities of a prompt's last characters (the scored continuation) from a completions response,
 * in either of the two layouts servers use.
 *
 * <ul>
 *   <li><b>Echo layout</b> (OpenAI's legacy completions, vLLM, SGLang, llama.cpp where supported): with
 *       {@code echo: true} and {@code logprobs: 1}, {@code choices[0].logprobs} holds parallel lists
 *       {@code tokens}, {@code token_logprobs} (null for the first token), {@code top_logprobs} (null or
 *       {token: log-prob}) and {@code text_offset}, covering the prompt's tokens and then the generated ones. The
 *       prompt has {@code usage.prompt_tokens} tokens when the server reports usage, else all but the last
 *       {@code max_tokens}.</li>
 *   <li><b>vLLM's prompt-log-prob extension</b>: with {@code prompt_logprobs: 1}, {@code choices[0].prompt_logprobs}
 *       is a list with one entry per prompt token: null for the first, else {token id: {logprob, rank,
 *       decoded_token}} holding the prompt's token and, when it was not the most probable one, the most probable
 *       one too. The prompt's token is the entry of largest rank; it was the greedy choice when its rank is 1.</li>
 * </ul>
 *
 * <p><b>Which tokens are the continuation's.</b> The server tokenizes context and continuation as one text; its
 * tokens are split at the character where the continuation starts. Positions are counted back from the end of the
 * prompt (in Unicode code points, as the servers count): a token belongs to the continuation when it <em>ends</em>
 * after the context's last character. So when no token crosses the boundary these are exactly the tokens with
 * {@code text_offset >= context length}, and a token that crosses it (a context's trailing space merged with the
 * continuation's first word, {@code "Answer: " + "A"}) counts as the continuation's: its log-probability is that of
 * the continuation's first characters. Counting from the end makes the rule immune to servers whose offsets count a
 * BOS token's text ({@code "<s>"}) that the echoed prompt does not contain. Offsets are taken from
 * {@code text_offset} when the server sends them, else from the lengths of the token strings.
 *
 * <p>A continuation token without a log-probability (the text's first token when the model has no BOS token and
 * the context is empty) and a response without the prompt's log-probabilities (servers that return only the
 * generated token's) fail with a {@link LanguageModelException} naming the server and what is missing. The greedy
 * flag is true when every continuation token was the most probable one; a server that sends no top log-probs makes
 * it false.
 */
final class PromptLogprobs {

    private PromptLogprobs() {
    }

    /**
     * The continuation's log-likelihood.
     *
     * @param response               the server's JSON response
     * @param server                 the server's URL, for error messages
     * @param continuationCodePoints the continuation's length in code points (&ge; 1)
     * @param generatedTokens        the {@code max_tokens} sent (generated tokens follow the prompt in the echo)
     */
    static LogLikelihood continuation(JsonNode response, String server, int continuationCodePoints,
            int generatedTokens) {
        return read(response, server, continuationCodePoints, false, generatedTokens);
    }

    /**
     * The log-likelihood of the prompt's last {@code continuationTokens} tokens (a prompt sent as token ids, whose
     * continuation is known by its token count rather than its characters).
     */
    static LogLikelihood lastTokens(JsonNode response, String server, int continuationTokens, int generatedTokens) {
        return read(response, server, continuationTokens, true, generatedTokens);
    }

    /** {@code continuation} counts code points, or tokens when {@code inTokens}. */
    private static LogLikelihood read(JsonNode response, String server, int continuation, boolean inTokens,
            int generatedTokens) {
        JsonNode choice = response.path("choices").path(0);
        if (!choice.isObject()) {
            throw missing(server, "no choices[0] in the response");
        }
        JsonNode promptLogprobs = choice.get("prompt_logprobs");
        if (promptLogprobs != null && promptLogprobs.isArray()) {
            return fromPromptLogprobs(promptLogprobs, server, continuation, inTokens);
        }
        JsonNode logprobs = choice.get("logprobs");
        if (logprobs == null || !logprobs.isObject()) {
            throw missing(server, "neither choices[0].prompt_logprobs nor choices[0].logprobs in the response");
        }
        return fromEcho(logprobs, response.path("usage"), server, continuation, inTokens, generatedTokens);
    }

    private static LogLikelihood fromEcho(JsonNode logprobs, JsonNode usage, String server, int continuation,
            boolean inTokens, int generatedTokens) {
        JsonNode tokens = logprobs.path("tokens");
        JsonNode values = logprobs.path("token_logprobs");
        if (!tokens.isArray() || !values.isArray() || tokens.size() != values.size()) {
            throw missing(server, "choices[0].logprobs lacks parallel 'tokens' and 'token_logprobs' lists");
        }
        int n = tokens.size();
        int promptTokens = usage.path("prompt_tokens").isIntegralNumber() ? usage.path("prompt_tokens").asInt()
                : n - generatedTokens;
        if (promptTokens <= 0 || promptTokens > n) {
            throw missing(server, "log-probabilities for " + n + " tokens, but the prompt alone has "
                    + (promptTokens <= 0 ? "more" : promptTokens)
                    + ": the server returned only the generated tokens' log-probs, not the echoed prompt's");
        }
        JsonNode offsets = logprobs.path("text_offset");
        boolean useOffsets = offsets.isArray() && offsets.size() == n;
        // distance[i]: code points between the end of prompt token i and the end of the prompt.
        long[] distance = new long[promptTokens];
        if (useOffsets) {
            long promptEnd = end(offsets, tokens, promptTokens - 1, n);
            for (int i = 0; i < promptTokens; i++) {
                distance[i] = promptEnd - end(offsets, tokens, i, n);
            }
        } else {
            for (int i = promptTokens - 2; i >= 0; i--) {
                distance[i] = distance[i + 1] + codePoints(tokens.get(i + 1).asText());
            }
        }
        int first = inTokens ? lastTokens(promptTokens, continuation, server)
                : firstContinuationToken(distance, continuation, server);
        JsonNode tops = logprobs.path("top_logprobs");
        double[] result = new double[promptTokens - first];
        boolean greedy = true;
        for (int i = first; i < promptTokens; i++) {
            JsonNode value = values.get(i);
            if (!value.isNumber()) {
                throw noValue(server, i, tokens.get(i).asText());
            }
            result[i - first] = value.asDouble();
            JsonNode top = tops.path(i);
            greedy &= top.isObject() && noneGreater(top, value.asDouble());
        }
        return LogLikelihood.ofTokens(result, greedy);
    }

    /** Where token i ends: the next token's offset, or this one's plus its length for the last token. */
    private static long end(JsonNode offsets, JsonNode tokens, int i, int n) {
        return i + 1 < n ? offsets.get(i + 1).asLong() : offsets.get(i).asLong() + codePoints(tokens.get(i).asText());
    }

    private static boolean noneGreater(JsonNode top, double value) {
        for (Iterator<JsonNode> it = top.elements(); it.hasNext(); ) {
            JsonNode other = it.next();
            if (other.isNumber() && other.asDouble() > value) {
                return false;
            }
        }
        return true;
    }

    private static LogLikelihood fromPromptLogprobs(JsonNode entries, String server, int continuation,
            boolean inTokens) {
        int promptTokens = entries.size();
        if (promptTokens == 0) {
            throw missing(server, "choices[0].prompt_logprobs is empty");
        }
        double[] values = new double[promptTokens];
        boolean[] greedy = new boolean[promptTokens];
        String[] text = new String[promptTokens];
        boolean[] known = new boolean[promptTokens];
        for (int i = 0; i < promptTokens; i++) {
            JsonNode entry = entries.get(i);
            if (entry == null || entry.isNull()) {
                continue;
            }
            if (!entry.isObject() || entry.size() == 0) {
                throw missing(server, "choices[0].prompt_logprobs[" + i + "] is not an object of token log-probs");
            }
            JsonNode chosen = promptToken(entry, server, i);
            values[i] = chosen.path("logprob").asDouble();
            greedy[i] = chosen.has("rank") ? chosen.path("rank").asInt() == 1 : entry.size() == 1;
            text[i] = chosen.path("decoded_token").asText("");
            known[i] = true;
        }
        long[] distance = new long[promptTokens];
        for (int i = promptTokens - 2; i >= 0 && !inTokens; i--) {
            if (!known[i + 1]) {
                throw missing(server, "choices[0].prompt_logprobs[" + (i + 1) + "] is null");
            }
            distance[i] = distance[i + 1] + codePoints(text[i + 1]);
            if (distance[i] >= continuation) {
                break; // earlier tokens end before the continuation; their distances are never read
            }
        }
        int first = inTokens ? lastTokens(promptTokens, continuation, server)
                : firstContinuationToken(distance, continuation, server);
        double[] result = new double[promptTokens - first];
        boolean allGreedy = true;
        for (int i = first; i < promptTokens; i++) {
            if (!known[i]) {
                throw noValue(server, i, "?");
            }
            result[i - first] = values[i];
            allGreedy &= greedy[i];
        }
        return LogLikelihood.ofTokens(result, allGreedy);
    }

    /** The prompt's own token among an entry's candidates: the one of largest rank (the top-1 has rank 1). */
    private static JsonNode promptToken(JsonNode entry, String server, int position) {
        if (entry.size() == 1) {
            return entry.elements().next();
        }
        JsonNode chosen = null;
        for (Map.Entry<String, JsonNode> field : entry.properties()) {
            JsonNode candidate = field.getValue();
            if (!candidate.path("rank").isIntegralNumber()) {
                throw missing(server, "choices[0].prompt_logprobs[" + position
                        + "] has several candidates without ranks: cannot tell which is the prompt's token");
            }
            if (chosen == null || candidate.path("rank").asInt() > chosen.path("rank").asInt()) {
                chosen = candidate;
            }
        }
        return chosen;
    }

    /** The first token ending after the context: distances fall towards the end, the last token's is 0. */
    private static int firstContinuationToken(long[] distance, int continuation, String server) {
        int first = distance.length - 1;
        while (first > 0 && distance[first - 1] < continuation) {
            first--;
        }
        return first;
    }

    /** The first of the prompt's last {@code count} tokens. */
    private static int lastTokens(int promptTokens, int count, String server) {
        if (count < 1 || count > promptTokens) {
            throw missing(server, "a prompt of " + promptTokens + " tokens cannot end with a continuation of "
                    + count);
        }
        return promptTokens - count;
    }

    private static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    private static LanguageModelException missing(String server, String what) {
        return new LanguageModelException("server " + server + " returned no prompt log-probabilities: " + what
                + " (scoring needs a server that returns them: vLLM, SGLang, or OpenAI's legacy completions with "
                + "echo=true and logprobs)");
    }

    private static LanguageModelException noValue(String server, int position, String token) {
        return new LanguageModelException("server " + server + " returned no log-probability for prompt token "
                + position + " ('" + token + "'), which belongs to the scored continuation: a text's first token "
                + "has none when the model adds no BOS token, so give a non-empty context");
    }
}
