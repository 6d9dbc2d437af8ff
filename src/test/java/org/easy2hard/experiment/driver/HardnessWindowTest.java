package org.easy2hard.experiment.driver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.easy2hard.data.Dataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.experiment.DriverData;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.Fixtures;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.sheet.ResultSheets;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.stats.GridBootstrap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The hardness window on ARC's probing set by grade: windows, skipped windows, shared test sets, SGR, resume. */
class HardnessWindowTest {

    private static final GridBootstrap BOOTSTRAP = GridBootstrap.builder().optResamples(200).build();
    private static final HardnessMeasure GRADE = HardnessCatalog.find(DatasetId.ARC, "human_grade");
    private static Dataset arc;

    @TempDir
    Path root;

    @BeforeAll
    static void load() {
        arc = DriverData.arc();
    }

    private HardnessWindow.Builder builder(int n, int bootstraps) {
        return HardnessWindow.builder(arc, GRADE).addModel(ModelArms.of("fake", Fixtures.firstOption(),
                new GradedMethod("human_grade"))).optTraining(n, bootstraps).setRunDirectory(root.resolve("run"));
    }

    private static double grade(Item item) {
        return item.hardness("human_grade").orElseThrow();
    }

    @Test
    void windowsSlideOneGradeUpToTheTestBinAndSmallOnesAreSkippedWithTheReason() {
        HardnessWindow driver = builder(160, 1).build();
        assertEquals(8.0, driver.testMin(), "ARC's hard cutoff is grade 8");
        double lowest = arc.items().stream().mapToDouble(HardnessWindowTest::grade).min().orElseThrow();
        List<HardnessWindow.Window> windows = driver.windows();
        assertEquals((int) (8 - lowest), windows.size());
        for (HardnessWindow.Window window : windows) {
            assertEquals(1.0, window.high() - window.low(), 1e-12);
            long count = arc.items().stream().filter(item -> grade(item) >= window.low()
                    && grade(item) < window.high()).count();
            assertEquals(count, window.items(), window.label());
            assertEquals(count < 210, window.skipped().isPresent(), window.label());
            window.skipped().ifPresent(reason -> assertTrue(reason.contains("needs at least 210"), reason));
            if (count > 0) {
                assertEquals(driver.testCentre() - window.low(), window.gap(), 1e-9, "one grade per window");
            }
        }
        assertTrue(windows.stream().anyMatch(HardnessWindow.Window::runs));
    }

    @Test
    void aWindowTooSmallForTheTrainingSizeIsReportedNotDropped() {
        // ARC's probing set has 150 items of grade 3 and 188 of grade 6: too few for 160 + 50.
        HardnessWindow driver = builder(160, 1).build();
        List<HardnessWindow.Point> points = driver.points(driver.run(), "fake", "graded", BOOTSTRAP);
        Table table = HardnessWindow.table("window", points);
        assertEquals(driver.windows().size() + 1, table.rowCount(), "every window and the hard reference");
        int skipped = 0;
        for (int row = 0; row < driver.windows().size(); row++) {
            HardnessWindow.Window window = driver.windows().get(row);
            assertEquals(window.label(), table.stringColumn("train_on").get(row));
            if (window.items() < 210) {
                skipped++;
                assertTrue(table.stringColumn("note").get(row).startsWith("skipped: window"));
                assertTrue(table.doubleColumn("accuracy (%)").isMissing(row), "missing, never 0");
            } else {
                assertFalse(table.doubleColumn("accuracy (%)").isMissing(row));
            }
        }
        assertTrue(skipped > 0, "ARC has windows below 210 items");
    }

    @Test
    void everyUnitOfABootstrapTestsTheSameHardItemsItNeverTrainedOn() {
        HardnessWindow driver = builder(60, 3).optWindow(2, 1).build();
        List<PlannedUnit> units = driver.plan();
        long running = driver.windows().stream().filter(HardnessWindow.Window::runs).count();
        assertEquals(1 + 3 * (running + 1), units.size(), "baseline + bootstraps x (windows + hard reference)");
        for (PlannedUnit unit : units.subList(1, units.size())) {
            assertEquals(driver.testSet(unit.bootstrap()), unit.test());
            Set<String> test = new HashSet<>(unit.testIds());
            assertTrue(unit.train().stream().noneMatch(item -> test.contains(item.id())));
            assertTrue(unit.test().stream().allMatch(item -> grade(item) >= 8));
            assertEquals(60, unit.train().size());
        }
        HardnessWindow.Window window = driver.windows().stream().filter(HardnessWindow.Window::runs).findFirst()
                .orElseThrow();
        assertTrue(driver.windowSample(window, 0).stream().allMatch(item -> grade(item) >= window.low()
                && grade(item) < window.high()));
    }

    @Test
    void sgrFallsAsTheGapWidensAndIsOneForTheHardReference() {
        HardnessWindow driver = builder(60, 2).build();
        DriverResult run = driver.run();
        List<HardnessWindow.Point> points = driver.points(run, "fake", "graded", BOOTSTRAP);
        HardnessWindow.Point reference = points.get(points.size() - 1);
        assertEquals(HardnessWindow.HARD_REFERENCE, reference.trainOn());
        assertEquals(1.0, reference.sgr().orElseThrow().sgr().orElseThrow().estimate(), 1e-12);
        List<Double> sgrs = new ArrayList<>();
        for (HardnessWindow.Point point : points.subList(0, points.size() - 1)) {
            if (point.accuracy().isEmpty()) {
                continue;
            }
            // The plug-in accuracy, recomputed from the fake's rule on each bootstrap's draw and test set.
            double expected = 0;
            for (int b = 0; b < 2; b++) {
                double mean = driver.windowSample(point.window().orElseThrow(), b).stream()
                        .mapToDouble(HardnessWindowTest::grade).average().orElseThrow();
                expected += driver.testSet(b).stream().filter(item -> GradedMethod.correct(item.id(), mean)).count()
                        / (double) driver.testSet(b).size() / 2;
            }
            assertEquals(expected, point.accuracy().get().estimate(), 1e-9, point.trainOn());
            sgrs.add(point.sgr().orElseThrow().sgr().orElseThrow().estimate());
        }
        assertTrue(sgrs.size() >= 2);
        for (int i = 1; i < sgrs.size(); i++) {
            assertTrue(sgrs.get(i) > sgrs.get(i - 1), "windows nearer the test bin recover more: " + sgrs);
        }
    }

    @Test
    void aRerunReadsEveryUnitBackAndTheRunExportsAsResultSheets() {
        builder(60, 1).build().run();
        List<Boolean> finished = new ArrayList<>();
        DriverResult again = builder(60, 1).optRunListener((unit, i, total, done) -> finished.add(done)).build()
                .run();
        assertFalse(finished.isEmpty());
        assertTrue(finished.stream().allMatch(done -> done), "no unit runs twice");
        var results = ResultSheets.readRuns(again.directory());
        assertEquals(1, results.size());
        assertEquals("human_grade", results.get(0).spec().measure());
        assertFalse(ResultSheets.builder().optBootstrap(BOOTSTRAP).build().sheet(results).rows().isEmpty());
    }

    @Test
    void aTestBinTooSmallForTheHardReferenceIsRefusedBeforeAnythingRuns() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> builder(160, 1).optTestMin(9).build());
        assertTrue(error.getMessage().contains("test bin"), error.getMessage());
    }
}
