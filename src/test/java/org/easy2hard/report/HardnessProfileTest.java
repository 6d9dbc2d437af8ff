package org.easy2hard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.easy2hard.stats.ItemResult;
import org.junit.jupiter.api.Test;

class HardnessProfileTest {

    /** t(0.975, 15) from a printed t table (2.131) to more digits. */
    private static final double T_975_15 = 2.131449545559323;

    @Test
    void fewDistinctValuesGiveOneBarPerValueWithTheTInterval() {
        List<double[]> items = new ArrayList<>();
        // value 1: accuracies 1, 1, 1, 0.5 -> mean 0.875, sd 0.25, SE 0.125 -> dropped (SE >= 0.1)
        items.add(new double[] {1, 1, 1});
        items.add(new double[] {1, 1, 1});
        items.add(new double[] {1, 1, 1});
        items.add(new double[] {1, 1, 0});
        // value 2: twelve items at 1 and four at 0.5 -> mean 0.875, var 0.75 / 15 = 0.05, SE sqrt(0.05) / 4
        for (int i = 0; i < 12; i++) {
            items.add(new double[] {2, 1, 1});
        }
        for (int i = 0; i < 4; i++) {
            items.add(new double[] {2, 0, 1});
        }
        // value 3: a single item -> no SE -> dropped
        items.add(new double[] {3, 1, 0});
        HardnessProfile profile = HardnessProfile.of(ReportFixtures.records("num_steps",
                items.toArray(double[][]::new)), "num_steps");

        assertFalse(profile.binned());
        assertEquals(1, profile.kept().size());
        HardnessBin kept = profile.kept().get(0);
        assertEquals("2", kept.label());
        assertEquals(16, kept.items());
        assertEquals(0.875, kept.mean(), 1e-12);
        double se = Math.sqrt(0.05) / 4;
        assertEquals(se, kept.standardError(), 1e-12);
        assertEquals(T_975_15 * se, kept.halfWidth(), 1e-9);

        assertEquals(List.of("1", "3"), profile.dropped().stream().map(HardnessBin::label).toList());
        assertEquals(0.125, profile.dropped().get(0).standardError(), 1e-12);
        assertTrue(Double.isNaN(profile.dropped().get(1).standardError()));
    }

    @Test
    void nineDistinctValuesGiveFourEqualWidthBinsClosedOnTheRight() {
        List<double[]> items = new ArrayList<>();
        for (int value = 0; value <= 8; value++) {
            for (int copy = 0; copy < 3; copy++) {
                items.add(new double[] {value, 1, 1});
            }
        }
        HardnessProfile profile = HardnessProfile.of(ReportFixtures.records("question_words",
                items.toArray(double[][]::new)), "question_words");

        assertTrue(profile.binned());
        // Width 2: [0, 2] holds 0, 1, 2 (an inner edge goes to the lower bin, as pd.cut does); then (2, 4], ...
        assertEquals(List.of("0–2", "2–4", "4–6", "6–8"), profile.kept().stream().map(HardnessBin::label).toList());
        assertEquals(List.of(9, 6, 6, 6), profile.kept().stream().map(HardnessBin::items).toList());
        assertEquals(0.0, profile.kept().get(0).standardError());
        assertEquals(8.0, profile.kept().get(3).upper());
        assertTrue(profile.dropped().isEmpty());
    }

    @Test
    void eightDistinctValuesAreNotBinned() {
        List<double[]> items = new ArrayList<>();
        for (int value = 0; value < 8; value++) {
            items.add(new double[] {value, 1, 1});
            items.add(new double[] {value, 1, 1});
        }
        HardnessProfile profile = HardnessProfile.of(ReportFixtures.records("m", items.toArray(double[][]::new)), "m");
        assertFalse(profile.binned());
        assertEquals(8, profile.kept().size());
    }

    @Test
    void itemsWithoutAValueAreCountedAndLeftOut() {
        List<ItemResult> records = new ArrayList<>(ReportFixtures.records("m", new double[][] {{1, 1, 1}, {1, 1, 0}}));
        records.add(new ItemResult("no-value", ReportFixtures.condition("easy"), 0, true, Double.NaN,
                ItemResult.NO_PREDICTION, Map.of()));
        HardnessProfile profile = HardnessProfile.of(records, "m");
        assertEquals(1, profile.itemsWithoutValue());
        int binned = profile.kept().stream().mapToInt(HardnessBin::items).sum()
                + profile.dropped().stream().mapToInt(HardnessBin::items).sum();
        assertEquals(2, binned);
    }

    @Test
    void mixedConditionsAreRejected() {
        List<ItemResult> records = new ArrayList<>(ReportFixtures.records("m", new double[][] {{1, 1, 1}}));
        records.add(new ItemResult("other", ReportFixtures.condition("hard"), 0, true, Double.NaN,
                ItemResult.NO_PREDICTION, Map.of("m", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> HardnessProfile.of(records, "m"));
    }
}
