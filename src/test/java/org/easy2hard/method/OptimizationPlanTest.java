package org.easy2hard.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OptimizationPlanTest {

    @Test
    void paperExampleOf160ItemsWithoutChainOfThought() {
        OptimizationPlan plan = OptimizationPlan.standardize(160, 50, 3, 10);
        assertEquals(50, plan.effectiveBatch());
        assertEquals(4, plan.updatesPerEpoch());
        assertEquals(3, plan.epochs());
        assertEquals(12, plan.totalUpdates());
    }

    @Test
    void paperExampleOf160ItemsWithChainOfThought() {
        OptimizationPlan plan = OptimizationPlan.standardize(160, 50, 3, 150);
        assertEquals(4, plan.updatesPerEpoch());
        assertEquals(38, plan.epochs());
        assertEquals(152, plan.totalUpdates());
    }

    @Test
    void smallTrainingSetsUseTheWholeSetAsBatchAndMoreEpochs() {
        OptimizationPlan plan = OptimizationPlan.standardize(20, 50, 3, 10);
        assertEquals(20, plan.effectiveBatch());
        assertEquals(1, plan.updatesPerEpoch());
        assertEquals(10, plan.epochs());
    }

    @Test
    void aPartialLastBatchCountsAsAnUpdate() {
        OptimizationPlan plan = OptimizationPlan.standardize(51, 50, 3, 10);
        assertEquals(2, plan.updatesPerEpoch());
        assertEquals(5, plan.epochs());
    }

    @Test
    void noTrainingItemsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> OptimizationPlan.standardize(0, 50, 3, 10));
    }
}
