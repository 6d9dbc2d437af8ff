package org.easy2hard.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation of records and conditions. */
class ItemResultTest {

    private static final Condition ZERO_SHOT = Condition.builder().setDataset("mmlu").setModel("llama-2-70b")
            .setMethod("zero-shot").setTrainPool(Condition.NONE).build();

    @Test
    void builderFillsOptionalFieldsWithTheirDefaults() {
        ItemResult result = ItemResult.builder().setItemId("q1").setCondition(ZERO_SHOT).setBootstrap(0)
                .setCorrect(true).build();
        assertTrue(Double.isNaN(result.goldProbability()));
        assertEquals(ItemResult.NO_PREDICTION, result.predictedOption());
        assertEquals(Map.of(), result.hardness());
        assertEquals(1.0, result.correctness(), 0.0);
    }

    @Test
    void hardnessIsCopiedAndLookedUpByMeasure() {
        Map<String, Double> hardness = new HashMap<>(Map.of("human_grade", 8.0));
        ItemResult result = ItemResult.builder().setItemId("q1").setCondition(ZERO_SHOT).setBootstrap(0)
                .setCorrect(false).optHardness(hardness).build();
        hardness.put("human_grade", 3.0);
        assertEquals(8.0, result.hardness("human_grade"), 0.0);
        assertTrue(Double.isNaN(result.hardness("num_steps")));
    }

    @Test
    void missingCorrectnessIsReported() {
        NullPointerException error = assertThrows(NullPointerException.class,
                () -> ItemResult.builder().setItemId("q1").setCondition(ZERO_SHOT).setBootstrap(0).build());
        assertEquals("correctness was not set", error.getMessage());
    }

    @Test
    void probabilityOutsideTheUnitIntervalIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ItemResult.builder().setItemId("q1")
                .setCondition(ZERO_SHOT).setBootstrap(0).setCorrect(true).optGoldProbability(1.2).build());
    }

    @Test
    void negativeBootstrapIndexIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ItemResult.builder().setItemId("q1")
                .setCondition(ZERO_SHOT).setBootstrap(-1).setCorrect(true).build());
    }

    @Test
    void blankConditionFieldIsRejectedWithAHint() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Condition.builder()
                .setDataset("arc").setModel("m").setMethod("icl").setTrainPool(" ").build());
        assertTrue(error.getMessage().contains("Condition.NONE"), error.getMessage());
    }

    @Test
    void conditionLabelNamesItsParts() {
        Condition easy = Condition.builder().setDataset("arc").setModel("llama-2-70b").setMethod("icl")
                .setTrainPool("easy").optHardnessMeasure("human_grade").optNTrain(10).build();
        assertEquals("arc/llama-2-70b/icl train=easy(human_grade) n=10", easy.label());
        assertEquals("mmlu/llama-2-70b/zero-shot train=none n=0", ZERO_SHOT.label());
        assertTrue(ZERO_SHOT.isUnsupervised());
    }
}
