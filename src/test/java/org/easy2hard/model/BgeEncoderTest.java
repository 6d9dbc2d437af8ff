package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The default encoder, bge-small-en-v1.5 (fp32): where a float model is needed, i.e. to check that batch size and
 * thread count do not change the features (the quantised MiniLM runs one text at a time anyway).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BgeEncoderTest {

    /** Texts of very different lengths, so that batches carry much padding. */
    private static final List<String> TEXTS = List.of(
            "Hi",
            "The cat sat on the mat.",
            "Question: A student mixes baking soda and vinegar in a cup and observes bubbles. Which of these best "
                    + "describes what happened? \nA) A new substance formed\nB) The cup melted\nC) Sound was "
                    + "produced\nD) Light was reflected\nAnswer: A new substance formed",
            "Stock prices fell sharply today.",
            "Which gas do plants take in from the air during photosynthesis? Carbon dioxide.");

    /** Tolerance for batch-size and thread-count independence; the runs so far agreed exactly (difference 0). */
    private static final float TOLERANCE = 1e-5f;

    private OnnxEncoder byFive;

    @BeforeAll
    void load() {
        byFive = OnnxEncoder.builder().setModel(BundledModel.BGE_SMALL_EN_V15).optBatchSize(5)
                .optCacheDirectory(TestCaches.shared()).build();
    }

    @AfterAll
    void close() {
        byFive.close();
    }

    @Test
    void theDefaultIsClsPoolingOfHiddenStatesSevenAndTwelve() {
        assertEquals(Pooling.CLS, byFive.pooling());
        assertEquals(12, byFive.blocks());
        assertArrayEquals(new int[] {7, 12}, byFive.hiddenStates());
        assertEquals(768, byFive.dimension());
        assertEquals("7+12", byFive.identity().settings().get("hiddenStates"));
    }

    @Test
    void batchSizeOneAndFiveGiveTheSameFeatures() {
        float[][] batched = byFive.encode(TEXTS);
        try (OnnxEncoder single = OnnxEncoder.builder().setModel(BundledModel.BGE_SMALL_EN_V15).optBatchSize(1)
                .optCacheDirectory(TestCaches.shared()).build()) {
            assertEquals(byFive.identity(), single.identity());
            float[][] one = single.encode(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(one[i], batched[i], TOLERANCE, TEXTS.get(i));
            }
        }
    }

    @Test
    void oneThreadAndTwoThreadsGiveTheSameFeatures() {
        try (OnnxEncoder oneThread = OnnxEncoder.builder().setModel(BundledModel.BGE_SMALL_EN_V15).optThreads(1)
                .optBatchSize(5).optCacheDirectory(TestCaches.shared()).build();
             OnnxEncoder twoThreads = OnnxEncoder.builder().setModel(BundledModel.BGE_SMALL_EN_V15).optThreads(2)
                     .optBatchSize(5).optCacheDirectory(TestCaches.shared()).build()) {
            float[][] one = oneThread.encode(TEXTS);
            float[][] two = twoThreads.encode(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(one[i], two[i], TOLERANCE, TEXTS.get(i));
            }
        }
    }

    @Test
    void normalisedLastLayerFeaturesRankSimilarSentencesCloser() {
        try (OnnxEncoder normalized = OnnxEncoder.builder().setModel(BundledModel.BGE_SMALL_EN_V15)
                .optLayers(Layers.LAST).optNormalize(true).optCacheDirectory(TestCaches.shared()).build()) {
            float[][] v = normalized.encode(List.of("The cat sat on the mat.", "A cat is sitting on a mat.",
                    "Stock prices fell sharply today."));
            double similar = dot(v[0], v[1]);
            double unrelated = dot(v[0], v[2]);
            assertTrue(similar > unrelated + 0.1, "cat/cat " + similar + " vs cat/stocks " + unrelated);
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
