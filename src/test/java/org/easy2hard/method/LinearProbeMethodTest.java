package org.easy2hard.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.easy2hard.data.Item;
import org.easy2hard.model.Progress;
import org.junit.jupiter.api.Test;

class LinearProbeMethodTest {

    private static final String[] FILLER = {"river", "stone", "cloud", "metal", "plant", "light", "sound", "heat",
        "water", "earth", "gravity", "energy", "cell", "orbit", "magnet", "wave", "seed", "rock", "ice", "wind"};

    /**
     * ARC-like items whose gold option contains the word "correct" and whose distractors contain "wrong", each with
     * a random filler word; 3 to 5 options.
     */
    private static List<Item> markedItems(String prefix, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = 3 + i % 3;
            int gold = random.nextInt(k);
            List<String> options = new ArrayList<>();
            for (int o = 0; o < k; o++) {
                options.add((o == gold ? "correct " : "wrong ") + FILLER[random.nextInt(FILLER.length)]);
            }
            items.add(TestItems.arc(prefix + i, "What about the " + FILLER[random.nextInt(FILLER.length)] + " "
                    + i + "?", options, gold));
        }
        return items;
    }

    private static final List<Item> TRAIN = markedItems("train-", 60, 41);
    private static final List<Item> TEST = markedItems("test-", 60, 42);

    @Test
    void isTheSupervisedLearnedMethod() {
        LinearProbeMethod method = new LinearProbeMethod(FakeEncoder.hashedWords(64));
        assertEquals("learned", method.name());
        assertTrue(method.supervised());
    }

    @Test
    void fitEncodesEveryTrainingTextInOneCall() {
        FakeEncoder encoder = FakeEncoder.hashedWords(64);
        new LinearProbeMethod(encoder).fit(TRAIN, 0, Progress.NONE);
        assertEquals(1, encoder.calls().size());
        Set<String> expected = new HashSet<>();
        for (Item item : TRAIN) {
            expected.addAll(FeatureTemplate.ZERO_SHOT_PROMPT.texts(item));
        }
        assertEquals(expected, new HashSet<>(encoder.calls().get(0)));
    }

    @Test
    void normalisationComesFromTheTrainingItemsOnly() {
        // Test texts are shifted by +10 in every dimension; the fitted z-scoring must not see them.
        FakeEncoder plain = FakeEncoder.hashedWords(64);
        FakeEncoder encoder = new FakeEncoder(64, text -> {
            float[] vector = plain.encode(List.of(text))[0];
            if (text.contains("test-shift")) {
                for (int j = 0; j < vector.length; j++) {
                    vector[j] += 10;
                }
            }
            return vector;
        });
        LinearProbeMethod.FittedProbe fitted = new LinearProbeMethod(encoder).fit(TRAIN, 0, Progress.NONE);
        fitted.predict(shifted(TEST), Progress.NONE);
        List<float[][]> trainFeatures = new ArrayList<>();
        for (Item item : TRAIN) {
            trainFeatures.add(plain.encode(FeatureTemplate.ZERO_SHOT_PROMPT.texts(item)));
        }
        assertEquals(ZScore.fit(trainFeatures), fitted.trained().normalization());
    }

    @Test
    void anItemsPredictionDoesNotDependOnTheOtherTestItems() {
        LinearProbeMethod.FittedProbe fitted = new LinearProbeMethod(FakeEncoder.hashedWords(64))
                .fit(TRAIN, 0, Progress.NONE);
        Item item = TEST.get(0);
        Prediction alone = fitted.predict(List.of(item), Progress.NONE).get(0);
        List<Item> crowd = new ArrayList<>(shifted(TEST.subList(1, 20)));
        crowd.add(7, item);
        assertEquals(alone, fitted.predict(crowd, Progress.NONE).get(7));
    }

    @Test
    void sameSeedGivesIdenticalPredictions() {
        LinearProbeMethod method = new LinearProbeMethod(FakeEncoder.hashedWords(64));
        List<Prediction> first = method.fit(TRAIN, 5, Progress.NONE).predict(TEST, Progress.NONE);
        List<Prediction> second = method.fit(TRAIN, 5, Progress.NONE).predict(TEST, Progress.NONE);
        assertEquals(first, second);
    }

    @Test
    void learnsWhichOptionIsMarked() {
        List<Prediction> predictions = new LinearProbeMethod(FakeEncoder.hashedWords(64))
                .fit(TRAIN, 0, Progress.NONE).predict(TEST, Progress.NONE);
        int correct = 0;
        for (int i = 0; i < TEST.size(); i++) {
            if (predictions.get(i).predicted() == TEST.get(i).goldIndex()) {
                correct++;
            }
        }
        assertTrue(correct >= 0.9 * TEST.size(), correct + " of " + TEST.size());
    }

    @Test
    void answersItemsWithDifferentOptionCounts() {
        List<Prediction> predictions = new LinearProbeMethod(FakeEncoder.hashedWords(64))
                .fit(TRAIN, 0, Progress.NONE).predict(TEST.subList(0, 3), Progress.NONE);
        for (int i = 0; i < 3; i++) {
            double[] p = predictions.get(i).probabilities();
            assertEquals(TEST.get(i).options().size(), p.length);
            double total = 0;
            for (double value : p) {
                total += value;
            }
            assertEquals(1.0, total, 1e-12);
            assertEquals(TEST.get(i).id(), predictions.get(i).itemId());
        }
    }

    @Test
    void settingsNameTheEncoderTemplateAndHyperParameters() {
        FakeEncoder encoder = FakeEncoder.hashedWords(64);
        Map<String, String> settings = new LinearProbeMethod(encoder, FeatureTemplate.QUESTION_ANSWER,
                LinearProbe.builder().optPenalty(0.25).build()).settings();
        assertEquals(encoder.identity().cacheKey(), settings.get("encoder"));
        assertEquals("question-answer", settings.get("feature_template"));
        assertEquals("0.25", settings.get("probe.penalty"));
        assertEquals("0.05", settings.get("probe.learning_rate"));
        assertEquals("100", settings.get("probe.epochs"));
        assertEquals("1.0", settings.get("probe.max_gradient_norm"));
        assertFalse(settings.get("probe.learning_rate_schedule").isEmpty());
    }

    @Test
    void refusesToFitWithoutTrainingItems() {
        LinearProbeMethod method = new LinearProbeMethod(FakeEncoder.hashedWords(64));
        assertThrows(IllegalArgumentException.class, () -> method.fit(List.of(), 0, Progress.NONE));
    }

    /** Copies of the items whose question carries a marker that the shifting encoder recognises. */
    private static List<Item> shifted(List<Item> items) {
        List<Item> copies = new ArrayList<>();
        for (Item item : items) {
            copies.add(TestItems.arc(item.id() + "-shifted", item.question() + " test-shift", item.options(),
                    item.goldIndex()));
        }
        return copies;
    }
}
