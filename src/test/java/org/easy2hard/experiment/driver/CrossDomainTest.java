package org.easy2hard.experiment.driver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.easy2hard.data.Dataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Datasets;
import org.easy2hard.data.Item;
import org.easy2hard.experiment.DriverData;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.Fixtures;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.experiment.sheet.ResultSheets;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.method.Prediction;
import org.easy2hard.model.Progress;
import org.easy2hard.stats.GridBootstrap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The cross-domain matrix on ARC, MMLU and StrategyQA: plans, shared test sets, formats, empty pools, resume. */
class CrossDomainTest {

    private static final GridBootstrap BOOTSTRAP = GridBootstrap.builder().optResamples(200).build();
    private static Dataset arc;
    private static Dataset mmlu;
    private static Dataset strategyQa;

    @TempDir
    Path root;

    @BeforeAll
    static void load() {
        arc = DriverData.arc();
        mmlu = DriverData.mmlu();
        strategyQa = Datasets.strategyQa(DriverData.store());
    }

    /**
     * A supervised fake that knows the domain it was trained on: correct exactly when the item's bucket is below
     * 50 + 30 × (share of training items from the item's own dataset).
     */
    static final class DomainMethod implements MultipleChoiceMethod {
        @Override
        public String name() {
            return "domain";
        }

        @Override
        public boolean supervised() {
            return true;
        }

        @Override
        public Map<String, String> settings() {
            return Map.of();
        }

        static boolean correct(Item item, List<Item> train) {
            double own = train.stream().filter(t -> t.dataset() == item.dataset()).count() / (double) train.size();
            return GradedMethod.bucket(item.id()) < 50 + 30 * own;
        }

        @Override
        public Fitted fit(List<Item> train, long seed, Progress progress) {
            return (items, p) -> items.stream().map(item -> {
                double[] probabilities = new double[item.options().size()];
                probabilities[correct(item, train) ? item.goldIndex()
                        : (item.goldIndex() + 1) % item.options().size()] = 1;
                return Prediction.argmax(item.id(), probabilities);
            }).toList();
        }
    }

    private CrossDomain.Builder builder(int n, int bootstraps, Dataset... data) {
        CrossDomain.Builder builder = CrossDomain.builder().addModel(ModelArms.of("fake", Fixtures.firstOption(),
                new DomainMethod())).optTraining(n, bootstraps).setRunDirectory(root.resolve("run"));
        for (Dataset dataset : data) {
            builder.addDomain(dataset, HardnessCatalog.paperDefaults(dataset.id()).get(0));
        }
        return builder;
    }

    @Test
    void everyPairRunsAndEachColumnTestsTheSameHardItemsInABootstrap() {
        CrossDomain driver = builder(40, 2, arc, mmlu, strategyQa).build();
        assertEquals(9, driver.cells().size());
        List<PlannedUnit> units = driver.plan();
        assertEquals(3 * (1 + 2 * (1 + 3)), units.size(), "per target: baseline + bootstraps x (reference + 3)");
        for (PlannedUnit unit : units) {
            CrossDomain.Domain target = driver.domains().stream().filter(d -> d.data().name()
                    .equals(unit.condition().dataset())).findFirst().orElseThrow();
            if (unit.pool() == TrainPool.NONE) {
                assertEquals(driver.pool(target, TrainPool.HARD), unit.test());
                continue;
            }
            assertEquals(driver.testSet(target, unit.bootstrap()), unit.test());
            String source = unit.condition().trainPool().split(":")[0];
            CrossDomain.Domain from = driver.domains().stream().filter(d -> d.data().name().equals(source))
                    .findFirst().orElseThrow();
            TrainPool pool = TrainPool.parse(unit.condition().trainPool().split(":")[1]);
            assertEquals(driver.sourceSample(from, pool, unit.bootstrap()), unit.train(),
                    "a source's draw is the same for every target");
            assertTrue(driver.pool(from, pool).containsAll(unit.train()));
            Set<String> test = new HashSet<>(unit.testIds());
            assertTrue(unit.train().stream().noneMatch(item -> test.contains(item.id())));
        }
    }

    @Test
    void theSgrOfACellIsItsGapOverTheTargetsOwnGap() {
        CrossDomain driver = builder(40, 2, arc, strategyQa).build();
        List<CrossDomain.CellResult> results = driver.results(driver.run(), "fake", "domain", BOOTSTRAP);
        for (CrossDomain.CellResult result : results) {
            CrossDomain.Domain target = driver.domains().stream().filter(d -> d.data().name()
                    .equals(result.cell().target())).findFirst().orElseThrow();
            CrossDomain.Domain source = driver.domains().stream().filter(d -> d.data().name()
                    .equals(result.cell().source())).findFirst().orElseThrow();
            // Recomputed from the fakes' rules: U answers option 0, E and H follow DomainMethod. The plug-in of each
            // condition is the mean over its cells on the items all three share (the union of the test sets; U ran
            // once on every hard item).
            Set<Item> shared = new java.util.LinkedHashSet<>();
            double u;
            double e = 0;
            double h = 0;
            for (int b = 0; b < 2; b++) {
                List<Item> test = driver.testSet(target, b);
                List<Item> easy = driver.sourceSample(source, TrainPool.EASY, b);
                List<Item> hard = driver.sourceSample(target, TrainPool.HARD, b);
                shared.addAll(test);
                e += test.stream().filter(item -> DomainMethod.correct(item, easy)).count() / (double) test.size() / 2;
                h += test.stream().filter(item -> DomainMethod.correct(item, hard)).count() / (double) test.size() / 2;
            }
            u = shared.stream().filter(item -> item.goldIndex() == 0).count() / (double) shared.size();
            assertEquals(e, result.accuracy().orElseThrow().estimate(), 1e-9, result.cell().toString());
            assertEquals((e - u) / (h - u), result.sgr().orElseThrow().sgr().orElseThrow().estimate(), 1e-9);
        }
    }

    @Test
    void trainingOnHardMakesTheDiagonalTheTargetsOwnReference() {
        CrossDomain driver = builder(40, 1, arc, mmlu).optTrainOn(TrainPool.HARD).build();
        assertEquals(2 * (1 + 1 + 1), driver.plan().size(), "per target: baseline, reference, the other source");
        for (CrossDomain.CellResult result : driver.results(driver.run(), "fake", "domain", BOOTSTRAP)) {
            if (result.cell().source().equals(result.cell().target())) {
                assertEquals(1.0, result.sgr().orElseThrow().sgr().orElseThrow().estimate(), 1e-12);
            }
        }
    }

    @Test
    void pairsOfDifferentOptionFormatsRunByDefaultAndAreReportedWhenKeptApart() {
        assertEquals("yes/no", CrossDomain.format(strategyQa));
        assertEquals("4 options", CrossDomain.format(mmlu));
        CrossDomain mixed = builder(40, 1, mmlu, strategyQa).build();
        CrossDomain.Cell across = mixed.cells().get(1);
        assertEquals("4 options -> yes/no", across.formats());
        assertTrue(across.runs());
        CrossDomain strict = builder(40, 1, mmlu, strategyQa).optSameOptionFormat(true).build();
        List<CrossDomain.CellResult> results = strict.results(strict.run(), "fake", "domain", BOOTSTRAP);
        Table table = CrossDomain.table("matrix", results);
        assertEquals(4, table.rowCount());
        for (int row = 0; row < 4; row++) {
            boolean same = results.get(row).cell().source().equals(results.get(row).cell().target());
            assertEquals(same, !table.doubleColumn("accuracy (%)").isMissing(row));
            if (!same) {
                assertTrue(table.stringColumn("SGR (or why undefined)").get(row)
                        .startsWith("undefined: option formats differ ("), table.print());
            }
        }
    }

    @Test
    void anEmptyPoolSkipsItsRowAndATooSmallHardSetItsColumnWithTheReasons() {
        // MMLU college items only: no easy pool; 60 ARC items of grade 8: too few for 40 + 50.
        Dataset college = mmlu.filter("mmlu_college", item -> item.hardness("human_hardness").orElseThrow() >= 1);
        List<Item> keep = new ArrayList<>(arc.items().stream().filter(i -> i.hardness("human_grade")
                .orElseThrow() >= 8).limit(60).toList());
        keep.addAll(arc.items().stream().filter(i -> i.hardness("human_grade").orElseThrow() <= 5).toList());
        Set<String> ids = new HashSet<>(keep.stream().map(Item::id).toList());
        Dataset smallArc = arc.filter("arc_small", item -> ids.contains(item.id()));
        CrossDomain driver = builder(40, 1, smallArc, college).build();
        List<CrossDomain.Cell> cells = driver.cells();
        assertTrue(cells.stream().filter(c -> c.source().equals("mmlu_college")).allMatch(c -> c.skipped()
                .orElseThrow().contains("has 0 easy items")), cells.toString());
        assertTrue(cells.stream().filter(c -> c.target().equals("arc_small")).allMatch(c -> !c.runs()));
        CrossDomain.Cell running = cells.stream().filter(CrossDomain.Cell::runs).findFirst().orElseThrow();
        assertEquals(List.of("arc_small", "mmlu_college"), List.of(running.source(), running.target()));
        assertEquals(1, cells.stream().filter(CrossDomain.Cell::runs).count());
        List<CrossDomain.CellResult> results = driver.results(driver.run(), "fake", "domain", BOOTSTRAP);
        assertEquals(4, results.size(), "skipped cells stay in the results");
    }

    @Test
    void aRerunReadsEveryUnitBackAndTheRunExportsAsResultSheets() {
        builder(40, 1, arc, mmlu).build().run();
        List<Boolean> finished = new ArrayList<>();
        DriverResult again = builder(40, 1, arc, mmlu).optRunListener((unit, i, total, done) -> finished.add(done))
                .build().run();
        assertEquals(2 * (1 + 1 + 2), finished.size());
        assertTrue(finished.stream().allMatch(done -> done), "no unit runs twice");
        var results = ResultSheets.readRuns(again.directory());
        assertEquals(List.of(arc.name(), mmlu.name()), results.stream()
                .map(r -> r.units().get(0).records().get(0).condition().dataset()).toList(), "one result per target");
        assertFalse(ResultSheets.builder().optBootstrap(BOOTSTRAP).build().sheet(results).rows().isEmpty());
    }

    @Test
    void aGenerativeDatasetIsRefusedByName() {
        Item item = arc.items().get(0);
        Item open = new Item(item.id(), DatasetId.GSM8K, item.split(), item.question(), List.of(), -1, "42",
                item.reasoning(), item.decomposition(), item.attributes(), item.hardness());
        Dataset gsm = new Dataset(DatasetId.GSM8K, "gsm", List.of(open));
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> builder(40, 1, arc).addDomain(gsm,
                        HardnessCatalog.find(DatasetId.GSM8K, "num_steps")).build());
        assertTrue(error.getMessage().contains("has no options"), error.getMessage());
    }
}
