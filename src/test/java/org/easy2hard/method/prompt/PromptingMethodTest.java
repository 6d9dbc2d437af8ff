package org.easy2hard.method.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.method.Prediction;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.Progress;
import org.easy2hard.model.ScriptedLanguageModel;
import org.junit.jupiter.api.Test;

/** Zero-shot, ICL and chain-of-thought prompting against a scripted language model. */
class PromptingMethodTest {

    private static final Item ARC = new Item("arc1", DatasetId.ARC, "test", "Which is a metal?",
            List.of("iron", "wood", "glass", "water"), 0, "iron", "", List.of(), Map.of(), Map.of());

    private static Item gsm8k(String id, String question, String reasoning, String answer) {
        return new Item(id, DatasetId.GSM8K, "train", question, List.of(), -1, answer, reasoning, List.of(), Map.of(),
                Map.of());
    }

    private static List<Item> arcTrain(int n) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new Item("t" + i, DatasetId.ARC, "train", "Train question " + i + "?",
                    List.of("a" + i, "b" + i, "c" + i, "d" + i), i % 4, "abcd".charAt(i % 4) + "" + i, "", List.of(),
                    Map.of(), Map.of()));
        }
        return items;
    }

    @Test
    void optionProbabilitiesAreTheSoftmaxOfSummedLogProbs() {
        Map<String, Double> logProbs = Map.of(" iron", -1.0, " wood", -2.0, " glass", -3.0, " water", -4.0);
        ScriptedLanguageModel model = new ScriptedLanguageModel("meta-llama/Llama-2-7b-hf", 2048,
                (context, continuation) -> logProbs.get(continuation), p -> "");
        PromptingMethod zeroShot = PromptingMethod.zeroShot(model, DatasetId.ARC);
        Prediction prediction = zeroShot.fit(List.of(), 0, Progress.NONE).predict(List.of(ARC), Progress.NONE).get(0);
        // e^-1, e^-2, e^-3, e^-4 over their sum 0.5713174
        assertArrayEquals(new double[] {0.6439142598879722, 0.23688281808991013, 0.08714431874203257,
            0.03205860328008499}, prediction.probabilities(), 1e-12);
        assertEquals(0, prediction.predicted());
        assertEquals(new LogLikelihoodRequest("Question: Which is a metal? \nA) iron\nB) wood\nC) glass\nD) water\n"
                + "Answer:", " iron"), model.scored.get(0));
    }

    @Test
    void zeroShotIsTheUnsupervisedArmAndIgnoresTrainingItems() {
        ScriptedLanguageModel model = new ScriptedLanguageModel("llama", 2048, (c, a) -> -1.0, p -> "");
        PromptingMethod zeroShot = PromptingMethod.zeroShot(model, DatasetId.ARC);
        assertFalse(zeroShot.supervised());
        assertEquals("decoding", zeroShot.name());
        zeroShot.fit(arcTrain(20), 3, Progress.NONE).predict(List.of(ARC), Progress.NONE);
        assertTrue(model.scored.get(0).context().startsWith("Question: Which is a metal?"));
    }

    @Test
    void inContextLearningDrawsTenDemosOncePerFitInASeededOrder() {
        ScriptedLanguageModel model = new ScriptedLanguageModel("llama", 2048, (c, a) -> -1.0, p -> "");
        PromptingMethod icl = PromptingMethod.inContext(model, DatasetId.ARC);
        assertTrue(icl.supervised());
        List<Item> train = arcTrain(10);
        var first = (PromptingMethod.FittedPrompt) icl.fit(train, 7, Progress.NONE);
        var again = (PromptingMethod.FittedPrompt) icl.fit(train, 7, Progress.NONE);
        var other = (PromptingMethod.FittedPrompt) icl.fit(train, 8, Progress.NONE);
        assertEquals(10, first.demos().size());
        assertEquals(first.demos(), again.demos());
        assertEquals(Set.copyOf(train), Set.copyOf(first.demos()));
        assertFalse(first.demos().equals(other.demos()), "another seed gives another order");
        first.predict(List.of(ARC, ARC), Progress.NONE);
        String demoBlock = PromptFormat.ARC_MMLU.prompt(first.demos(), ARC, "llama");
        assertTrue(model.scored.stream().allMatch(request -> request.context().equals(demoBlock)));
        assertEquals(10.0, first.diagnostics().get("demos_shown_mean"));
    }

    @Test
    void gsm8kChainOfThoughtGeneratesThreeHundredTokensAndKeepsEveryAnswer() {
        Item test = gsm8k("train:0", "How many clips?", "48 + 24 = 72", "72");
        ScriptedLanguageModel model = new ScriptedLanguageModel("llama", 2048, (c, a) -> 0.0,
                prompt -> " 48/2 = 24 in May, 48 + 24 = 72 in all. So the answer is 72\n\nQ: next");
        PromptingMethod cot = PromptingMethod.inContextChainOfThought(model, DatasetId.GSM8K);
        List<Item> train = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            train.add(gsm8k("train:" + (i + 1), "Question " + i + "?", "Step " + i + ".", Integer.toString(i)));
        }
        var fitted = (PromptingMethod.FittedPrompt) cot.fit(train, 0, Progress.NONE);
        Prediction prediction = fitted.predict(List.of(test), Progress.NONE).get(0);
        assertTrue(prediction.isGenerated());
        assertTrue(prediction.isCorrect(test));
        assertEquals(-1, prediction.predicted());
        assertEquals("72", prediction.outputs().get("answer.paper"));
        assertEquals("72", prediction.outputs().get("answer.strict"));
        assertEquals("72", prediction.outputs().get("answer.flexible"));
        GenerationRequest request = model.generated.get(0);
        assertEquals(300, request.maxTokens());
        assertEquals(List.of(), request.stop());
        assertEquals(PromptFormat.CHAIN_OF_THOUGHT.prompt(fitted.demos(), test, "llama"), request.prompt());
        assertTrue(request.prompt().endsWith("\n\nQ: How many clips?\nA:"), request.prompt());
    }

    @Test
    void strategyQaChainOfThoughtPredictsTheOptionThePapersAnswerNames() {
        Item police = PromptAssemblerTest.yesNo("police", "Could the members of The Police perform lawful arrests?", 1);
        Item other = PromptAssemblerTest.yesNo("other", "Is water wet?", 0);
        ScriptedLanguageModel model = new ScriptedLanguageModel("llama", 2048, (c, a) -> 0.0,
                prompt -> prompt.contains("Police") ? " Musicians cannot arrest. So the answer is no" : " Hmm.");
        PromptingMethod zeroShotCot = PromptingMethod.builder(model).setFormat(PromptFormat.CHAIN_OF_THOUGHT)
                .optMaxNewTokens(PromptingMethod.maxNewTokens(DatasetId.STRATEGYQA)).build();
        List<Prediction> predictions = zeroShotCot.fit(List.of(), 0, Progress.NONE)
                .predict(List.of(police, other), Progress.NONE);
        assertEquals(1, predictions.get(0).predicted());
        assertTrue(predictions.get(0).isCorrect(police));
        assertEquals(-1, predictions.get(1).predicted());
        assertFalse(predictions.get(1).isCorrect(other));
        assertEquals(100, model.generated.get(0).maxTokens());
    }

    @Test
    void gsm8kZeroShotIsInstructionFiveChainOfThought() {
        ScriptedLanguageModel model = new ScriptedLanguageModel("llama", 2048, (c, a) -> 0.0, p -> "");
        PromptingMethod zeroShot = PromptingMethod.zeroShot(model, DatasetId.GSM8K);
        assertEquals(PromptFormat.GSM8K_ZERO_SHOT_COT, zeroShot.format());
        assertEquals("5305", zeroShot.settings().get("prompt_format"));
        assertEquals("300", zeroShot.settings().get("max_new_tokens"));
    }

    @Test
    void settingsNameEverythingThatChangesTheAnswers() {
        ScriptedLanguageModel model = new ScriptedLanguageModel("mistralai/Mixtral-8x7B-v0.1", 2048, (c, a) -> 0.0,
                p -> "");
        Map<String, String> settings = PromptingMethod.inContext(model, DatasetId.STRATEGYQA).settings();
        assertEquals("8", settings.get("k"));
        assertEquals("0306", settings.get("prompt_format"));
        assertEquals("false", settings.get("use_cot"));
        assertEquals("false", settings.get("strip_trailing_space"));
        assertEquals("2048", settings.get("context_length"));
        assertEquals(model.identity().cacheKey(), settings.get("model"));
    }

    @Test
    void scoringAnItemWithoutOptionsIsRefused() {
        ScriptedLanguageModel model = new ScriptedLanguageModel("llama", 2048, (c, a) -> 0.0, p -> "");
        MultipleChoiceMethod.Fitted fitted = PromptingMethod.builder(model).setFormat(PromptFormat.STRATEGYQA).build()
                .fit(List.of(), 0, Progress.NONE);
        Item item = gsm8k("train:0", "How many?", "1 + 1 = 2", "2");
        assertThrows(IllegalArgumentException.class, () -> fitted.predict(List.of(item), Progress.NONE));
    }

    @Test
    void tooFewTrainingItemsForTheDemosAreRefused() {
        ScriptedLanguageModel model = new ScriptedLanguageModel("llama", 2048, (c, a) -> 0.0, p -> "");
        assertThrows(IllegalArgumentException.class,
                () -> PromptingMethod.inContext(model, DatasetId.ARC).fit(arcTrain(9), 0, Progress.NONE));
    }

    @Test
    void optionsCanBeScoredWithoutALeadingSpaceForTokenizersThatAddNone() {
        ScriptedLanguageModel model = new ScriptedLanguageModel("Qwen/Qwen-72B", 2048, (c, a) -> -1.0, p -> "");
        PromptingMethod.builder(model).setFormat(PromptFormat.ARC_MMLU).optOptionLeadingSpace(false).build()
                .fit(List.of(), 0, Progress.NONE).predict(List.of(ARC), Progress.NONE);
        assertEquals(new LogLikelihoodRequest("Question: Which is a metal? \nA) iron\nB) wood\nC) glass\nD) water\n"
                + "Answer: ", "iron"), model.scored.get(0));
    }
}
