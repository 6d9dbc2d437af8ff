package org.easy2hard.experiment.driver;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.experiment.DriverData;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.hardness.Level;
import org.easy2hard.stats.GridBootstrap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Learning-curve sampling on ARC by grade: nested samples per bootstrap, one test set for every size. */
class LearningCurvesTest {

    private static Dataset arc;

    @TempDir
    Path root;

    @BeforeAll
    static void load() {
        arc = DriverData.arc();
    }

    private LearningCurves driver(int bootstraps) {
        return LearningCurves.builder(arc, HardnessCatalog.find(DatasetId.ARC, "human_grade"))
                .addModel(DriverData.fakeModel("fake")).optBootstraps(bootstraps).setRunDirectory(root).build();
    }

    @Test
    void samplesAreNestedAndComeFromThePool() {
        LearningCurves curves = driver(2);
        for (TrainPool pool : List.of(TrainPool.EASY, TrainPool.HARD)) {
            List<List<Item>> samples = curves.nestedSamples(pool, 1);
            assertEquals(List.of(10, 20, 40, 80, 160, 320), samples.stream().map(List::size).toList());
            for (int i = 1; i < samples.size(); i++) {
                assertTrue(new HashSet<>(samples.get(i)).containsAll(samples.get(i - 1)));
            }
            Level level = pool.level().orElseThrow();
            assertTrue(samples.get(5).stream().allMatch(i -> curves.stratifier().levelOf(i).orElseThrow() == level));
        }
    }

    @Test
    void testSetIsTheSameForEverySizeWithinABootstrapAndExcludesTheLargestSample() {
        List<PlannedUnit> units = driver(2).plan();
        for (TrainPool pool : List.of(TrainPool.EASY, TrainPool.HARD)) {
            for (int b = 0; b < 2; b++) {
                int bootstrap = b;
                List<PlannedUnit> curve = units.stream().filter(u -> u.pool() == pool && u.bootstrap() == bootstrap)
                        .toList();
                assertEquals(6, curve.size());
                List<String> test = curve.get(0).testIds();
                assertEquals(arc.size() - 320, test.size());
                curve.forEach(unit -> assertEquals(test, unit.testIds()));
                assertTrue(test.stream().noneMatch(new HashSet<>(curve.get(5).trainIds())::contains));
            }
        }
    }

    @Test
    void hardItemsCostTwiceAsMuch() {
        assertEquals(160.0, LearningCurves.cost(TrainPool.EASY, 160));
        assertEquals(160.0, LearningCurves.cost(TrainPool.HARD, 80));
    }

    @Test
    void poolTooSmallForTheLargestSizeIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> LearningCurves
                .builder(arc.filter("tiny", item -> item.id().hashCode() % 10 == 0),
                        HardnessCatalog.find(DatasetId.ARC, "human_grade"))
                .addModel(DriverData.fakeModel("fake")).setRunDirectory(root).build());
        assertTrue(error.getMessage().contains("needs at least 370"), error.getMessage());
    }

    @Test
    void curvesPlaceEachPointAtItsCost() {
        LearningCurves curves = LearningCurves.builder(arc, HardnessCatalog.find(DatasetId.ARC, "human_grade"))
                .addModel(DriverData.fakeModel("fake")).optSizes(10, 40).optBootstraps(2)
                .setRunDirectory(root.resolve("run")).build();
        Map<String, List<CurvePoint>> points = curves.curves(curves.run(), "fake", "majority",
                GridBootstrap.builder().optResamples(100).build());
        assertEquals(List.of(10.0, 40.0), points.get("Easy").stream().map(CurvePoint::x).toList());
        assertEquals(List.of(20.0, 80.0), points.get("Hard").stream().map(CurvePoint::x).toList());
        assertEquals(1, points.get("Unsupervised").size());
    }
}
