package org.easy2hard.experiment.driver;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.easy2hard.data.Dataset;
import org.easy2hard.experiment.DriverData;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.hardness.Level;
import org.easy2hard.hardness.Stratifier;
import org.easy2hard.stats.GridBootstrap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The population driver's sampling on the real MMLU set: every measure × pool × bootstrap, MMLU without medium. */
class PopulationTest {

    private static Dataset mmlu;

    @TempDir
    Path root;

    @BeforeAll
    static void load() {
        mmlu = DriverData.mmlu();
    }

    private Population driver() {
        return Population.builder(mmlu).addModel(DriverData.fakeModel("small")).addModel(DriverData.fakeModel("large"))
                .optTraining(160, 2).setRunDirectory(root.resolve("run")).build();
    }

    @Test
    void mmluSkipsMediumAndRunsEveryMeasurePoolBootstrapAndModel() {
        Population population = driver();
        assertEquals(List.of(TrainPool.EASY, TrainPool.HARD), population.pools());
        // 2 baselines + 3 measures x 2 pools x 2 bootstraps x 2 models
        assertEquals(2 + 3 * 2 * 2 * 2, population.plan().size());
    }

    @Test
    void trainingItemsComeFromTheirPoolAndNeverReachTheTestSet() {
        Population population = driver();
        Map<String, Stratifier> stratifiers = population.stratifiers();
        for (PlannedUnit unit : population.plan()) {
            if (unit.pool() == TrainPool.NONE) {
                assertEquals(mmlu.size(), unit.test().size());
                continue;
            }
            Stratifier stratifier = stratifiers.get(unit.condition().hardnessMeasure());
            Level level = unit.pool().level().orElseThrow();
            assertEquals(160, unit.train().size());
            assertTrue(unit.train().stream().allMatch(item -> stratifier.levelOf(item).orElseThrow() == level));
            assertEquals(mmlu.size() - 160, unit.test().size());
            Set<String> train = new HashSet<>(unit.trainIds());
            assertTrue(unit.testIds().stream().noneMatch(train::contains));
        }
    }

    @Test
    void modelsShareEachTrainingDraw() {
        List<PlannedUnit> units = driver().plan();
        PlannedUnit small = units.stream().filter(u -> u.name().equals("small__majority__human_hardness__hard-b1"))
                .findFirst().orElseThrow();
        PlannedUnit large = units.stream().filter(u -> u.name().equals("large__majority__human_hardness__hard-b1"))
                .findFirst().orElseThrow();
        assertEquals(small.trainIds(), large.trainIds());
    }

    @Test
    void tableReadsEveryConditionByTestLevel() {
        Population population = Population.builder(mmlu).addModel(DriverData.fakeModel("fake"))
                .optMeasures(List.of(HardnessCatalog.find(mmlu.id(), "human_hardness"))).optTraining(40, 2)
                .setRunDirectory(root.resolve("small")).build();
        DriverResult run = population.run();
        Table table = population.table(run, GridBootstrap.builder().optResamples(100).build());
        // unsupervised, easy, hard, each on all / easy / hard test items (MMLU has no medium items)
        assertEquals(9, table.rowCount());
        Table hard = table.where(table.stringColumn("test_on").isEqualTo("hard"));
        assertEquals(List.of("unsupervised", "easy", "hard"), hard.stringColumn("train_on").asList());
        assertEquals(603, hard.intColumn("items").get(0));
        assertEquals(603, hard.intColumn("items").get(1));
    }

    @Test
    void theAccuracyColumnIsTheNumberTheDisplayShows() {
        Population population = Population.builder(mmlu).addModel(DriverData.fakeModel("fake"))
                .optMeasures(List.of(HardnessCatalog.find(mmlu.id(), "human_hardness"))).optTraining(40, 2)
                .setRunDirectory(root.resolve("display")).build();
        Table table = population.table(population.run(), GridBootstrap.builder().optResamples(100).build());
        for (int row = 0; row < table.rowCount(); row++) {
            // the authors' test_acc_str: "100 x bootstrap mean ± 100 x error bar"; the column is that mean
            String shown = table.stringColumn("accuracy ± error bar").get(row).split(" ")[0];
            assertEquals(shown, String.format(java.util.Locale.ROOT, "%.1f",
                    table.doubleColumn("accuracy (%)").get(row)), table.row(row).toString());
        }
    }
}
