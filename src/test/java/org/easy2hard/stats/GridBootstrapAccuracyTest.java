package org.easy2hard.stats;

import static org.easy2hard.stats.Grids.NA;
import static org.easy2hard.stats.Grids.column;
import static org.easy2hard.stats.Grids.grid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Accuracy with the grid bootstrap. Monte-Carlo frequencies are checked against exactly enumerated bootstrap
 * distributions with a tolerance of at least four standard errors: with n = 10,000 resamples a frequency p has
 * standard error sqrt(p(1-p)/n) &le; 0.005, so 0.02 fails a correct implementation with probability below 1e-4 and is
 * still tight enough to catch a wrong distribution (the alternatives differ by 0.1 or more).
 */
class GridBootstrapAccuracyTest {

    private static final int N = 10_000;
    private static final double FREQUENCY_TOLERANCE = 0.02;
    private final GridBootstrap bootstrap = GridBootstrap.builder().optResamples(N).optSeed(11).build();

    @Test
    void twoItemsOneDrawFollowTheEnumeratedDistribution() {
        // rows resampled: {0,0} -> 0, {0,1} or {1,0} -> 0.5, {1,1} -> 1, with probabilities 1/4, 1/2, 1/4
        double[] means = bootstrap.accuracyResamples(column(0, 1));
        assertEquals(0.25, frequency(means, 0.0), FREQUENCY_TOLERANCE);
        assertEquals(0.50, frequency(means, 0.5), FREQUENCY_TOLERANCE);
        assertEquals(0.25, frequency(means, 1.0), FREQUENCY_TOLERANCE);
    }

    @Test
    void twoItemsOneDrawGiveTheEnumeratedInterval() {
        // P(0) = P(1) = 1/4 > 2.5%, so both percentiles sit on the atoms; the bootstrap mean is 1/2 with standard
        // error sqrt(0.125 / n) = 0.0035.
        BootstrapEstimate accuracy = bootstrap.accuracy(column(0, 1)).accuracy();
        assertEquals(0.5, accuracy.estimate(), 0.0);
        assertEquals(0.0, accuracy.lower(), 0.0);
        assertEquals(1.0, accuracy.upper(), 0.0);
        assertEquals(0.5, accuracy.bootstrapMean(), 0.015);
        assertEquals(0.5, accuracy.errorBar(), 1e-12);
        assertEquals(0.5, accuracy.halfWidth(), 0.0);
    }

    @Test
    void oneItemTwoDrawsResamplesTheColumns() {
        // columns resampled: {0,0} -> 0, mixed -> 0.5, {1,1} -> 1
        double[] means = bootstrap.accuracyResamples(grid(new double[][] {{0, 1}}));
        assertEquals(0.25, frequency(means, 0.0), FREQUENCY_TOLERANCE);
        assertEquals(0.50, frequency(means, 0.5), FREQUENCY_TOLERANCE);
        assertEquals(0.25, frequency(means, 1.0), FREQUENCY_TOLERANCE);
    }

    @Test
    void sparseGridDropsEmptyResamplesAtTheEnumeratedRate() {
        // item 0 seen only in draw 0 (correct), item 1 only in draw 1 (wrong). Of the 16 equally likely
        // (columns, rows) draws, 2 see no cell (columns {0,0} with rows {1,1}, and columns {1,1} with rows {0,0}).
        AccuracyResult result = bootstrap.accuracy(grid(new double[][] {{1, NA}, {NA, 0}}));
        assertEquals(2.0 / 16, result.accuracy().resamplesDropped() / (double) N, FREQUENCY_TOLERANCE);
        assertEquals(N, result.accuracy().resamplesDropped() + result.accuracy().resamplesUsed());
    }

    @Test
    void sparseGridKeptResamplesFollowTheConditionalDistribution() {
        // the 14 non-empty draws: mean 1 five times, 0.5 four times, 0 five times
        double[] kept = Arrays.stream(bootstrap.accuracyResamples(grid(new double[][] {{1, NA}, {NA, 0}})))
                .filter(Double::isFinite).toArray();
        assertEquals(5.0 / 14, frequency(kept, 1.0), FREQUENCY_TOLERANCE);
        assertEquals(4.0 / 14, frequency(kept, 0.5), FREQUENCY_TOLERANCE);
        assertEquals(5.0 / 14, frequency(kept, 0.0), FREQUENCY_TOLERANCE);
    }

    @Test
    void constantColumnGivesZeroWidth() {
        BootstrapEstimate accuracy = bootstrap.accuracy(column(1, 1, 1, 1, 1)).accuracy();
        assertEquals(1.0, accuracy.lower(), 0.0);
        assertEquals(1.0, accuracy.upper(), 0.0);
        assertEquals(0.0, accuracy.errorBar(), 0.0);
        assertEquals(0.0, accuracy.halfWidth(), 0.0);
    }

    @Test
    void constantValuesWithMissingCellsGiveZeroWidth() {
        BootstrapEstimate accuracy = bootstrap.accuracy(grid(new double[][] {{0, NA, 0}, {NA, 0, 0}, {0, 0, NA}}))
                .accuracy();
        assertEquals(0.0, accuracy.lower(), 0.0);
        assertEquals(0.0, accuracy.upper(), 0.0);
    }

    @Test
    void allMissingColumnIsIgnoredAndReported() {
        double[][] values = Grids.randomCorrectness(40, 3, 0.6, 0.2, 5);
        double[][] withEmpty = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            withEmpty[i] = new double[] {values[i][0], NA, values[i][1], values[i][2]};
        }
        AccuracyResult plain = bootstrap.accuracy(grid(values));
        AccuracyResult padded = bootstrap.accuracy(grid(withEmpty));
        assertEquals(plain.accuracy(), padded.accuracy());
        assertEquals(1, padded.emptyColumnsIgnored());
        assertEquals(3, padded.columnsUsed());
    }

    @Test
    void emptyRowsAreDroppedAndNotCounted() {
        double[][] values = {{1, 0}, {NA, NA}, {0, 1}, {1, NA}};
        AccuracyResult withEmptyRow = bootstrap.accuracy(grid(values));
        AccuracyResult without = bootstrap.accuracy(ItemGrid.of(List.of("item000", "item002", "item003"),
                List.of(0, 1), new double[][] {{1, 0}, {0, 1}, {1, NA}}));
        assertEquals(3, withEmptyRow.effectiveSampleSize());
        assertEquals(without.accuracy(), withEmptyRow.accuracy());
    }

    @Test
    void gridWithoutObservedCellsIsRejected() {
        ItemGrid empty = grid(new double[][] {{NA, NA}, {NA, NA}});
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> bootstrap.accuracy(empty));
        assertTrue(error.getMessage().contains("no observed cell"), error.getMessage());
    }

    @Test
    void plugInEstimateIsTheNanMeanOfAllCells() {
        AccuracyResult result = bootstrap.accuracy(grid(new double[][] {{1, NA, 1}, {0, 0, NA}, {NA, 1, 1}}));
        assertEquals(4.0 / 6, result.estimate(), 1e-15);
        assertEquals(6, result.observedCells());
    }

    @Test
    void sameSeedGivesTheSameNumbers() {
        ItemGrid grid = grid(Grids.randomCorrectness(50, 5, 0.7, 0.3, 1));
        assertArrayEquals(bootstrap.accuracyResamples(grid), bootstrap.accuracyResamples(grid));
    }

    @Test
    void differentSeedsGiveDifferentResamples() {
        ItemGrid grid = grid(Grids.randomCorrectness(50, 5, 0.7, 0.3, 1));
        double[] first = bootstrap.accuracyResamples(grid);
        double[] second = bootstrap.toBuilder().optSeed(12).build().accuracyResamples(grid);
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void resampledMeansEqualTheNaiveMaterialisingImplementation() {
        // 0/1 data: every sum is an integer, so both computation orders give bit-identical means
        for (long seed = 0; seed < 5; seed++) {
            ItemGrid grid = grid(Grids.randomCorrectness(37 + (int) seed, 1 + (int) seed, 0.6, 0.4, seed));
            GridBootstrap small = GridBootstrap.builder().optResamples(300).optSeed(seed).build();
            assertArrayEquals(NaiveGridBootstrap.accuracyResamples(grid, 300, seed), small.accuracyResamples(grid));
        }
    }

    @Test
    void resampledMeansOfProbabilitiesMatchTheNaiveImplementation() {
        double[][] values = Grids.randomCorrectness(29, 4, 0.5, 0.3, 3);
        java.util.SplittableRandom random = new java.util.SplittableRandom(4);
        for (double[] row : values) {
            for (int c = 0; c < row.length; c++) {
                if (!Double.isNaN(row[c])) {
                    row[c] = random.nextDouble();
                }
            }
        }
        ItemGrid grid = grid(values);
        GridBootstrap small = GridBootstrap.builder().optResamples(300).optSeed(2).build();
        assertArrayEquals(NaiveGridBootstrap.accuracyResamples(grid, 300, 2), small.accuracyResamples(grid), 1e-12);
    }

    @Test
    void defaultsAreThePapers() {
        GridBootstrap defaults = GridBootstrap.withDefaults();
        assertEquals(10_000, defaults.resamples());
        assertEquals(0.95, defaults.confidenceLevel(), 0.0);
    }

    @Test
    void invalidOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> GridBootstrap.builder().optResamples(0));
        assertThrows(IllegalArgumentException.class, () -> GridBootstrap.builder().optConfidenceLevel(1.0));
        assertThrows(IllegalArgumentException.class, () -> GridBootstrap.builder().optMinimumSupervisionGap(-0.1));
    }

    private static double frequency(double[] values, double target) {
        return Arrays.stream(values).filter(v -> v == target).count() / (double) values.length;
    }
}
