package org.easy2hard.model.openai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.OptionTokens;

/** Shared set-up of the client tests: a model builder pointed at loopback servers, and request sets. */
final class Loopback {

    /** The served model name. */
    static final String NAME = "bigram";

    private Loopback() {
    }

    /**
     * A builder for these servers: no API key, no cache, millisecond backoff (tests never wait for real), and the
     * joined-text scoring (one request per score: these tests count requests; the paper's option rule, which asks
     * {@code /tokenize} first, is tested on its own).
     */
    static OpenAiCompatibleModel.Builder model(LoopbackCompletionsServer... servers) {
        return OpenAiCompatibleModel.builder()
                .optOptionTokens(OptionTokens.JOINT)
                .setModel(NAME)
                .setBaseUrls(Arrays.stream(servers).map(LoopbackCompletionsServer::baseUrl).toList())
                .optApiKey(() -> null)
                .optRetryBackoff(Duration.ofMillis(1), Duration.ofMillis(4))
                .optNoRequestCache();
    }

    /** {@code n} distinct scoring requests whose context ends in " the" and whose options are known words. */
    static List<LogLikelihoodRequest> requests(int n) {
        List<String> options = List.of(" cat", " mat", " cat sat on the mat", " yes", "x");
        List<LogLikelihoodRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requests.add(new LogLikelihoodRequest("Question " + (i / options.size()) + ": the",
                    options.get(i % options.size())));
        }
        return requests;
    }

    /** What the bigram model gives a request, computed directly (joined text, tokens ending after the context). */
    static LogLikelihood expected(BigramLanguageModel model, LogLikelihoodRequest request) {
        List<String> tokens = new ArrayList<>();
        if (model.bos()) {
            tokens.add(BigramLanguageModel.BOS);
        }
        tokens.addAll(model.tokenize(request.context() + request.continuation()));
        int first = tokens.size() - 1;
        int distance = 0;
        while (first > 0 && distance + tokens.get(first).length() < request.continuation().length()) {
            distance += tokens.get(first).length();
            first--;
        }
        double[] values = new double[tokens.size() - first];
        boolean greedy = true;
        for (int i = first; i < tokens.size(); i++) {
            values[i - first] = model.logProb(tokens.get(i - 1), tokens.get(i));
            greedy &= model.rank(tokens.get(i - 1), tokens.get(i)) == 1;
        }
        return LogLikelihood.ofTokens(values, greedy);
    }
}
