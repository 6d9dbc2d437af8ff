package org.easy2hard.method.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.method.prompt.PromptAssembler.BuiltPrompt;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.Progress;
import org.easy2hard.model.ScriptedLanguageModel;
import org.junit.jupiter.api.Test;

/**
 * Demonstrations are dropped from the end as the paper does: triggered when prompt + longest answer + 1 exceeds the
 * context, then dropped while prompt &gt; context − 2 − longest answer. Tokens here are whitespace words: each demo
 * "Q: dN a b c \nA: yes" has 7, the test block "Q: t1 t2\nA:" has 4, each answer (" yes", " no") 1.
 */
class PromptAssemblerTest {

    static Item yesNo(String id, String question, int gold) {
        String answer = gold == 0 ? "yes" : "no";
        return new Item(id, DatasetId.STRATEGYQA, "test", question, List.of("yes", "no"), gold, answer, "", List.of(),
                Map.of(), Map.of());
    }

    private static final List<Item> DEMOS = List.of(yesNo("d0", "d0 a b c", 0), yesNo("d1", "d1 a b c", 0),
            yesNo("d2", "d2 a b c", 0));
    private static final Item TEST = yesNo("t", "t1 t2", 1);

    private static BuiltPrompt build(int context) {
        ScriptedLanguageModel model = new ScriptedLanguageModel("llama-test", context, (c, a) -> 0.0, p -> "");
        return new PromptAssembler(PromptFormat.STRATEGYQA, "llama-test", model, true)
                .build(DEMOS, List.of(TEST), Progress.NONE).get(0);
    }

    @Test
    void aPromptThatFitsKeepsEveryDemo() {
        // 25 prompt words + 1 answer word + 1 BOS = 27
        assertEquals(3, build(27).demosUsed());
    }

    @Test
    void oneTokenTooManyDropsTheLastDemoAndLeavesRoomForBosAndEos() {
        BuiltPrompt prompt = build(26);
        assertEquals(2, prompt.demosUsed());
        assertTrue(prompt.text().startsWith("Q: d0 a b c \nA: yes\n\nQ: d1 a b c \nA: yes\n\nQ: t1 t2\nA:"),
                prompt.text());
    }

    @Test
    void demosAreDroppedFromTheEndUntilThePromptFits() {
        // limit 20 - 2 - 1 = 17 words: three demos 25, two 18, one 11
        BuiltPrompt prompt = build(20);
        assertEquals(1, prompt.demosUsed());
        assertEquals("Q: d0 a b c \nA: yes\n\nQ: t1 t2\nA:", prompt.text());
    }

    @Test
    void everyDemoGoesWhenNoneFits() {
        assertEquals("Q: t1 t2\nA:", build(7).text());
    }

    @Test
    void aTestBlockThatCannotFitIsRefusedNamingTheItem() {
        LanguageModelException error = assertThrows(LanguageModelException.class, () -> build(5));
        assertTrue(error.getMessage().startsWith("item t:"), error.getMessage());
    }

    @Test
    void tokenCountsAreAskedInBatchesNotPerDemo() {
        ScriptedLanguageModel model = new ScriptedLanguageModel("llama-test", 20, (c, a) -> 0.0, p -> "");
        new PromptAssembler(PromptFormat.STRATEGYQA, "llama-test", model, true)
                .build(DEMOS, List.of(TEST, yesNo("u", "u1 u2", 0)), Progress.NONE);
        // 4 candidates + 2 prompts, then two rounds of 2 shortened prompts
        assertEquals(10, model.counted);
    }
}
