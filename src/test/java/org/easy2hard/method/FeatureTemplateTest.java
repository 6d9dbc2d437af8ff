package org.easy2hard.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.junit.jupiter.api.Test;

class FeatureTemplateTest {

    private static final Item ARC = TestItems.arc("a1", "Which is a mammal?", List.of("shark", "whale", "trout",
            "eel"), 1);

    @Test
    void zeroShotPromptOfArcFollowsPrompt0040() {
        // Space after the question, newline-separated option list, no space before "\nAnswer:".
        assertEquals("Question: Which is a mammal? \nA) shark\nB) whale\nC) trout\nD) eel\nAnswer:",
                FeatureTemplate.zeroShotPrompt(ARC));
    }

    @Test
    void zeroShotFeatureTextAppendsTheOptionAfterOneSpace() {
        assertEquals("Question: Which is a mammal? \nA) shark\nB) whale\nC) trout\nD) eel\nAnswer: whale",
                FeatureTemplate.ZERO_SHOT_PROMPT.text(ARC, 1));
    }

    @Test
    void lettersFollowTheItemsOptionCount() {
        Item three = TestItems.arc("a3", "Q?", List.of("x", "y", "z"), 0);
        Item five = TestItems.arc("a5", "Q?", List.of("p", "q", "r", "s", "t"), 4);
        assertEquals("Question: Q? \nA) x\nB) y\nC) z\nAnswer: z", FeatureTemplate.ZERO_SHOT_PROMPT.text(three, 2));
        assertEquals("Question: Q? \nA) p\nB) q\nC) r\nD) s\nE) t\nAnswer: t",
                FeatureTemplate.ZERO_SHOT_PROMPT.text(five, 4));
    }

    @Test
    void mmluUsesTheSamePromptAsArc() {
        Item mmlu = TestItems.item("m1", DatasetId.MMLU, "2+2=?", List.of("3", "4", "5", "22"), 1);
        assertEquals("Question: 2+2=? \nA) 3\nB) 4\nC) 5\nD) 22\nAnswer: 4",
                FeatureTemplate.ZERO_SHOT_PROMPT.text(mmlu, 1));
    }

    @Test
    void strategyQaFollowsPrompt0306WithYesAndNo() {
        Item sqa = TestItems.item("s1", DatasetId.STRATEGYQA, "Can a fish climb a tree?", List.of("yes", "no"), 1);
        assertEquals(List.of("Q: Can a fish climb a tree?\nA: yes", "Q: Can a fish climb a tree?\nA: no"),
                FeatureTemplate.ZERO_SHOT_PROMPT.texts(sqa));
    }

    @Test
    void questionAnswerTemplateHasNoOptionList() {
        assertEquals("Question: Which is a mammal?\nAnswer: eel", FeatureTemplate.QUESTION_ANSWER.text(ARC, 3));
    }

    @Test
    void textsListsEveryOptionInOrder() {
        List<String> texts = FeatureTemplate.QUESTION_ANSWER.texts(ARC);
        assertEquals(List.of("Question: Which is a mammal?\nAnswer: shark", "Question: Which is a mammal?\nAnswer: whale",
                "Question: Which is a mammal?\nAnswer: trout", "Question: Which is a mammal?\nAnswer: eel"), texts);
    }

    @Test
    void generativeItemsHaveNoFeatureText() {
        Item gsm = new Item("g1", DatasetId.GSM8K, "train", "1+1?", List.of(), -1, "2", "", List.of(),
                java.util.Map.of(), java.util.Map.of());
        assertThrows(IllegalArgumentException.class, () -> FeatureTemplate.ZERO_SHOT_PROMPT.texts(gsm));
        assertThrows(IllegalArgumentException.class, () -> FeatureTemplate.QUESTION_ANSWER.texts(gsm));
    }

    @Test
    void idsParseBack() {
        for (FeatureTemplate template : FeatureTemplate.values()) {
            assertEquals(template, FeatureTemplate.parse(template.id().toUpperCase()));
        }
        assertThrows(IllegalArgumentException.class, () -> FeatureTemplate.parse("letters"));
    }
}
