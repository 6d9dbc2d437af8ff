package org.easy2hard.model.llama;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.Generation;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.ModelIdentity;
import org.easy2hard.model.llama.internal.HostTensor;
import org.easy2hard.model.llama.internal.LinearHook;
import org.easy2hard.model.llama.internal.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LlamaModelTest {

    private static final List<LogLikelihoodRequest> REQUESTS = List.of(
            new LogLikelihoodRequest("the capital of france is", " paris"),
            new LogLikelihoodRequest("Question : what color is the sky ? Answer :", " blue"),
            new LogLikelihoodRequest("the dog", " is red . no"),
            new LogLikelihoodRequest("", " yes"),
            new LogLikelihoodRequest("A ) B ) C ) D ) Q : the grass is", " green grass"),
            // options of one item share their context (and its pass through the network)
            new LogLikelihoodRequest("Question : the sky is", " blue"),
            new LogLikelihoodRequest("Question : the sky is", " red cat ."),
            new LogLikelihoodRequest("Question : the sky is", " no"));

    @TempDir
    Path dir;

    static Stream<TinyLlamaFixture.Spec> shapes() {
        return Stream.of(TinyLlamaFixture.Spec.llama(), TinyLlamaFixture.Spec.odd(), TinyLlamaFixture.Spec.qwen2());
    }

    private LlamaModel open(Path modelDir) {
        return LlamaModel.builder().setModel(modelDir).optCache(CacheDirectory.at(dir.resolve("cache")))
                .optBatchSize(3).build();
    }

    /** BOS + context + continuation, split at the continuation. */
    private static long[] sequence(TinyLlamaFixture tiny, LogLikelihoodRequest request) {
        String text = (request.context() + request.continuation()).trim();
        long[] words = tiny.ids(text);
        long[] tokens = new long[words.length + 1];
        tokens[0] = TinyLlamaFixture.BOS;
        System.arraycopy(words, 0, tokens, 1, words.length);
        return tokens;
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void continuationLogProbsMatchTheReference(TinyLlamaFixture.Spec spec) {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(spec, 21);
        ReferenceLlama reference = new ReferenceLlama(tiny);
        try (LlamaModel model = open(tiny.write(dir.resolve("model")))) {
            List<LogLikelihood> results = model.logLikelihoods(REQUESTS);
            for (int r = 0; r < REQUESTS.size(); r++) {
                long[] tokens = sequence(tiny, REQUESTS.get(r));
                int continuation = tiny.ids(REQUESTS.get(r).continuation()).length;
                double[][] logProbs = reference.logProbs(tokens);
                double[] actual = results.get(r).tokenLogProbabilities();
                assertEquals(continuation, actual.length);
                double sum = 0;
                boolean greedy = true;
                for (int c = 0; c < continuation; c++) {
                    int at = tokens.length - continuation + c;
                    double expected = logProbs[at - 1][(int) tokens[at]];
                    assertEquals(expected, actual[c], 1e-4, "request " + r + " token " + c);
                    sum += expected;
                    greedy &= argMax(logProbs[at - 1]) == tokens[at];
                }
                assertEquals(sum, results.get(r).logProbability(), 1e-4);
                assertEquals(greedy, results.get(r).greedy());
            }
        }
    }

    @Test
    void batchedScoringEqualsOneByOne() {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 4);
        try (LlamaModel model = open(tiny.write(dir.resolve("model")))) {
            List<LogLikelihood> batched = model.logLikelihoods(REQUESTS);
            for (int r = 0; r < REQUESTS.size(); r++) {
                LogLikelihood alone = model.logLikelihoods(List.of(REQUESTS.get(r))).get(0);
                assertArrayEquals(alone.tokenLogProbabilities(), batched.get(r).tokenLogProbabilities(), 1e-5);
            }
        }
    }

    @Test
    void greedyGenerationWithTheCacheMatchesTheReferenceWithout() {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama().withVocab(40), 8);
        ReferenceLlama reference = new ReferenceLlama(tiny);
        List<String> prompts = List.of("the capital of france is", "dog", "Question : what color is the sky ?");
        try (LlamaModel model = open(tiny.write(dir.resolve("model")))) {
            List<GenerationRequest> requests = new ArrayList<>();
            for (String prompt : prompts) {
                requests.add(new GenerationRequest(prompt, 6, List.of()));
            }
            List<Generation> generations = model.generate(requests);
            assertTrue(generations.stream().anyMatch(g -> g.tokens() >= 3 && g.text().length() > 4), generations
                    .toString());
            for (int i = 0; i < prompts.size(); i++) {
                long[] prompt = sequence(tiny, new LogLikelihoodRequest("", prompts.get(i)));
                long[] expected = reference.greedy(prompt, 6);
                int stop = eosIndex(expected);
                long[] kept = java.util.Arrays.copyOf(expected, stop < 0 ? expected.length : stop);
                StringBuilder text = new StringBuilder();
                for (long id : kept) {
                    if (id > TinyLlamaFixture.EOS) {
                        // special tokens are left out of the text
                        text.append(' ').append(tiny.vocabulary().get((int) id));
                    }
                }
                Generation generation = generations.get(i);
                assertEquals(text.toString(), generation.text(), "prompt " + i);
                assertEquals(stop < 0 ? 6 : stop + 1, generation.tokens());
                assertEquals(stop < 0 ? Generation.LENGTH : Generation.STOP, generation.finishReason());
            }
        }
    }

    @Test
    void generationStopsBeforeTheFirstStopString() {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama().withVocab(40), 8);
        ReferenceLlama reference = new ReferenceLlama(tiny);
        long[] prompt = sequence(tiny, new LogLikelihoodRequest("", "the capital of france is"));
        long[] expected = reference.greedy(prompt, 4);
        String second = tiny.vocabulary().get((int) expected[1]);
        try (LlamaModel model = open(tiny.write(dir.resolve("model")))) {
            Generation generation = model.generate(List.of(new GenerationRequest("the capital of france is", 10,
                    List.of(" " + second)))).get(0);
            int firstMatch = (" " + tiny.vocabulary().get((int) expected[0]) + " ").indexOf(" " + second + " ");
            String want = firstMatch == 0 ? "" : " " + tiny.vocabulary().get((int) expected[0]);
            assertEquals(want, generation.text());
            assertEquals(Generation.STOP, generation.finishReason());
        }
    }

    @Test
    void aSentencePieceStyleTokenizerScoresTheOptionWordWithoutALoneWordStartMark() {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 4);
        Path plain = tiny.write(dir.resolve("plain"));
        Path metaspace = tiny.write(dir.resolve("metaspace"));
        tiny.writeMetaspaceTokenizer(metaspace);
        LogLikelihoodRequest request = new LogLikelihoodRequest("the capital of france is", " paris");
        try (LlamaModel wordLevel = open(plain); LlamaModel sentencePiece = open(metaspace)) {
            assertFalse(wordLevel.tokenizer().marksWordStarts());
            assertTrue(sentencePiece.tokenizer().marksWordStarts());
            LlamaModel.ScoredSequence expected = wordLevel.scoredSequence(request);
            LlamaModel.ScoredSequence actual = sentencePiece.scoredSequence(request);
            assertArrayEquals(new long[] {1, tiny.id("the"), tiny.id("capital"), tiny.id("of"), tiny.id("france"),
                    tiny.id("is"), tiny.id("paris")}, actual.tokens());
            assertArrayEquals(expected.tokens(), actual.tokens());
            assertEquals(1, actual.continuation());
            // generated text keeps the space before the first new word although the decoder strips a leading mark
            assertEquals(" paris", sentencePiece.tokenizer().continuationText(tiny.id("is"),
                    new long[] {tiny.id("paris")}));
        }
    }

    @Test
    void generationAlsoStopsAtTheEosIdsOfGenerationConfig() throws Exception {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama().withVocab(40), 8);
        long[] prompt = sequence(tiny, new LogLikelihoodRequest("", "the capital of france is"));
        long[] expected = new ReferenceLlama(tiny).greedy(prompt, 3);
        assertTrue(expected[1] > TinyLlamaFixture.EOS, "the second greedy token must be an ordinary word");
        Path modelDir = tiny.write(dir.resolve("model"));
        // as Llama-3 instruct models list several: config.json says 2, generation_config.json adds the 2nd token
        java.nio.file.Files.writeString(modelDir.resolve("generation_config.json"),
                "{\"bos_token_id\": 1, \"eos_token_id\": [2, " + expected[1] + "]}");
        try (LlamaModel model = open(modelDir)) {
            assertEquals(List.of(TinyLlamaFixture.EOS, (int) expected[1]), model.tokenizer().eos());
            Generation generation = model.generate(List.of(new GenerationRequest("the capital of france is", 5,
                    List.of()))).get(0);
            assertEquals(2, generation.tokens());
            assertEquals(Generation.STOP, generation.finishReason());
            assertEquals(" " + tiny.vocabulary().get((int) expected[0]), generation.text());
        }
    }

    @Test
    void decodingCleansUpTokenizationSpacesAsTransformersDoes() {
        assertEquals("It's 8. Done, isn't it? Yes! We're here, we've I'm",
                LlamaTokenizer.cleanUpTokenizationSpaces(
                        "It 's 8 . Done , is n't it ? Yes ! We 're here , we 've I 'm"));
    }

    @Test
    void theKnownAnswerModelGivesTheRightOptionProbabilityOne() {
        // zero o_proj and down_proj (a bigram model), then make "paris" follow "is" with a logit of 40
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 2).makeBigram()
                .favour("is", "paris", 40);
        try (LlamaModel model = open(tiny.write(dir.resolve("model")))) {
            List<LogLikelihood> options = model.logLikelihoods(List.of(
                    new LogLikelihoodRequest("the capital of france is", " paris"),
                    new LogLikelihoodRequest("the capital of france is", " no"),
                    new LogLikelihoodRequest("the capital of france is", " blue dog")));
            double[] scores = options.stream().mapToDouble(LogLikelihood::logProbability).toArray();
            double max = java.util.Arrays.stream(scores).max().orElseThrow();
            double total = java.util.Arrays.stream(scores).map(s -> Math.exp(s - max)).sum();
            assertEquals(1.0, Math.exp(scores[0] - max) / total, 1e-6);
            assertTrue(options.get(0).greedy());
            assertTrue(scores[0] > -1e-3, "log p(paris) = " + scores[0]);
        }
    }

    @Test
    void extraWordsJoinTheFixtureVocabularyAsSingleTokens() {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 2,
                List.of("photosynthesis", "chlorophyll"));
        assertEquals(3 + TinyLlamaFixture.WORDS.size(), tiny.id("photosynthesis"));
        try (LlamaModel model = open(tiny.write(dir.resolve("model")))) {
            assertArrayEquals(new long[] {tiny.id("the"), tiny.id("chlorophyll"), tiny.id("photosynthesis")},
                    model.tokenizer().encode("the chlorophyll photosynthesis"));
        }
    }

    @Test
    void featuresAreTheMiddleAndLastHiddenStatesAtTheFinalToken() {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.odd(), 6);
        ReferenceLlama reference = new ReferenceLlama(tiny);
        List<String> texts = List.of("the sky is blue", "dog", "what color is the grass ? green");
        try (LlamaModel model = open(tiny.write(dir.resolve("model")))) {
            // three blocks: middle = ceil(4 / 2) = 2, last = 3
            assertEquals(2 * 30, model.dimension());
            assertEquals("2+3", model.identity().settings().get("hiddenStates"));
            float[][] features = model.encode(texts);
            for (int i = 0; i < texts.size(); i++) {
                long[] tokens = sequence(tiny, new LogLikelihoodRequest("", texts.get(i)));
                List<double[][]> states = reference.hiddenStates(tokens);
                int last = tokens.length - 1;
                for (int k = 0; k < 30; k++) {
                    assertEquals(states.get(2)[last][k], features[i][k], 1e-4);
                    assertEquals(states.get(3)[last][k], features[i][30 + k], 1e-4);
                }
            }
        }
    }

    @Test
    void halfPrecisionWeightsLoadAsTheirRoundedValues() {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.qwen2(), 13);
        for (SafeTensors.DType dtype : List.of(SafeTensors.DType.BF16, SafeTensors.DType.F16)) {
            ReferenceLlama reference = new ReferenceLlama(tiny.roundedTo(dtype));
            try (LlamaModel model = open(tiny.write(dir.resolve(dtype.name()), dtype))) {
                LogLikelihood result = model.logLikelihoods(List.of(REQUESTS.get(2))).get(0);
                long[] tokens = sequence(tiny, REQUESTS.get(2));
                double[][] logProbs = reference.logProbs(tokens);
                double[] actual = result.tokenLogProbabilities();
                for (int c = 0; c < actual.length; c++) {
                    int at = tokens.length - actual.length + c;
                    assertEquals(logProbs[at - 1][(int) tokens[at]], actual[c], 1e-4, dtype + " token " + c);
                }
                assertEquals(dtype.name(), model.identity().settings().get("storedDtypes"));
            }
        }
    }

    @Test
    void aShardedCheckpointGivesTheSameScoresAsOneFile() {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 17);
        List<LogLikelihood> single;
        try (LlamaModel model = open(tiny.write(dir.resolve("single")))) {
            single = model.logLikelihoods(REQUESTS);
        }
        try (LlamaModel model = open(tiny.writeSharded(dir.resolve("sharded"), 3))) {
            List<LogLikelihood> sharded = model.logLikelihoods(REQUESTS);
            for (int r = 0; r < REQUESTS.size(); r++) {
                assertArrayEquals(single.get(r).tokenLogProbabilities(), sharded.get(r).tokenLogProbabilities(),
                        1e-6);
            }
        }
    }

    @Test
    void anUnsupportedModelTypeIsRefusedByName() throws Exception {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 1);
        Path model = tiny.write(dir.resolve("model"));
        java.nio.file.Files.writeString(model.resolve("config.json"), tiny.config().put("model_type", "gpt2")
                .toString());
        LanguageModelException error = assertThrows(LanguageModelException.class, () -> open(model));
        assertTrue(error.getMessage().contains("model_type 'gpt2' is not supported"), error.getMessage());
        assertTrue(error.getMessage().contains("config.json"), error.getMessage());
    }

    @Test
    void missingAndMisShapedTensorsAreNamedWithTheirShapes() {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 1);
        tiny.weights().remove("model.layers.1.mlp.up_proj.weight");
        tiny.weights().put("model.layers.0.self_attn.k_proj.weight", new HostTensor(new long[] {32, 32},
                new float[32 * 32]));
        Path model = tiny.write(dir.resolve("model"));
        LanguageModelException error = assertThrows(LanguageModelException.class, () -> open(model));
        assertTrue(error.getMessage().contains("missing tensor 'model.layers.1.mlp.up_proj.weight' (expected shape "
                + "[56, 32])"), error.getMessage());
        assertTrue(error.getMessage().contains("tensor 'model.layers.0.self_attn.k_proj.weight' has shape [32, 32], "
                + "expected [16, 32]"), error.getMessage());
    }

    @Test
    void contextLengthIsTheSmallerOfWindowAndLimitAndLongRequestsAreRefused() {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 1);
        Path modelDir = tiny.write(dir.resolve("model"));
        try (LlamaModel model = open(modelDir)) {
            assertEquals(128, model.contextLength());
        }
        try (LlamaModel model = LlamaModel.builder().setModel(modelDir).optContextLength(6)
                .optCache(CacheDirectory.at(dir.resolve("cache"))).build()) {
            assertEquals(6, model.contextLength());
            assertArrayEquals(new int[] {5, 0, 1}, model.tokenCounts(List.of("the capital of france is", "", "dog"),
                    org.easy2hard.model.Progress.NONE));
            LanguageModelException error = assertThrows(LanguageModelException.class,
                    () -> model.logLikelihoods(List.of(REQUESTS.get(0))));
            assertTrue(error.getMessage().contains("request 0 has 7 tokens"), error.getMessage());
        }
    }

    @Test
    void theIdentityNamesTheWeightsAndOutputChangingSettings() throws Exception {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 1);
        Path modelDir = tiny.write(dir.resolve("tiny-llama"));
        try (LlamaModel model = open(modelDir)) {
            ModelIdentity identity = model.identity();
            assertEquals("tiny-llama", identity.name());
            assertEquals(org.easy2hard.io.Sha256.ofFile(modelDir.resolve("model.safetensors")),
                    identity.weightsSha256());
            assertEquals("authors:1", identity.settings().get("bos"));
            assertEquals("authors", identity.settings().get("optionTokens"));
            assertEquals("128", identity.settings().get("contextLength"));
            model.setLinearHook(LinearHook.NONE, "adapter-abc");
            assertEquals("adapter-abc", model.identity().settings().get("adapter"));
            assertFalse(identity.cacheKey().equals(model.identity().cacheKey()));
        }
    }

    @Test
    void theModelRunsOnTheEngineDefaultDevice() {
        TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 1);
        try (LlamaModel model = open(tiny.write(dir.resolve("model")));
             NDManager probe = NDManager.newBaseManager("PyTorch")) {
            assertEquals(probe.getDevice(), model.manager().getDevice());
        }
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int eosIndex(long[] tokens) {
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] == TinyLlamaFixture.EOS) {
                return i;
            }
        }
        return -1;
    }
}
