package org.easy2hard.experiment.driver;

import java.nio.file.Path;
import java.util.HashSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.Item;
import org.easy2hard.experiment.DriverData;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.driver.ThirdGradeToCollege.Source;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figure 1's sampling on the real data: ARC grade 3 / grade 8 of all 4,521 items, MMLU college test items. */
class ThirdGradeToCollegeTest {

    private static Dataset arcAll;
    private static Dataset mmlu;

    @TempDir
    Path root;

    @BeforeAll
    static void load() {
        arcAll = DriverData.arcAll();
        mmlu = DriverData.mmlu();
    }

    private ThirdGradeToCollege driver(int n) {
        return ThirdGradeToCollege.builder(arcAll, mmlu).addModel(DriverData.fakeModel("fake")).optTraining(n, 5)
                .setRunDirectory(root).build();
    }

    @Test
    void arcPoolsUseAll4521ItemsWithCutoffs3And8() {
        ThirdGradeToCollege driver = driver(10);
        assertEquals(4521, arcAll.size());
        assertEquals(194, driver.pool(Source.THIRD_GRADE).size());
        assertEquals(2032, driver.pool(Source.EIGHTH_GRADE).size());
        assertEquals(1143, driver.pool(Source.HIGH_SCHOOL).size());
        assertEquals(603, driver.pool(Source.COLLEGE).size());
    }

    @Test
    void drawsMinOfNAndThePoolSize() {
        assertEquals(10, driver(10).trainSample(Source.THIRD_GRADE, 0).size());
        assertEquals(194, driver(300).trainSample(Source.THIRD_GRADE, 0).size());
        assertEquals(300, driver(300).trainSample(Source.EIGHTH_GRADE, 0).size());
    }

    @Test
    void testSetIsCollegeMinusTheMmluItemsDrawnForTheSameLevel() {
        ThirdGradeToCollege driver = driver(10);
        Set<String> college = new HashSet<>(driver.collegeItems().stream().map(Item::id).toList());
        for (int b = 0; b < 5; b++) {
            Set<String> mmluHard = ids(driver.trainSample(Source.COLLEGE, b));
            Set<String> expected = new HashSet<>(college);
            expected.removeAll(mmluHard);
            assertEquals(593, expected.size());
            assertEquals(expected, ids(driver.testSet(Source.COLLEGE, b)));
            assertEquals(expected, ids(driver.testSet(Source.EIGHTH_GRADE, b)), "ARC grade 8 excludes MMLU's draw");
            // Easy sources exclude MMLU high-school draws, which are never college items.
            assertEquals(college, ids(driver.testSet(Source.THIRD_GRADE, b)));
            assertEquals(college, ids(driver.testSet(Source.HIGH_SCHOOL, b)));
        }
        assertEquals(college, ids(driver.testSet(Source.UNSUPERVISED, 0)));
    }

    @Test
    void plannedUnitsTestOnlyCollegeItemsTheyDidNotTrainOn() {
        List<PlannedUnit> units = driver(10).plan();
        assertEquals(1 + 4 * 5, units.size());
        for (PlannedUnit unit : units) {
            assertTrue(unit.test().stream().allMatch(item -> item.hardness("human_hardness").orElseThrow() == 1.0));
            Set<String> train = ids(unit.train());
            assertTrue(unit.testIds().stream().noneMatch(train::contains));
        }
    }

    private static Set<String> ids(List<Item> items) {
        return new HashSet<>(items.stream().map(Item::id).toList());
    }
}
