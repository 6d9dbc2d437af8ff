package org.easy2hard.method;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The schedules' counts against the authors' loop re-implemented in {@link AuthorsFinetuneLoop}. */
class TrainingScheduleTest {

    private static final OptimizationPlan N160 = OptimizationPlan.standardize(160, 50, 3, 10);

    @Test
    void paperCountsFor160ItemsByDeviceBatch() {
        // 7b, 13b and 70b on 4 GPUs: 36, 12 and 4 rows of 4 options.
        int[] deviceBatches = {9, 3, 1};
        int[] effective = {45, 48, 50};
        int[] updates = {10, 10, 9};
        for (int i = 0; i < deviceBatches.length; i++) {
            int d = deviceBatches[i];
            TrainingSchedule paper = TrainingSchedule.PAPER;
            assertEquals(effective[i], paper.accumulation(N160, d) * paper.chunk(N160, d), "device batch " + d);
            assertEquals(updates[i], paper.updates(N160, d), "device batch " + d);
            AuthorsFinetuneLoop loop = new AuthorsFinetuneLoop(160, d, 10, 1e-4);
            assertEquals(loop.steps.size(), paper.updates(N160, d));
            assertEquals(loop.plannedSteps, paper.plannedUpdates(N160, d));
            assertEquals(loop.clips.size(), 3 * paper.chunksPerEpoch(N160, d));
        }
    }

    @Test
    void exactAppliesEveryBatch() {
        assertEquals(12, TrainingSchedule.EXACT.updates(N160, 1));
        assertEquals(50, TrainingSchedule.EXACT.chunk(N160, 1));
        assertEquals(1, TrainingSchedule.EXACT.accumulation(N160, 1));
    }

    @Test
    void fewerItemsThanADeviceBatchMakeOneBatchWithoutAccumulation() {
        OptimizationPlan plan = OptimizationPlan.standardize(6, 50, 3, 10);
        assertEquals(6, TrainingSchedule.PAPER.chunk(plan, 9));
        assertEquals(1, TrainingSchedule.PAPER.accumulation(plan, 9));
        assertEquals(10, TrainingSchedule.PAPER.updates(plan, 9));
        assertEquals(new AuthorsFinetuneLoop(6, 9, 10, 1e-4).steps.size(), TrainingSchedule.PAPER.updates(plan, 9));
    }

    @Test
    void chainOfThoughtAt160ItemsLosesLeftoverBatches() {
        OptimizationPlan plan = OptimizationPlan.standardize(160, 50, 3, 150);
        // 38 epochs of 160 one-item batches = 6080, accumulated 50 at a time: 121 updates, 30 batches unused.
        assertEquals(121, TrainingSchedule.PAPER.updates(plan, 1));
        assertEquals(new AuthorsFinetuneLoop(160, 1, 150, 1e-4).steps.size(), 121);
        assertEquals(152, TrainingSchedule.PAPER.plannedUpdates(plan, 1));
    }

    @Test
    void lossDivisorIsTheAccumulatedBatchUnderPaperAndTheBatchUnderExact() {
        assertEquals(45, TrainingSchedule.PAPER.lossDivisor(N160, 9, 7));
        assertEquals(10, TrainingSchedule.EXACT.lossDivisor(N160, 9, 10));
    }
}
