package org.easy2hard.method.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.method.Prediction;
import org.easy2hard.model.Progress;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.llama.TinyLlamaFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole prompting pipeline on the in-JVM model with a known answer: a tiny Llama turned into a bigram model in
 * which "blue" follows ":" with a logit of 40, so every prompt that ends in {@code Answer:} makes the option "blue"
 * all but certain. The gold option is "blue" at every position, the prompts carry real 0040 demonstrations, and the
 * model's 128-token window forces the assembler to drop demonstrations; accuracy must be 100%.
 */
class KnownAnswerLlamaTest {

    private static final List<String> OTHER_OPTIONS = List.of("red", "green", "dog");

    @TempDir
    static Path directory;

    private static Path model;

    @BeforeAll
    static void writeModel() {
        model = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 11).makeBigram().favour(":", "blue", 40)
                .write(directory.resolve("known-answer"));
    }

    /** Items whose gold option "blue" sits at index {@code i % 4}; questions differ in their words. */
    private static List<Item> items(String prefix, int n) {
        List<String> subjects = List.of("sky", "grass", "cat", "dog", "the capital of france");
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int gold = i % 4;
            List<String> options = new ArrayList<>(OTHER_OPTIONS);
            options.add(gold, "blue");
            String question = "what color is the " + subjects.get(i % subjects.size()) + " ?";
            items.add(new Item(prefix + i, DatasetId.ARC, "test", question, options, gold, "blue", "", List.of(),
                    Map.of(), Map.of("human_grade", 3.0 + i % 6)));
        }
        return items;
    }

    private static List<Prediction> predict(MultipleChoiceMethod method, List<Item> train, List<Item> test) {
        return method.fit(train, 7, Progress.NONE).predict(test, Progress.NONE);
    }

    @Test
    void inContextLearningPicksTheKnownAnswerEveryTimeThoughDemosAreDropped() {
        List<Item> test = items("test-", 12);
        try (LlamaModel llama = LlamaModel.builder().setModel(model).build()) {
            assertEquals(128, llama.contextLength(), "the tiny model's window caps the prompt");
            MultipleChoiceMethod.Fitted fitted = PromptingMethod.inContext(llama, DatasetId.ARC, 10)
                    .fit(items("demo-", 20), 7, Progress.NONE);
            List<Prediction> predictions = fitted.predict(test, Progress.NONE);
            Map<String, Double> diagnostics = fitted.diagnostics();
            assertEquals(12.0, diagnostics.get("items_with_demos_dropped"), diagnostics.toString());
            double shown = diagnostics.get("demos_shown_mean");
            assertTrue(shown >= 1 && shown < 10, "some demonstrations are shown, not all: " + diagnostics);
            for (int i = 0; i < test.size(); i++) {
                Prediction prediction = predictions.get(i);
                assertTrue(prediction.isCorrect(test.get(i)), prediction.toString());
                assertTrue(prediction.goldProbability(test.get(i)) > 0.999, prediction.toString());
            }
        }
    }

    @Test
    void zeroShotPicksTheKnownAnswerEveryTime() {
        List<Item> test = items("test-", 8);
        try (LlamaModel llama = LlamaModel.builder().setModel(model).build()) {
            List<Prediction> predictions = predict(PromptingMethod.zeroShot(llama, DatasetId.ARC), List.of(), test);
            long correct = java.util.stream.IntStream.range(0, test.size())
                    .filter(i -> predictions.get(i).isCorrect(test.get(i))).count();
            assertEquals(test.size(), correct);
        }
    }
}
