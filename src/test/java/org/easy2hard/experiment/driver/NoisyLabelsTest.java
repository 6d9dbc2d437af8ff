package org.easy2hard.experiment.driver;

import java.nio.file.Path;
import java.util.List;
import org.easy2hard.data.Dataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.experiment.DriverData;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.hardness.HardnessCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label noise on the real MMLU set: easy items noised at p, hard at 2p, a noised label uniform over all four options.
 * Rates are checked within 4 binomial standard deviations over 5 bootstraps of 160 items.
 */
class NoisyLabelsTest {

    private static Dataset mmlu;

    @TempDir
    Path root;

    @BeforeAll
    static void load() {
        mmlu = DriverData.mmlu();
    }

    private NoisyLabels driver() {
        return NoisyLabels.builder(mmlu, HardnessCatalog.find(DatasetId.MMLU, "human_hardness"))
                .addModel(DriverData.fakeModel("fake")).setRunDirectory(root).build();
    }

    private static double changedShare(NoisyLabels driver, TrainPool pool, double p) {
        int changed = 0;
        int total = 0;
        for (int b = 0; b < 5; b++) {
            List<Item> clean = driver.split(pool, b).train();
            List<Item> noised = driver.noisedTrain(pool, p, b);
            assertEquals(clean.stream().map(Item::id).toList(), noised.stream().map(Item::id).toList());
            for (int i = 0; i < clean.size(); i++) {
                changed += clean.get(i).goldIndex() != noised.get(i).goldIndex() ? 1 : 0;
                total++;
            }
        }
        return (double) changed / total;
    }

    private static void assertBinomial(double expected, double observed, int n) {
        double sd = Math.sqrt(expected * (1 - expected) / n);
        assertTrue(Math.abs(observed - expected) <= 4 * sd + 1e-12,
                "observed " + observed + ", expected " + expected + " +- " + 4 * sd);
    }

    @Test
    void easyLabelsChangeAtRateTimesThreeQuarters() {
        assertBinomial(0.3 * 0.75, changedShare(driver(), TrainPool.EASY, 0.3), 800);
    }

    @Test
    void hardLabelsGetTwiceTheNoise() {
        assertBinomial(0.6 * 0.75, changedShare(driver(), TrainPool.HARD, 0.3), 800);
    }

    @Test
    void noNoiseLeavesEveryLabel() {
        assertEquals(0.0, changedShare(driver(), TrainPool.EASY, 0.0));
    }

    @Test
    void aResampledLabelIsUniformOverAllOptionsIncludingTheOriginal() {
        // Noise rate 1: every label is redrawn, so a quarter keep their original option and the options are uniform.
        List<Item> items = mmlu.items().subList(0, 1600);
        List<Item> noised = NoisyLabels.noise(items, 1.0, new java.util.SplittableRandom(11));
        int kept = 0;
        int[] counts = new int[4];
        for (int i = 0; i < items.size(); i++) {
            kept += items.get(i).goldIndex() == noised.get(i).goldIndex() ? 1 : 0;
            counts[noised.get(i).goldIndex()]++;
            assertEquals(noised.get(i).options().get(noised.get(i).goldIndex()), noised.get(i).answer());
        }
        assertBinomial(0.25, kept / 1600.0, 1600);
        for (int count : counts) {
            assertBinomial(0.25, count / 1600.0, 1600);
        }
    }

    @Test
    void everyRateSharesTheCleanSampleAndTestsOnTheRest() {
        List<PlannedUnit> units = driver().plan();
        // baseline + 2 pools x 5 bootstraps x 5 rates
        assertEquals(1 + 2 * 5 * 5, units.size());
        for (PlannedUnit unit : units.subList(1, units.size())) {
            assertEquals(160, unit.train().size());
            assertEquals(mmlu.size() - 160, unit.test().size());
            assertTrue(unit.test().stream().allMatch(item -> mmlu.find(item.id()).orElseThrow().equals(item)),
                    "test items keep their true labels");
        }
    }
}
