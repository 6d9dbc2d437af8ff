package org.easy2hard.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.easy2hard.data.DatasetId;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.llama.TinyLlamaFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning as a study: the paper's defaults per dataset and the run directory, set up before anything runs. */
class FineTuningStudyTest {

    @TempDir
    Path root;

    private LlamaModel tiny() {
        Path dir = TinyLlamaFixture.random(TinyLlamaFixture.Spec.mistral(), 3).write(root.resolve("tiny"));
        return LlamaModel.builder().setModel(dir).optCache(CacheDirectory.at(root.resolve("cache"))).build();
    }

    @Test
    void strategyQaTrainsChainOfThoughtOnEveryNonTrainingItemInANamedRunDirectory() {
        try (LlamaModel llama = tiny()) {
            FineTuningStudy study = FineTuningStudy.builder(DriverData.store(), llama).setDataset(DatasetId.STRATEGYQA)
                    .optTraining(8, 2).optSeed(3).optEveryNth(4).build();
            assertTrue(study.chainOfThought());
            assertEquals(new ExperimentSpec(DatasetId.STRATEGYQA, "num_steps",
                    List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD), 8, 2, 3, 0), study.spec());
            assertEquals(RunDefaults.runDirectory("strategyqa-num_steps-" + RunDefaults.safeName(
                    llama.identity().name()) + "-finetuned", 4, 3), study.runDirectory());
        }
    }

    @Test
    void gsm8kTestsThePapers500ItemsAndArcAnswersMultipleChoice() {
        try (LlamaModel llama = tiny()) {
            assertEquals(500, FineTuningStudy.builder(DriverData.store(), llama).setDataset(DatasetId.GSM8K).build()
                    .spec().testSize());
            FineTuningStudy arc = FineTuningStudy.builder(DriverData.store(), llama).setDataset(DatasetId.ARC).build();
            assertEquals(false, arc.chainOfThought());
            assertEquals("human_grade", arc.measure());
            assertEquals(RunDefaults.TRAIN_SIZE, arc.spec().trainSize());
        }
    }
}
