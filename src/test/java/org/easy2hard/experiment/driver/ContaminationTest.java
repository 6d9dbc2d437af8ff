package org.easy2hard.experiment.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.experiment.DriverData;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.RunResult;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.experiment.sheet.ResultSheet;
import org.easy2hard.experiment.sheet.ResultSheets;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.hardness.Level;
import org.easy2hard.hardness.Stratifier;
import org.easy2hard.model.Progress;
import org.easy2hard.model.ScriptedLanguageModel;
import org.easy2hard.stats.GridBootstrap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Contamination as a hardness measure on the real ARC probing set (every 4th item), with memorisation scores of a
 * scripted model: an existing study (the population table) stratified by it, and the dedicated SGR table.
 */
class ContaminationTest {

    private static final GridBootstrap BOOTSTRAP = GridBootstrap.builder().optResamples(200).build();
    private static Dataset arc;
    private static MemorisationScores scores;

    @TempDir
    Path root;

    /** A deterministic, text-dependent log-probability in [−10, 0): stands in for a causal LM's scores. */
    private static double scripted(String context, String continuation) {
        return -((continuation.hashCode() & 0x3ff) + 1) / 102.4;
    }

    @BeforeAll
    static void score() {
        Dataset all = DriverData.arc();
        List<org.easy2hard.data.Item> kept = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 4) {
            kept.add(all.items().get(i));
        }
        arc = new Dataset(DatasetId.ARC, all.name(), kept);
        ScriptedLanguageModel model = new ScriptedLanguageModel("scripted", 4096, ContaminationTest::scripted,
                prompt -> "");
        scores = Memorisation.score(arc, model, "scripted", Memorisation.Options.defaults(), Progress.NONE);
    }

    @Test
    void thePopulationStudyStratifiesByTheMemorisationMeasures() {
        Population population = Population.builder(scores.apply(arc)).addModel(DriverData.fakeModel("fake"))
                .optMeasures(scores.measures()).optPools(List.of(TrainPool.EASY, TrainPool.HARD)).optTraining(40, 2)
                .setRunDirectory(root.resolve("population")).build();
        Stratifier minK = population.stratifiers().get(MemorisationScores.MIN_K_MEASURE);
        // Quantile bins of the surprise (−Min-K%): easy = the most familiar 30%.
        double[] surprise = arc.items().stream().mapToDouble(item -> -scores.minK().get(item.id())).toArray();
        assertEquals(org.easy2hard.stats.Quantiles.linear(surprise, 0.3), minK.cutoffs().easyMax(), 1e-12);
        assertEquals(org.easy2hard.stats.Quantiles.linear(surprise, 0.7), minK.cutoffs().hardMin(), 1e-12);
        for (PlannedUnit unit : population.plan()) {
            if (unit.pool() == TrainPool.EASY && unit.condition().hardnessMeasure().equals(minK.measure().name())) {
                assertTrue(unit.train().stream().allMatch(item -> -scores.minK().get(item.id()) <= minK.cutoffs()
                        .easyMax()), unit.name());
            }
        }
        Table table = population.table(population.run(), BOOTSTRAP);
        Table hard = table.where(table.stringColumn("measure").isEqualTo(MemorisationScores.ANSWER_MEASURE)
                .and(table.stringColumn("test_on").isEqualTo("hard")));
        assertEquals(List.of("unsupervised", "easy", "hard"), hard.stringColumn("train_on").asList());
        long hardItems = arc.items().stream().filter(item -> -scores.answer().get(item.id())
                >= population.stratifiers().get(MemorisationScores.ANSWER_MEASURE).cutoffs().hardMin()).count();
        assertEquals(hardItems, (long) hard.intColumn("items").get(0));
    }

    private Contamination driver(String directory) {
        return Contamination.builder(arc, HardnessCatalog.find(DatasetId.ARC, "human_grade"), scores)
                .addModel(DriverData.fakeModel("fake")).optTraining(40, 2).setRunDirectory(root.resolve(directory))
                .build();
    }

    @Test
    void theTableSplitsTheHardTestItemsByMemorisationLevel() {
        Contamination driver = driver("contamination");
        // 1 baseline + easy and hard pools x 2 bootstraps, by the training measure only
        assertEquals(1 + 2 * 2, driver.plan().size());
        Table table = driver.table(driver.run(), BOOTSTRAP);
        assertEquals(List.of("fake", "fake", "fake", "fake"), table.stringColumn("model").asList());
        assertEquals(Contamination.ROWS, table.stringColumn("memorisation").asList());
        // The three levels partition the hard test items (by grade).
        List<Integer> shared = table.intColumn("shared items").asList();
        assertEquals(shared.get(0), shared.get(1) + shared.get(2) + shared.get(3));
        Stratifier grade = Stratifier.fit(HardnessCatalog.find(DatasetId.ARC, "human_grade"), arc);
        long hardAndFamiliar = driver.probing().items().stream()
                .filter(item -> grade.levelOf(item).filter(Level.HARD::equals).isPresent()
                        && driver.memorisation().levelOf(item).filter(Level.EASY::equals).isPresent())
                .count();
        var bars = driver.hardTestAccuracy(driver.run(), "fake", BOOTSTRAP);
        assertEquals(Contamination.ROWS, List.copyOf(bars.keySet()));
        assertEquals(List.of("Unsupervised", "Easy", "Hard"), List.copyOf(bars.get(Contamination.ROWS.get(3)).keySet()));
        // Every hard test item is tested by every condition (the baseline sees all; each draw trains on 40 others).
        assertTrue(shared.get(1) <= hardAndFamiliar && shared.get(1) > 0.8 * hardAndFamiliar,
                shared + " vs " + hardAndFamiliar);
        // The baseline is tested on every item: its familiar bar counts every hard, familiar item.
        assertEquals(hardAndFamiliar, bars.get(Contamination.ROWS.get(1)).get("Unsupervised").effectiveSampleSize());
    }

    @Test
    void aRunResumesAndExportsTheTrainingMeasuresSheet() {
        Contamination driver = driver("resume");
        DriverResult first = driver.run();
        List<String> finishedEarlier = new ArrayList<>();
        Contamination again = Contamination.builder(arc, HardnessCatalog.find(DatasetId.ARC, "human_grade"), scores)
                .addModel(DriverData.fakeModel("fake")).optTraining(40, 2).setRunDirectory(root.resolve("resume"))
                .optRunListener((unit, index, total, finished) -> {
                    if (finished) {
                        finishedEarlier.add(unit);
                    }
                }).build();
        DriverResult second = again.run();
        assertEquals(5, finishedEarlier.size());
        assertEquals(first.records(), second.records());
        List<RunResult> results = ResultSheets.readRuns(first.directory());
        assertEquals(List.of("human_grade"), results.stream().map(r -> r.spec().measure()).toList());
        ResultSheet sheet = ResultSheets.builder().optBootstrap(BOOTSTRAP).build().sheet(results);
        assertTrue(sheet.rows().stream().anyMatch(r -> r.supervision().equals("Easy") && r.testOn().equals("hard")));
    }

    @Test
    void scoresOfAnotherProbingSetAreRefusedBeforeAnyWork() {
        Dataset other = DriverData.arc().filter("other", item -> !scores.minK().containsKey(item.id()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Contamination.builder(
                other, HardnessCatalog.find(DatasetId.ARC, "human_grade"), scores).addModel(DriverData.fakeModel("f"))
                .setRunDirectory(root.resolve("x")).build());
        assertEquals(other.size() + " of the " + other.size() + " items of other have no memorisation score: score "
                + "the same probing set", e.getMessage());
    }

    @Test
    void scoresRoundTripThroughTheirFileAndRefuseOtherSettings() {
        Path file = root.resolve("scores.json");
        scores.write(file, "id-1");
        assertEquals(scores, MemorisationScores.read(file, "id-1", Memorisation.Options.defaults()));
        assertEquals(null, MemorisationScores.read(root.resolve("none.json"), "id-1", Memorisation.Options.defaults()));
        Exception e = assertThrows(org.easy2hard.data.DataFormatException.class, () -> MemorisationScores.read(file,
                "id-1", new Memorisation.Options(10, 0.5)));
        assertTrue(e.getMessage().contains("k 20.0, keep 0.5; this run asks for id-1, k 10.0"), e.getMessage());
    }
}
