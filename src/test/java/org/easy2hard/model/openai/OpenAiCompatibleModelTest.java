package org.easy2hard.model.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.easy2hard.model.Generation;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.openai.OpenAiCompatibleModel.Scoring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The completions client against a loopback server backed by the bigram model, whose probabilities are written out
 * in {@link BigramLanguageModel}'s table: every expected value below is computed from that table by hand.
 */
class OpenAiCompatibleModelTest {

    private static final double EXACT = 1e-9;
    private static final String CONTEXT = "Question: the";

    private LoopbackCompletionsServer server;

    private OpenAiCompatibleModel start(boolean bos, Scoring scoring) throws IOException {
        server = LoopbackCompletionsServer.start(new BigramLanguageModel(bos), Loopback.NAME);
        return Loopback.model(server).optScoring(scoring).build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Scoring.class)
    void optionLogLikelihoodsAreTheBigramProbabilities(Scoring scoring) throws IOException {
        try (OpenAiCompatibleModel model = start(true, scoring)) {
            List<LogLikelihood> scores = model.logLikelihoods(List.of(
                    new LogLikelihoodRequest(CONTEXT, " cat"),
                    new LogLikelihoodRequest(CONTEXT, " mat"),
                    new LogLikelihoodRequest(CONTEXT, " dog")));
            // " the" -> " cat" weighs 20 and " mat" 10 of Z = 133; " dog" is " ", "d", "o", "g" at weight 1 each.
            assertEquals(Math.log(20.0 / 133), scores.get(0).logProbability(), EXACT);
            assertEquals(Math.log(10.0 / 133), scores.get(1).logProbability(), EXACT);
            assertEquals(Math.log(1.0 / 133) + 3 * Math.log(1.0 / 105), scores.get(2).logProbability(), EXACT);
            assertEquals(List.of(1, 1, 4), scores.stream().map(LogLikelihood::tokens).toList());
            assertEquals(List.of(true, false, false), scores.stream().map(LogLikelihood::greedy).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Scoring.class)
    void softmaxOverOptionsGivesTheKnownProbabilities(Scoring scoring) throws IOException {
        try (OpenAiCompatibleModel model = start(true, scoring)) {
            List<LogLikelihood> scores = model.logLikelihoods(List.of(
                    new LogLikelihoodRequest(CONTEXT, " cat"),
                    new LogLikelihoodRequest(CONTEXT, " mat"),
                    new LogLikelihoodRequest(CONTEXT, " dog")));
            double[] probabilities = softmax(scores);
            // p(cat) : p(mat) : p(dog) = 20 : 10 : 105^-3 (the common 1/133 cancels).
            double dog = Math.pow(105, -3);
            assertArrayEquals(new double[] {20 / (30 + dog), 10 / (30 + dog), dog / (30 + dog)}, probabilities, EXACT);
        }
    }

    private static double[] softmax(List<LogLikelihood> scores) {
        double max = scores.stream().mapToDouble(LogLikelihood::logProbability).max().orElseThrow();
        double[] p = scores.stream().mapToDouble(s -> Math.exp(s.logProbability() - max)).toArray();
        double sum = java.util.Arrays.stream(p).sum();
        return java.util.Arrays.stream(p).map(v -> v / sum).toArray();
    }

    @ParameterizedTest
    @EnumSource(Scoring.class)
    void aContinuationOfSeveralTokensSumsThem(Scoring scoring) throws IOException {
        try (OpenAiCompatibleModel model = start(true, scoring)) {
            LogLikelihood score = model.logLikelihoods(List.of(new LogLikelihoodRequest(CONTEXT, " cat sat on")))
                    .get(0);
            assertArrayEquals(new double[] {Math.log(20.0 / 133), Math.log(30.0 / 134), Math.log(30.0 / 134)},
                    score.tokenLogProbabilities(), EXACT);
            assertTrue(score.greedy());
        }
    }

    @ParameterizedTest
    @EnumSource(Scoring.class)
    void aTokenCrossingTheBoundaryBelongsToTheContinuation(Scoring scoring) throws IOException {
        try (OpenAiCompatibleModel model = start(true, scoring)) {
            // "Question: the " + "cat" is tokenized ..., " the", " cat": " cat" starts inside the context.
            LogLikelihood score = model.logLikelihoods(List.of(new LogLikelihoodRequest(CONTEXT + " ", "cat")))
                    .get(0);
            assertArrayEquals(new double[] {Math.log(20.0 / 133)}, score.tokenLogProbabilities(), EXACT);
        }
    }

    @ParameterizedTest
    @EnumSource(Scoring.class)
    void withBosTheFirstTokenIsScoredGivenBos(Scoring scoring) throws IOException {
        try (OpenAiCompatibleModel model = start(true, scoring)) {
            LogLikelihood score = model.logLikelihoods(List.of(new LogLikelihoodRequest("", "Question"))).get(0);
            assertEquals(Math.log(5.0 / 109), score.logProbability(), EXACT);
        }
    }

    @ParameterizedTest
    @EnumSource(Scoring.class)
    void withoutBosScoresAreTheSameAfterAContext(Scoring scoring) throws IOException {
        try (OpenAiCompatibleModel model = start(false, scoring)) {
            LogLikelihood score = model.logLikelihoods(List.of(new LogLikelihoodRequest(CONTEXT, " cat"))).get(0);
            assertEquals(Math.log(20.0 / 133), score.logProbability(), EXACT);
        }
    }

    @ParameterizedTest
    @EnumSource(Scoring.class)
    void withoutBosAnEmptyContextCannotBeScored(Scoring scoring) throws IOException {
        try (OpenAiCompatibleModel model = start(false, scoring)) {
            LanguageModelException e = assertThrows(LanguageModelException.class,
                    () -> model.logLikelihoods(List.of(new LogLikelihoodRequest("", "Question"))));
            assertTrue(e.getMessage().contains("no log-probability for prompt token 0"), e.getMessage());
            assertTrue(e.getMessage().contains("non-empty context"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Scoring.class)
    void aServerWithoutPromptLogprobsFailsClearly(Scoring scoring) throws IOException {
        try (OpenAiCompatibleModel model = start(true, scoring)) {
            server.withholdPromptLogprobs(true);
            LanguageModelException e = assertThrows(LanguageModelException.class,
                    () -> model.logLikelihoods(List.of(new LogLikelihoodRequest(CONTEXT, " cat"))));
            assertTrue(e.getMessage().contains("server " + server.baseUrl() + "/completions returned no prompt "
                    + "log-probabilities"), e.getMessage());
            assertEquals(1, server.requests(), "not retried: asking again gives the same answer");
        }
    }

    @Test
    void generationIsGreedyUpToTheTokenLimit() throws IOException {
        try (OpenAiCompatibleModel model = start(true, Scoring.ECHO_LOGPROBS)) {
            Generation generation = model.generate(List.of(new GenerationRequest(CONTEXT, 3, List.of()))).get(0);
            assertEquals(new Generation(" cat sat on", 3, Generation.LENGTH), generation);
        }
    }

    @Test
    void generationStopsBeforeTheFirstStopString() throws IOException {
        try (OpenAiCompatibleModel model = start(true, Scoring.ECHO_LOGPROBS)) {
            Generation generation = model.generate(List.of(new GenerationRequest(CONTEXT, 20, List.of(" on", " sat"))))
                    .get(0);
            assertEquals(" cat", generation.text());
            assertEquals(Generation.STOP, generation.finishReason());
        }
    }

    @Test
    void stopStringsAreCutClientSideWhenTheServerIgnoresThem() throws IOException {
        try (OpenAiCompatibleModel model = start(true, Scoring.ECHO_LOGPROBS)) {
            server.stopServerSide(false);
            Generation generation = model.generate(List.of(new GenerationRequest(CONTEXT, 6, List.of(" on")))).get(0);
            assertEquals(" cat sat", generation.text());
            assertEquals(Generation.STOP, generation.finishReason(), "the server said length; the cut means stop");
            assertEquals(6, generation.tokens());
        }
    }

    @Test
    void theEndOfSequenceTokenEndsAGeneration() throws IOException {
        try (OpenAiCompatibleModel model = start(true, Scoring.ECHO_LOGPROBS)) {
            Generation generation = model.generate(List.of(new GenerationRequest("a mat", 5, List.of()))).get(0);
            assertEquals(new Generation("", 1, Generation.STOP), generation);
        }
    }

    @Test
    void tokenCountsComeFromTokenize() throws IOException {
        try (OpenAiCompatibleModel model = start(true, Scoring.ECHO_LOGPROBS)) {
            int[] counts = model.tokenCounts(List.of("Question: the cat", "", "xyz"), (task, done, total) -> { });
            assertArrayEquals(new int[] {4, 0, 3}, counts);
            assertEquals(2, server.requests("/tokenize"));
            assertEquals(0, server.requests("/v1/completions"));
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void withoutTokenizeCountsComeFromAnEcho(boolean bos) throws IOException {
        try (OpenAiCompatibleModel model = start(bos, Scoring.ECHO_LOGPROBS)) {
            server.tokenizeEnabled(false);
            assertArrayEquals(new int[] {4, 3}, model.tokenCounts(List.of("Question: the cat", "xyz"),
                    (task, done, total) -> { }));
            assertArrayEquals(new int[] {1}, model.tokenCounts(List.of("Answer"), (task, done, total) -> { }));
            assertEquals(1, server.requests("/tokenize"), "asked once, then remembered as missing");
            assertEquals(3, server.requests("/v1/completions"));
        }
    }

    @Test
    void aRefusedRequestFailsAtOnceWithTheServersMessage() throws IOException {
        try (OpenAiCompatibleModel model = start(true, Scoring.ECHO_LOGPROBS)) {
            server.errorMessage("This model's maximum context length is 2048 tokens").inject(
                    LoopbackCompletionsServer.Fault.BAD_REQUEST);
            LanguageModelException e = assertThrows(LanguageModelException.class,
                    () -> model.logLikelihoods(List.of(new LogLikelihoodRequest(CONTEXT, " cat"))));
            assertEquals("POST " + server.baseUrl() + "/completions failed: HTTP 400: This model's maximum context "
                    + "length is 2048 tokens (not retried: the request itself was refused)", e.getMessage());
            assertEquals(1, server.requests());
        }
    }

    @Test
    void aModelTheServerDoesNotServeIsNamedInTheError() throws IOException {
        server = LoopbackCompletionsServer.start(new BigramLanguageModel(true), Loopback.NAME);
        try (OpenAiCompatibleModel model = Loopback.model(server).setModel("llama").build()) {
            LanguageModelException e = assertThrows(LanguageModelException.class,
                    () -> model.generate(List.of(new GenerationRequest(CONTEXT, 3, List.of()))));
            assertTrue(e.getMessage().contains("HTTP 404: The model `llama` does not exist."), e.getMessage());
        }
    }

    @Test
    void theIdentityNamesModelRevisionAndScoringButNoServer() throws IOException {
        server = LoopbackCompletionsServer.start(new BigramLanguageModel(true), Loopback.NAME);
        try (OpenAiCompatibleModel model = Loopback.model(server).optRevision("abc123").optSetting("dtype", "bf16")
                .build(); OpenAiCompatibleModel bare = Loopback.model(server).build()) {
            assertEquals("bigram|abc123|api=openai-completions,dtype=bf16,optionTokens=lm-eval-joint,"
                    + "scoring=echo-logprobs",
                    model.identity().cacheKey());
            assertEquals("unknown-revision", bare.identity().weightsSha256());
            assertFalse(model.identity().toString().contains("127.0.0.1"));
        }
    }

    @ParameterizedTest
    @EnumSource(Scoring.class)
    void byDefaultTheOptionIsTokenizedOnItsOwnAfterTheContextsTokensAsThePaperDid(Scoring scoring)
            throws IOException {
        server = LoopbackCompletionsServer.start(new BigramLanguageModel(true), Loopback.NAME);
        try (OpenAiCompatibleModel model = OpenAiCompatibleModel.builder().setModel(Loopback.NAME)
                .setBaseUrls(server.baseUrl()).optApiKey(() -> null).optNoRequestCache().optScoring(scoring)
                .build()) {
            assertEquals("authors", model.identity().settings().get("optionTokens"));
            List<LogLikelihood> scores = model.logLikelihoods(List.of(new LogLikelihoodRequest(CONTEXT, " cat"),
                    new LogLikelihoodRequest(CONTEXT, " mat")));
            // "cat" on its own is "c", "a", "t" (the vocabulary has only " cat"), after BOS, "Question", ":", " the":
            // the byte-level case, where the paper's tokens are not the joined text's " cat" (log 20/133)
            assertEquals(Math.log(1.0 / 133) + 2 * Math.log(1.0 / 105), scores.get(0).logProbability(), EXACT);
            assertEquals(3, scores.get(0).tokens());
            assertFalse(scores.get(0).greedy());
            assertEquals(3, scores.get(1).tokens());
            // one context (with the template's BOS) and two options tokenized; two scores sent as token ids
            assertEquals(3, server.requests("/tokenize"));
            assertEquals(2, server.requests("/v1/completions"));
        }
    }

    @Test
    void theAuthorsRuleIsRefusedWithoutTokenizeAndTheJointTextNamedInstead() throws IOException {
        server = LoopbackCompletionsServer.start(new BigramLanguageModel(true), Loopback.NAME).tokenizeEnabled(false);
        try (OpenAiCompatibleModel model = OpenAiCompatibleModel.builder().setModel(Loopback.NAME)
                .setBaseUrls(server.baseUrl()).optApiKey(() -> null).optNoRequestCache().build()) {
            LanguageModelException e = assertThrows(LanguageModelException.class,
                    () -> model.logLikelihoods(List.of(new LogLikelihoodRequest(CONTEXT, " cat"))));
            assertTrue(e.getMessage().contains("optOptionTokens(OptionTokens.JOINT)"), e.getMessage());
            assertEquals(0, server.requests("/v1/completions"));
        }
    }

    @Test
    void emptyBatchesSendNothing() throws IOException {
        try (OpenAiCompatibleModel model = start(true, Scoring.ECHO_LOGPROBS)) {
            assertEquals(List.of(), model.logLikelihoods(List.of()));
            assertEquals(List.of(), model.generate(List.of()));
            assertArrayEquals(new int[0], model.tokenCounts(List.of(), (task, done, total) -> { }));
            assertEquals(0, server.requests());
        }
    }
}
