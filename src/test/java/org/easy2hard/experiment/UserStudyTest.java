package org.easy2hard.experiment;

import java.nio.file.Path;
import java.util.List;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.easy2hard.data.UserDataset;
import org.easy2hard.data.UserDatasetLoader;
import org.easy2hard.data.UserDatasetWriter;
import org.easy2hard.experiment.sheet.ResultSheet;
import org.easy2hard.experiment.sheet.ResultSheets;
import org.easy2hard.hardness.BinningRule;
import org.easy2hard.hardness.Cutoffs;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.hardness.UserMeasures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own CSV runs through the experiment runner like the paper's data, and exports under its own name. */
class UserStudyTest {

    @Test
    void aUserCsvRunsWithItsOwnCutoffsAndExportsUnderItsName(@TempDir Path dir) {
        Path file = dir.resolve("toy-user.csv");
        UserDatasetWriter.writeCsv(Fixtures.dataset().items(), List.of("num_steps"), file);
        UserDataset data = UserDatasetLoader.builder().build().load(file);
        HardnessMeasure steps = UserMeasures.find(UserMeasures.of(data, Map.of("num_steps",
                new BinningRule.Fixed(2, 4))), "num_steps");

        RunResult run = ExperimentRunner.builder()
                .setSpec(new ExperimentSpec(data.dataset().id(), "num_steps",
                        List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD), 20, 2, 0))
                .setData(data.dataset(), data.checksums())
                .setModelName("toy")
                .setSupervisedMethod(Fixtures.majority())
                .setUnsupervisedMethod(Fixtures.firstOption())
                .optMeasure(steps)
                .setRunDirectory(dir.resolve("run"))
                .build()
                .run();

        assertEquals(new Cutoffs(2, 4), run.cutoffs());
        assertEquals(300 + 2 * 280 + 2 * 280, run.records().size());
        RunManifest.Configuration configuration = RunDirectory.open(run.directory()).manifest().orElseThrow()
                .configuration();
        RunManifest.DataSource source = configuration.data().get("toy-user");
        assertEquals("user", source.dataset().shortName());
        assertEquals(java.util.Set.of("toy-user"), configuration.data().keySet());
        assertEquals(data.sha256(), source.sha256().get("toy-user.csv"));

        ResultSheet sheet = ResultSheets.builder().optData(List.of(data.dataset())).build()
                .sheet(List.of(ResultSheets.readRun(run.directory())));
        assertTrue(sheet.rows().stream().allMatch(row -> row.dataname().equals("toy-user")));
        assertTrue(sheet.columns().contains("question_num_words_mean_TEST"));
    }

    @Test
    void aUserMeasureWithoutAGivenRuleIsRefusedWithTheReason(@TempDir Path dir) {
        Path file = dir.resolve("toy-user.csv");
        UserDatasetWriter.writeCsv(Fixtures.dataset().items(), List.of("num_steps"), file);
        UserDataset data = UserDatasetLoader.builder().build().load(file);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ExperimentRunner.builder()
                .setSpec(new ExperimentSpec(data.dataset().id(), "num_steps", List.of(TrainPool.EASY), 20, 1, 0))
                .setData(data.dataset(), data.checksums())
                .setModelName("toy")
                .setSupervisedMethod(Fixtures.majority())
                .setRunDirectory(dir.resolve("run"))
                .build());
        assertTrue(error.getMessage().contains("needs fixed cutoffs"), error.getMessage());
    }
}
