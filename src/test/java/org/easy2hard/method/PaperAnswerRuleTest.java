package org.easy2hard.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.junit.jupiter.api.Test;

class PaperAnswerRuleTest {

    private static Item yesNo(String gold) {
        return new Item("q1", DatasetId.STRATEGYQA, "test", "Is the sky blue?", List.of("yes", "no"),
                gold.equals("yes") ? 0 : 1, gold, "", List.of(), Map.of(), Map.of());
    }

    private static Item arithmetic(String gold) {
        return new Item("g1", DatasetId.GSM8K, "test", "How many?", List.of(), -1, gold, "", List.of(), Map.of(),
                Map.of());
    }

    @Test
    void takesTheTextAfterTheTriggerLowercasedWithoutPeriods() {
        Prediction prediction = new PaperAnswerRule().judge(yesNo("no"), " The sky is blue. So the answer is No.");
        assertTrue(prediction.judgedCorrect());
        assertEquals(1, prediction.predicted());
        assertEquals("no", prediction.outputs().get("answer.paper"));
    }

    @Test
    void withoutTheTriggerTheAnswerIsWrong() {
        Prediction prediction = new PaperAnswerRule().judge(yesNo("yes"), " yes");
        assertFalse(prediction.judgedCorrect());
        assertEquals(-1, prediction.predicted());
        assertNull(PaperAnswerRule.extract(DatasetId.STRATEGYQA, "yes"));
    }

    @Test
    void gsm8kKeepsTheDigitsOfTheLastTwoWords() {
        assertEquals("18", PaperAnswerRule.extract(DatasetId.GSM8K, "She earns $18. So the answer is $18."));
        assertEquals("1250", PaperAnswerRule.extract(DatasetId.GSM8K, "so the answer is 1250 dollars"));
        assertTrue(new PaperAnswerRule().judge(arithmetic("72"), "48 + 24 = 72. So the answer is 72.").judgedCorrect());
    }
}
