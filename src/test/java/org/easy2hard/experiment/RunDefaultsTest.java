package org.easy2hard.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The defaults and the run-directory name, written once. */
class RunDefaultsTest {

    @Test
    void aRunDirectoryNamesTheSubsamplingOnlyWhenThereIsOne() {
        assertEquals(Path.of("runs", "arc-human_grade-bge-every3-s7"), RunDefaults.runDirectory("arc-human_grade-bge",
                3, 7));
        assertEquals(Path.of("runs", "arc-human_grade-bge-s0"), RunDefaults.runDirectory("arc-human_grade-bge", 1, 0));
    }

    @Test
    void aModelNameIsMadeSafeForAFolder() {
        assertEquals("meta-llama_Llama-2-7b_chat", RunDefaults.safeName("meta-llama/Llama-2-7b chat"));
    }

    @Test
    void aStudyBuilderStartsFromThePapersDefaults() {
        EncoderStudy.Builder builder = EncoderStudy.builder(Fixtures.dataset(), java.util.Map.of());
        assertEquals(160, builder.trainSize());
        assertEquals(5, builder.bootstraps());
        assertEquals(0, builder.seed());
        assertEquals(10_000, RunDefaults.RESAMPLES);
    }

    @Test
    void aTrainingSizeBelowOneIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EncoderStudy.builder(Fixtures.dataset(), java.util.Map.of()).optTraining(0, 5));
        assertEquals("train size and bootstraps must be at least 1, were 0 and 5", error.getMessage());
    }

    @Test
    void aLearningCurveKeepsItsOwnDefaultDraws() {
        assertEquals(10, org.easy2hard.experiment.driver.LearningCurves.builder(LegacyRuns.dataset(),
                org.easy2hard.hardness.HardnessCatalog.find(org.easy2hard.data.DatasetId.STRATEGYQA, "num_steps"))
                .bootstraps());
    }
}
