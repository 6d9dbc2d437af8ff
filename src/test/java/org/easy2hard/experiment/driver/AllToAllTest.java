package org.easy2hard.experiment.driver;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.easy2hard.data.Dataset;
import org.easy2hard.experiment.DriverData;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.stats.GridBootstrap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The all-to-all sampler on ARC's probing set: n random items of all levels train, all the rest test. */
class AllToAllTest {

    private static Dataset arc;

    @TempDir
    Path root;

    @BeforeAll
    static void load() {
        arc = DriverData.arc();
    }

    private AllToAll driver(Path dir) {
        return AllToAll.builder(arc).addModel(DriverData.fakeModel("fake")).optTraining(160, 3).setRunDirectory(dir)
                .build();
    }

    @Test
    void eachBootstrapTrainsOn160AndTestsOnEveryOtherItem() {
        List<PlannedUnit> units = driver(root).plan();
        assertEquals(4, units.size());
        assertEquals(3521, units.get(0).test().size());
        for (PlannedUnit unit : units.subList(1, 4)) {
            assertEquals(160, unit.train().size());
            assertEquals(3521 - 160, unit.test().size());
            Set<String> train = new HashSet<>(unit.trainIds());
            assertTrue(unit.testIds().stream().noneMatch(train::contains));
        }
    }

    @Test
    void trainingSamplesSpanLevelsAndDifferByBootstrap() {
        AllToAll driver = driver(root);
        assertNotEquals(driver.trainSample(0), driver.trainSample(1));
        Set<Double> grades = new HashSet<>();
        driver.trainSample(0).forEach(item -> grades.add(item.hardness("human_grade").orElseThrow()));
        assertTrue(grades.size() >= 5, "grades drawn: " + grades);
    }

    @Test
    void runWritesRecordsAndResumes() {
        DriverResult first = driver(root.resolve("run")).run();
        DriverResult again = driver(root.resolve("run")).run();
        assertEquals(first.records(), again.records());
        Table table = AllToAll.table(first, GridBootstrap.builder().optResamples(200).build());
        assertEquals(2, table.rowCount());
        assertEquals("unsupervised", table.stringColumn("train").get(0));
    }
}
