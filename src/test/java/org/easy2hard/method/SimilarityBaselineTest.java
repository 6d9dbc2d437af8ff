package org.easy2hard.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.model.Progress;
import org.junit.jupiter.api.Test;

class SimilarityBaselineTest {

    /** Hand-made embeddings: the question points along x; options at 90, about 6 and 180 degrees from it. */
    private static final Map<String, float[]> VECTORS = Map.of(
            "Which way is east?", new float[] {1, 0, 0},
            "north", new float[] {0, 2, 0},
            "east-ish", new float[] {0.9f, 0.1f, 0},
            "west", new float[] {-3, 0, 0});

    private static final Item ITEM = TestItems.arc("e1", "Which way is east?", List.of("north", "east-ish", "west"),
            1);

    private static FakeEncoder handMade() {
        return new FakeEncoder(3, text -> VECTORS.get(text).clone());
    }

    @Test
    void picksTheOptionMostSimilarToTheQuestion() {
        Prediction prediction = new SimilarityBaseline(handMade()).fit(List.of(), 0, Progress.NONE)
                .predict(List.of(ITEM), Progress.NONE).get(0);
        assertEquals(1, prediction.predicted());
    }

    @Test
    void probabilitiesAreTheSoftmaxOfCosinesOverTheTemperature() {
        double tau = 0.5;
        double[] cosines = {0, 0.9 / Math.sqrt(0.82), -1};
        double[] expected = new double[3];
        double total = 0;
        for (int o = 0; o < 3; o++) {
            expected[o] = Math.exp(cosines[o] / tau);
            total += expected[o];
        }
        for (int o = 0; o < 3; o++) {
            expected[o] /= total;
        }
        Prediction prediction = new SimilarityBaseline(handMade(), tau).fit(List.of(), 0, Progress.NONE)
                .predict(List.of(ITEM), Progress.NONE).get(0);
        assertArrayEquals(expected, prediction.probabilities(), 1e-7);
    }

    @Test
    void isUnsupervisedAndIgnoresTrainingItems() {
        FakeEncoder encoder = handMade();
        SimilarityBaseline baseline = new SimilarityBaseline(encoder);
        assertFalse(baseline.supervised());
        assertEquals("similarity", baseline.name());
        MultipleChoiceMethod.Fitted fitted = baseline.fit(List.of(ITEM), 3, Progress.NONE);
        assertTrue(encoder.calls().isEmpty(), "fit must not encode anything");
        assertEquals(baseline.fit(List.of(), 0, Progress.NONE).predict(List.of(ITEM), Progress.NONE),
                fitted.predict(List.of(ITEM), Progress.NONE));
    }

    @Test
    void encodesEachDistinctTextOnceInOneCall() {
        FakeEncoder encoder = FakeEncoder.hashedWords(16);
        List<Item> items = List.of(
                TestItems.item("s1", DatasetId.STRATEGYQA, "Is ice cold?", List.of("yes", "no"), 0),
                TestItems.item("s2", DatasetId.STRATEGYQA, "Is fire cold?", List.of("yes", "no"), 1));
        new SimilarityBaseline(encoder).fit(List.of(), 0, Progress.NONE).predict(items, Progress.NONE);
        assertEquals(List.of(List.of("Is ice cold?", "yes", "no", "Is fire cold?")), encoder.calls());
    }

    @Test
    void settingsNameTheEncoderAndTemperature() {
        FakeEncoder encoder = handMade();
        Map<String, String> settings = new SimilarityBaseline(encoder).settings();
        assertEquals(encoder.identity().cacheKey(), settings.get("encoder"));
        assertEquals(Double.toString(SimilarityBaseline.DEFAULT_TEMPERATURE), settings.get("temperature"));
    }

    @Test
    void refusesANonPositiveTemperature() {
        assertThrows(IllegalArgumentException.class, () -> new SimilarityBaseline(handMade(), 0));
    }
}
