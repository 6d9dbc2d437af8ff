package org.easy2hard.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpearmanTest {

    @Test
    void tiesShareTheMeanOfTheirRanks() {
        assertArrayEquals(new double[] {1.5, 1.5, 4, 3, 5}, Spearman.averageRanks(new double[] {2, 2, 7, 5, 9}));
    }

    @Test
    void rankingANanIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Spearman.averageRanks(new double[] {1, Double.NaN}));
    }

    @Test
    void monotoneRelationGivesOne() {
        assertEquals(1.0, Spearman.rho(new double[] {1, 2, 3, 4}, new double[] {1, 4, 9, 16}), 1e-12);
    }

    @Test
    void handComputedCaseWithTies() {
        // ranks x = (1.5, 1.5, 3, 4), ranks y = (1, 3, 2, 4): sxy = 3, sxx = 4.5, syy = 5, rho = 3 / sqrt(22.5)
        // (scipy.stats.spearmanr gives 0.632455532033676 too).
        assertEquals(0.632455532033676, Spearman.rho(new double[] {1, 1, 2, 3}, new double[] {10, 30, 20, 40}), 1e-12);
    }

    @Test
    void missingValuesAreDroppedPairwise() {
        double rho = Spearman.rho(new double[] {1, Double.NaN, 2, 3}, new double[] {3, 1, 2, 1});
        assertEquals(-1.0, rho, 1e-12);
    }

    @Test
    void constantSampleHasNoCorrelation() {
        assertTrue(Double.isNaN(Spearman.rho(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
    }

    @Test
    void correlationTableIsSymmetricWithOnesOnTheDiagonal() {
        java.util.Map<String, double[]> samples = new java.util.LinkedHashMap<>();
        samples.put("grade", new double[] {1, 1, 2, 3});
        samples.put("words", new double[] {10, 30, 20, 40});
        tech.tablesaw.api.Table table = Spearman.correlationTable("rho", samples);
        assertEquals(java.util.List.of("measure", "grade", "words"), table.columnNames());
        assertEquals(1.0, table.doubleColumn("grade").get(0), 1e-12);
        assertEquals(0.632455532033676, table.doubleColumn("words").get(0), 1e-12);
        assertEquals(0.632455532033676, table.doubleColumn("grade").get(1), 1e-12);
    }
}
