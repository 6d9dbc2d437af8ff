package org.easy2hard.model.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.Generation;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.OptionTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The causal LM on the real Llama-2, Llama-3 and Qwen3 vocabularies (tiny random weights), on the paper's prompts
 * (0040 with options and a demonstration, 0306, 0305, 5305, as {@code PaperPromptCases} builds them), against golden
 * token ids from transformers.js's tokenizers ({@code real-vocabulary-tokens.json}, made by
 * {@code scripts/tokenizer-fixtures}).
 */
class RealVocabularyTest {

    private static final JsonNode GOLDEN = golden();
    private static final Map<String, LlamaModel> MODELS = new HashMap<>();
    private static final Map<String, TinyLlamaFixture> FIXTURES = new HashMap<>();

    @TempDir
    static Path dir;

    static Stream<String> vocabularies() {
        return Stream.of("llama-2", "llama-3", "qwen3");
    }

    private static JsonNode golden() {
        try (InputStream in = RealVocabularyTest.class.getResourceAsStream("real-vocabulary-tokens.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One tiny model per vocabulary, shared by the tests (loading a 128k-token tokenizer takes a second). */
    private static LlamaModel model(String folder) {
        return MODELS.computeIfAbsent(folder, name -> open(name, BosRule.AUTHORS, OptionTokens.AUTHORS));
    }

    private static LlamaModel open(String folder, BosRule bos, OptionTokens options) {
        Path modelDir = dir.resolve(folder);
        if (!FIXTURES.containsKey(folder)) {
            TinyLlamaFixture.Spec spec = folder.equals("qwen3") ? TinyLlamaFixture.Spec.qwen2()
                    : new TinyLlamaFixture.Spec("llama", 0, 16, 24, 2, 4, 2, 0, false, 512);
            FIXTURES.put(folder, RealVocabularyModel.write(folder, spec, 7, modelDir,
                    RealVocabularyModel.EOS.get(folder)));
        }
        return LlamaModel.builder().setModel(modelDir).optCache(CacheDirectory.at(dir.resolve("cache")))
                .optBos(bos).optOptionTokens(options).optContextLength(512).build();
    }

    @AfterAll
    static void close() {
        MODELS.values().forEach(LlamaModel::close);
    }

    private static long[] ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToLong(JsonNode::asLong).toArray();
    }

    private static long[] concat(long[]... parts) {
        int n = 0;
        for (long[] part : parts) {
            n += part.length;
        }
        long[] out = new long[n];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static long[] authorsBos(String folder) {
        JsonNode bos = GOLDEN.get(folder).get("bosTokenId");
        return bos.isNull() ? new long[0] : new long[] {bos.asLong()};
    }

    @ParameterizedTest
    @MethodSource("vocabularies")
    void promptsTokenizeAsTransformersJsDoes(String folder) {
        LlamaTokenizer tokenizer = model(folder).tokenizer();
        for (JsonNode prompt : GOLDEN.get(folder).get("prompts")) {
            assertArrayEquals(ids(prompt.get("promptIds")), tokenizer.encode(prompt.get("prompt").asText()),
                    folder + " " + prompt.get("format").asText());
        }
    }

    @ParameterizedTest
    @MethodSource("vocabularies")
    void optionsAreScoredAsThePaperTokenizedThemByDefault(String folder) {
        LlamaModel model = model(folder);
        assertEquals("authors", model.identity().settings().get("optionTokens"));
        for (JsonNode prompt : GOLDEN.get(folder).get("prompts")) {
            for (JsonNode option : prompt.get("options")) {
                // prompt builders pass the option with its leading space
                LlamaModel.ScoredSequence sequence = model.scoredSequence(new LogLikelihoodRequest(
                        prompt.get("prompt").asText(), " " + option.get("option").asText()));
                long[] expected = concat(authorsBos(folder), ids(prompt.get("promptIds")),
                        ids(option.get("authorsIds")));
                assertArrayEquals(expected, sequence.tokens(), folder + " " + option.get("option").asText());
                assertEquals(option.get("authorsIds").size(), sequence.continuation());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("vocabularies")
    void theJointSplitIsLmEvaluationHarnesss(String folder) {
        try (LlamaModel model = open(folder, BosRule.AUTHORS, OptionTokens.JOINT)) {
            assertEquals("lm-eval-joint", model.identity().settings().get("optionTokens"));
            for (JsonNode prompt : GOLDEN.get(folder).get("prompts")) {
                String text = prompt.get("prompt").asText();
                long[] context = model.tokenizer().encode(text.stripTrailing());
                for (JsonNode option : prompt.get("options")) {
                    LlamaModel.ScoredSequence sequence = model.scoredSequence(new LogLikelihoodRequest(text,
                            " " + option.get("option").asText()));
                    assertArrayEquals(concat(authorsBos(folder), context, ids(option.get("jointIds"))),
                            sequence.tokens(), folder + " " + option.get("option").asText());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("vocabularies")
    void bosFollowsTheChosenRule(String folder) {
        JsonNode prompt = GOLDEN.get(folder).get("prompts").get(0);
        long[] plain = ids(prompt.get("promptIds"));
        assertArrayEquals(concat(authorsBos(folder), plain), model(folder).tokenizer().withBos(plain));
        try (LlamaModel template = open(folder, BosRule.TOKENIZER_TEMPLATE, OptionTokens.AUTHORS);
             LlamaModel none = open(folder, BosRule.NONE, OptionTokens.AUTHORS)) {
            assertArrayEquals(ids(prompt.get("promptIdsWithTemplate")), template.tokenizer().withBos(plain));
            assertArrayEquals(plain, none.tokenizer().withBos(plain));
            assertTrue(template.identity().settings().get("bos").startsWith("tokenizer-template:"));
            assertEquals("none:", none.identity().settings().get("bos"));
        }
        assertEquals("authors:" + (authorsBos(folder).length == 0 ? "" : authorsBos(folder)[0]),
                model(folder).identity().settings().get("bos"));
    }

    @ParameterizedTest
    @MethodSource("vocabularies")
    void decodingCleansUpSpacesWhenTheTokenizerSaysSo(String folder) {
        JsonNode cleanUp = GOLDEN.get(folder).get("cleanUp");
        assertEquals(cleanUp.get("text").asText(), model(folder).tokenizer().decode(ids(cleanUp.get("ids"))));
    }

    @ParameterizedTest
    @MethodSource("vocabularies")
    void scoringThePapersOptionsMatchesTheReferenceForwardPass(String folder) {
        LlamaModel model = model(folder);
        ReferenceLlama reference = new ReferenceLlama(FIXTURES.get(folder));
        for (JsonNode prompt : GOLDEN.get(folder).get("prompts")) {
            if (prompt.get("options").isEmpty()) {
                continue;
            }
            List<LogLikelihoodRequest> requests = new ArrayList<>();
            for (JsonNode option : prompt.get("options")) {
                requests.add(new LogLikelihoodRequest(prompt.get("prompt").asText(),
                        " " + option.get("option").asText()));
            }
            List<LogLikelihood> results = model.logLikelihoods(requests);
            for (int o = 0; o < requests.size(); o++) {
                long[] tokens = model.scoredSequence(requests.get(o)).tokens();
                double[][] logProbs = reference.logProbs(tokens);
                double[] actual = results.get(o).tokenLogProbabilities();
                for (int c = 0; c < actual.length; c++) {
                    int at = tokens.length - actual.length + c;
                    assertEquals(logProbs[at - 1][(int) tokens[at]], actual[c], 1e-3,
                            folder + " " + prompt.get("format").asText() + " option " + o + " token " + c);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("vocabularies")
    void chainOfThoughtPromptsGenerateTheReferenceTokensAndStopBeforeAStopString(String folder) {
        LlamaModel model = model(folder);
        ReferenceLlama reference = new ReferenceLlama(FIXTURES.get(folder));
        for (JsonNode prompt : GOLDEN.get(folder).get("prompts")) {
            if (!prompt.get("options").isEmpty()) {
                continue;
            }
            String text = prompt.get("prompt").asText();
            long[] tokens = concat(authorsBos(folder), ids(prompt.get("promptIds")));
            long[] expected = reference.greedy(tokens, 6);
            Generation free = model.generate(List.of(new GenerationRequest(text, 6, List.of()))).get(0);
            int eos = -1;
            for (int i = 0; i < expected.length && eos < 0; i++) {
                eos = model.tokenizer().eos().contains((int) expected[i]) ? i : -1;
            }
            long[] kept = java.util.Arrays.copyOf(expected, eos < 0 ? expected.length : eos);
            String want = model.tokenizer().continuationText(tokens[tokens.length - 1], kept);
            assertEquals(want, free.text(), folder + " " + prompt.get("format").asText());
            assertEquals(eos < 0 ? 6 : eos + 1, free.tokens());
            // a stop string made of the last two characters of the text: cut before its first occurrence
            if (want.strip().length() >= 3) {
                String stop = want.substring(want.length() - 2);
                Generation stopped = model.generate(List.of(new GenerationRequest(text, 6, List.of(stop)))).get(0);
                assertEquals(want.substring(0, want.indexOf(stop)), stopped.text());
                assertEquals(Generation.STOP, stopped.finishReason());
            }
        }
    }
}
