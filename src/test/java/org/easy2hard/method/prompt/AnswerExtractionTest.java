package org.easy2hard.method.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.easy2hard.method.prompt.AnswerExtraction.AnswerType;
import org.junit.jupiter.api.Test;

/** The three extractors on GSM8k- and StrategyQA-style completions: exact answers and verdicts. */
class AnswerExtractionTest {

    private static AnswerCheck gsm8k(String completion, String gold) {
        return AnswerCheck.of(completion, gold, AnswerType.NUMBER, AnswerExtraction.PROMPTING_STOP);
    }

    private static AnswerCheck yesNo(String completion, String gold) {
        return AnswerCheck.of(completion, gold, AnswerType.YES_NO, AnswerExtraction.PROMPTING_STOP);
    }

    @Test
    void iclCompletionThatRunsOnIntoANewQuestionIsAnsweredByItsFirstTrigger() {
        AnswerCheck check = gsm8k(" Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = "
                + "<<48+24=72>>72 clips altogether in April and May. So the answer is 72\n\nQ: A baker has 3 trays of "
                + "5 rolls. How many rolls?\nA: 3 x 5 = 15. So the answer is 15", "72");
        assertEquals(Optional.of("72"), check.paperAnswer());
        assertEquals(Optional.of("72"), check.strictAnswer());
        assertEquals(Optional.of("72"), check.flexibleAnswer());
        assertTrue(check.paperCorrect() && check.strictCorrect() && check.flexibleCorrect());
    }

    @Test
    void commasAreDroppedByTheNumericFilterButNotFromTheGold() {
        String completion = " 617 + 617 = 1,234 dollars. So the answer is 1,234.";
        AnswerCheck plainGold = gsm8k(completion, "1234");
        assertEquals(Optional.of("1234"), plainGold.paperAnswer());
        assertTrue(plainGold.paperCorrect());
        AnswerCheck commaGold = gsm8k(completion, "1,234");
        assertFalse(commaGold.paperCorrect(), "the paper compares with the gold string as written");
        assertEquals(Optional.of("1234"), commaGold.strictAnswer());
        assertTrue(commaGold.strictCorrect());
        assertTrue(commaGold.flexibleCorrect());
    }

    @Test
    void dollarsAndTrailingPeriodsAreStripped() {
        AnswerCheck check = gsm8k(" She makes 9 * 2 = $<<9*2=18>>18 every day. So the answer is $18.", "18");
        assertEquals(Optional.of("18"), check.paperAnswer());
        assertEquals(Optional.of("18"), check.strictAnswer());
        assertEquals(Optional.of("18"), check.flexibleAnswer());
        assertTrue(check.paperCorrect());
    }

    @Test
    void severalTriggersThePaperTakesTheFirstStrictAndFlexibleTheLast() {
        AnswerCheck check = gsm8k(" The answer is 5 apples. Wait, the answer is 7.", "7");
        // split(trigger)[1] is " 5 apples. wait, "; its last two tokens hold no digit, so the first digit word wins.
        assertEquals(Optional.of("5"), check.paperAnswer());
        assertFalse(check.paperCorrect());
        assertEquals(Optional.of("7"), check.strictAnswer());
        assertEquals(Optional.of("7"), check.flexibleAnswer());
        assertTrue(check.strictCorrect() && check.flexibleCorrect());
    }

    @Test
    void withoutTheTriggerThePaperHasNoAnswerAndOnlyTheFlexibleExtractorFindsOne() {
        AnswerCheck check = gsm8k(" Natalia sold 24 clips in May, so 72 clips in all.", "72");
        assertEquals(Optional.empty(), check.paperAnswer());
        assertEquals(Optional.empty(), check.strictAnswer());
        assertEquals(Optional.of("72"), check.flexibleAnswer());
        assertFalse(check.paperCorrect());
        assertFalse(check.strictCorrect());
        assertTrue(check.flexibleCorrect());
    }

    @Test
    void theAnswerEndsAtTheFirstNewlineAfterTheTrigger() {
        assertEquals(Optional.of("42"), AnswerExtraction.paper(" So the answer is 42\nThe next problem has 7 steps.",
                AnswerType.NUMBER, AnswerExtraction.PROMPTING_STOP));
    }

    @Test
    void anEquationAfterTheTriggerKeepsItsResult() {
        assertEquals(Optional.of("8"), AnswerExtraction.paper("Therefore, the answer is 5 + 3 = 8",
                AnswerType.NUMBER, "\n"));
        assertEquals(Optional.of("3"), AnswerExtraction.paper("the answer is 3 + 4 = seven dollars",
                AnswerType.NUMBER, "\n"));
    }

    @Test
    void decimalsAreComparedAsStringsByThePaperAndAsNumbersByTheOthers() {
        AnswerCheck check = gsm8k(" 36 / 2 = 18. So the answer is 18.00", "18");
        assertEquals(Optional.of("18.00"), check.paperAnswer());
        assertFalse(check.paperCorrect());
        assertTrue(check.strictCorrect());
    }

    @Test
    void strategyQaYesAfterTheTriggerNamesTheFirstOption() {
        AnswerCheck check = yesNo(" Julius Caesar had three children. Genghis Khan had sixteen children. So the answer "
                + "is yes\n\nQ: Could a llama ride a bicycle?\nA: Llamas have hooves. So the answer is no", "yes");
        assertEquals(Optional.of("yes"), check.paperAnswer());
        assertEquals(Optional.of("yes"), check.strictAnswer());
        assertEquals(Optional.of("yes"), check.flexibleAnswer());
        assertTrue(check.paperCorrect());
    }

    @Test
    void aColonAfterTheTriggerDefeatsThePapersRuleButNotTheStrictOne() {
        AnswerCheck check = yesNo(" Police officers make arrests; musicians do not. So the answer is: No.", "no");
        assertEquals(Optional.of(": no"), check.paperAnswer());
        assertFalse(check.paperCorrect());
        assertEquals(Optional.of("no"), check.strictAnswer());
        assertTrue(check.strictCorrect());
        assertTrue(check.flexibleCorrect());
    }

    @Test
    void outputsKeepTheCompletionAndEveryAnswer() {
        Map<String, String> outputs = gsm8k(" No idea.", "3").outputs();
        assertEquals(" No idea.", outputs.get(AnswerCheck.COMPLETION));
        assertEquals("", outputs.get(AnswerCheck.ANSWER_PAPER));
        assertEquals("", outputs.get(AnswerCheck.ANSWER_STRICT));
        assertEquals("", outputs.get(AnswerCheck.ANSWER_FLEXIBLE));
        assertEquals("false", outputs.get("correct.paper"));
    }
}
