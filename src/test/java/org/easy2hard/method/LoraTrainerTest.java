package org.easy2hard.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import java.util.Map;
import org.easy2hard.data.Item;
import org.easy2hard.model.Progress;
import org.easy2hard.model.lora.LoraAdapters;
import org.easy2hard.model.lora.LoraConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The trainer's mechanics on the bigram test model (fast); the transformer tests are in FineTuningLlamaTest. */
class LoraTrainerTest {

    private static final LoraConfig LORA = new LoraConfig(4, 8, 0.0, List.of("q_proj", "v_proj"));
    private static BigramLanguageModel model;

    @BeforeAll
    static void open() {
        model = new BigramLanguageModel(16, 5);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static LoraTrainer trainer(long budget) {
        return trainer(budget, 40);
    }

    private static LoraTrainer trainer(long budget, int minUpdates) {
        return trainer(budget, minUpdates, TrainingSchedule.PAPER, 25);
    }

    private static LoraTrainer trainer(long budget, int minUpdates, TrainingSchedule schedule, int deviceBatch) {
        return LoraTrainer.builder().optLearningRate(0.02).optMinUpdates(minUpdates).optMaxBatch(25)
                .optMemoryBudget(budget).optSchedule(schedule).optDeviceBatch(deviceBatch).build();
    }

    private static TrainingRecord train(LoraAdapters adapters, List<Item> items, LoraTrainer trainer, long seed) {
        MultipleChoiceObjective objective = new MultipleChoiceObjective(model, adapters, items,
                SyntheticChoices::prompt, SyntheticChoices::continuations);
        return trainer.train(adapters, objective, seed, Progress.NONE);
    }

    @Test
    void theLossFallsAndTheBaseWeightsStayBitIdentical() {
        List<float[]> before = model.baseWeights();
        try (LoraAdapters adapters = LoraAdapters.initialize(LORA, model.loraTargets(LORA.targetModules()), 1,
                Device.cpu())) {
            TrainingRecord record = train(adapters, SyntheticChoices.items(100, 1), trainer(1 << 20), 1);
            assertEquals(40, record.losses().length);
            double[] losses = record.losses();
            assertTrue(losses[losses.length - 1] < 0.3 * losses[0], "loss " + losses[0] + " -> "
                    + losses[losses.length - 1]);
            assertEquals(0.02, record.learningRates()[0], 1e-12);
            assertEquals(0.02 * (1 - 0.9 * 39 / 40.0), record.learningRates()[39], 1e-12);
        }
        List<float[]> after = model.baseWeights();
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i));
        }
    }

    @Test
    void aFixedSeedGivesIdenticalLossesAndAdapters() {
        List<Item> items = SyntheticChoices.items(60, 2);
        LoraConfig withDropout = LORA.withDropout(0.1);
        double[][] losses = new double[2][];
        List<Map<String, float[]>> values = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (LoraAdapters adapters = LoraAdapters.initialize(withDropout,
                    model.loraTargets(withDropout.targetModules()), 9, Device.cpu())) {
                losses[run] = train(adapters, items, trainer(1 << 20, 6), 9).losses();
                values.add(adapters.values());
            }
        }
        assertArrayEquals(losses[0], losses[1]);
        values.get(0).forEach((name, array) -> assertArrayEquals(array, values.get(1).get(name), name));
    }

    /** Gradient accumulation: many small micro-batches give the same training as one per batch. */
    @Test
    void microBatchSizeDoesNotChangeTraining() {
        List<Item> items = SyntheticChoices.items(50, 3);
        long[] budgets = {1 << 20, 12 * 1024};
        // EXACT: one pass per batch of 25 when the budget allows; PAPER: one pass per device batch of 5.
        TrainingSchedule[] schedules = {TrainingSchedule.EXACT, TrainingSchedule.PAPER};
        long[] largeBudgetPasses = {6, 30};
        for (int s = 0; s < schedules.length; s++) {
            double[][] losses = new double[2][];
            long[] microBatches = new long[2];
            for (int run = 0; run < 2; run++) {
                try (LoraAdapters adapters = LoraAdapters.initialize(LORA, model.loraTargets(LORA.targetModules()),
                        4, Device.cpu())) {
                    TrainingRecord record = train(adapters, items, trainer(budgets[run], 6, schedules[s], 5), 4);
                    losses[run] = record.losses();
                    microBatches[run] = record.microBatches();
                }
            }
            assertEquals(largeBudgetPasses[s], microBatches[0], schedules[s].name());
            assertEquals(50 * 3, microBatches[1], schedules[s].name());
            assertArrayEquals(losses[0], losses[1], 1e-5, schedules[s].name());
        }
    }

    @Test
    void anExampleLargerThanTheBudgetIsAClearErrorBeforeTraining() {
        try (LoraAdapters adapters = LoraAdapters.initialize(LORA, model.loraTargets(LORA.targetModules()), 1,
                Device.cpu())) {
            Map<String, float[]> before = adapters.values();
            MemoryBudgetExceededException error = assertThrows(MemoryBudgetExceededException.class,
                    () -> train(adapters, SyntheticChoices.items(10, 1), trainer(8 * 1024), 1));
            assertTrue(error.getMessage().contains("training example 's1-0' (4 sequence(s), longest 2 tokens)")
                    && error.getMessage().contains("needs about 12.0 KiB")
                    && error.getMessage().contains("budget of 8.0 KiB"),
                    error.getMessage());
            before.forEach((name, array) -> assertArrayEquals(array, adapters.values().get(name)));
        }
    }

    @Test
    void theBudgetIsTheBuildersElseTheSettingOrAGpusFreeMemoryElseTheFineTuningDefault() {
        assertEquals(3L << 30, LoraTrainer.builder().optMemoryBudget(3L << 30).build().budgetFor(Device.cpu()).bytes());
        org.easy2hard.model.llama.MemoryBudget fallback = LoraTrainer.builder().build().budgetFor(Device.cpu());
        if (System.getenv(org.easy2hard.model.llama.MemoryBudget.VARIABLE) == null
                && System.getProperty(org.easy2hard.model.llama.MemoryBudget.PROPERTY) == null) {
            assertEquals(LoraTrainer.DEFAULT_MEMORY_BUDGET, fallback.bytes());
            assertTrue(fallback.source().contains("EASY2HARD_MEMORY_BUDGET"), fallback.source());
        }
    }
}
