package org.easy2hard.experiment;

import java.io.IOException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.easy2hard.experiment.sheet.ResultSheets;
import org.easy2hard.stats.ItemResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {

    @TempDir
    Path root;

    @Test
    void runsTheUnsupervisedBaselineOnceAndEachPoolPerBootstrap() {
        RunResult run = Fixtures.runner(root.resolve("run"), Fixtures.majority()).build().run();
        assertEquals(List.of("unsupervised-b0", "easy-b0", "easy-b1", "easy-b2", "hard-b0", "hard-b1", "hard-b2"),
                run.units().stream().map(UnitResult::unit).toList());
        assertEquals(300, run.units().get(0).records().size());
        assertEquals(280, run.units().get(1).records().size());
    }

    @Test
    void aTestSizeRunsTheUnsupervisedBaselinePerBootstrapOnAThirdPerLevel() {
        ExperimentRunner.Builder builder = Fixtures.runner(root.resolve("run"), Fixtures.majority());
        builder.setSpec(new ExperimentSpec(org.easy2hard.data.DatasetId.STRATEGYQA, "num_steps",
                List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD), 20, 3, 7, 30));
        RunResult run = builder.build().run();
        assertEquals(List.of("unsupervised-b0", "unsupervised-b1", "unsupervised-b2", "easy-b0", "easy-b1", "easy-b2",
                "hard-b0", "hard-b1", "hard-b2"), run.units().stream().map(UnitResult::unit).toList());
        assertTrue(run.units().stream().allMatch(unit -> unit.records().size() == 30));
        assertEquals(30, ResultSheets.readRun(root.resolve("run")).spec().testSize());
    }

    @Test
    void recordsNeverIncludeTheUnitsTrainingItems() {
        RunResult run = Fixtures.runner(root.resolve("run"), Fixtures.majority()).build().run();
        for (UnitResult unit : run.units()) {
            Set<String> train = new HashSet<>(unit.trainIds());
            assertTrue(unit.records().stream().map(ItemResult::itemId).noneMatch(train::contains), unit.unit());
        }
    }

    @Test
    void recordsCarryCorrectnessGoldProbabilityAndHardness() {
        RunResult run = Fixtures.runner(root.resolve("run"), Fixtures.majority()).build().run();
        ItemResult first = run.units().get(0).records().get(0);
        // q0: steps 1, gold "yes" (0 * 7 % 10 = 0 < 8); the baseline says "yes" with 0.6.
        assertEquals("q0", first.itemId());
        assertTrue(first.correct());
        assertEquals(0.6, first.goldProbability());
        assertEquals(1.0, first.hardness("num_steps"));
        assertEquals("unsupervised", first.condition().trainPool());
    }

    @Test
    void sameSeedGivesBitIdenticalRecordsInAFreshDirectory() {
        RunResult a = Fixtures.runner(root.resolve("a"), Fixtures.majority()).build().run();
        RunResult b = Fixtures.runner(root.resolve("b"), Fixtures.majority()).build().run();
        assertEquals(a.records(), b.records());
        assertEquals(a.units().get(3).diagnostics(), b.units().get(3).diagnostics());
    }

    @Test
    void rerunOnAFinishedDirectoryReadsTheSameRecordsBack() {
        RunResult first = Fixtures.runner(root.resolve("run"), Fixtures.majority()).build().run();
        RunResult again = Fixtures.runner(root.resolve("run"), Fixtures.majority()).build().run();
        assertEquals(first.records(), again.records());
    }

    @Test
    void aCorruptedUnitFileIsRunAgainNotTrusted() throws IOException {
        RunResult first = Fixtures.runner(root.resolve("run"), Fixtures.majority()).build().run();
        Path unit = root.resolve("run/units/easy-b1.jsonl");
        String text = Files.readString(unit);
        Files.writeString(unit, text.replace("\"correct\":true", "\"correct\":false"));
        RunResult again = Fixtures.runner(root.resolve("run"), Fixtures.majority()).build().run();
        assertEquals(first.records(), again.records());
        assertEquals(text, Files.readString(unit));
    }

    @Test
    void resumingWithAnotherConfigurationIsRefused() {
        Fixtures.runner(root.resolve("run"), Fixtures.majority()).build().run();
        ExperimentRunner other = Fixtures.runner(root.resolve("run"), Fixtures.majority())
                .setSpec(new ExperimentSpec(org.easy2hard.data.DatasetId.STRATEGYQA, "num_steps",
                        List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD), 30, 3, 7))
                .build();
        IllegalStateException error = assertThrows(IllegalStateException.class, other::run);
        assertTrue(error.getMessage().contains("configuration.train_size was 20, now 30"), error.getMessage());
    }

    @Test
    void manifestRecordsConfigurationAndProvenance() throws IOException {
        Fixtures.runner(root.resolve("run"), Fixtures.majority()).build().run();
        String manifest = Files.readString(root.resolve("run/manifest.json"));
        for (String field : List.of("\"hardness_measure\" : \"num_steps\"", "\"easy_max\" : 2.0", "\"hard_min\" : 4.0",
                "\"train_size\" : 20", "\"seed\" : 7", "\"synthetic.json\"", "\"library_version\"", "\"git_commit\"",
                "\"rule\" : \"most frequent gold option\"", "\"java\"", "\"device\" : \"cpu()\"",
                "\"cuda\" : \"none\"", "\"libtorch\" : \"" + org.easy2hard.model.NativeRuntime.built()
                        .getProperty("pytorch.version"), "\"native_build\" : \"cpu")) {
            assertTrue(manifest.contains(field), field + " in " + manifest);
        }
    }
}
