package org.easy2hard.stats;

import static org.easy2hard.stats.Grids.NA;
import static org.easy2hard.stats.Grids.column;
import static org.easy2hard.stats.Grids.grid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Paired differences B - A on shared items. */
class PairedDifferenceTest {

    private final GridBootstrap bootstrap = GridBootstrap.builder().optSeed(3).build();

    @Test
    void swappingTheConditionsNegatesEverythingExactly() {
        ItemGrid a = ItemGrid.of(Grids.ids(60), Grids.labels(5), Grids.randomCorrectness(60, 5, 0.55, 0.3, 21));
        ItemGrid b = ItemGrid.of(Grids.ids(60).subList(10, 60), Grids.labels(3),
                Grids.randomCorrectness(50, 3, 0.7, 0.2, 22));
        BootstrapEstimate ab = bootstrap.difference(a, b).difference();
        BootstrapEstimate ba = bootstrap.difference(b, a).difference();
        assertEquals(-ab.estimate(), ba.estimate(), 0.0);
        assertEquals(-ab.bootstrapMean(), ba.bootstrapMean(), 0.0);
        assertEquals(-ab.upper(), ba.lower(), 0.0);
        assertEquals(-ab.lower(), ba.upper(), 0.0);
        assertEquals(ab.pValue(), ba.pValue(), 0.0);
        assertEquals(ab.resamplesDropped(), ba.resamplesDropped());
    }

    @Test
    void swappingTheConditionsSwapsTheItemCounts() {
        ItemGrid a = column(1, 0, 1);
        ItemGrid b = ItemGrid.ofSingleRun(List.of("item001", "item002", "item003", "item004"), new double[] {1, 1, 0, 0});
        DifferenceResult ab = bootstrap.difference(a, b);
        DifferenceResult ba = bootstrap.difference(b, a);
        assertEquals(1, ab.itemsOnlyInA());
        assertEquals(2, ab.itemsOnlyInB());
        assertEquals(2, ba.itemsOnlyInA());
        assertEquals(1, ba.itemsOnlyInB());
    }

    @Test
    void onlySharedItemsAreCompared() {
        // shared: item001 (A 0, B 1) and item002 (A 1, B 0 ... ) -> accuracies on shared items only
        ItemGrid a = column(1, 0, 1);
        ItemGrid b = ItemGrid.ofSingleRun(List.of("item001", "item002", "item003", "item004"), new double[] {1, 1, 0, 0});
        DifferenceResult result = bootstrap.difference(a, b);
        assertEquals(2, result.sharedItems());
        assertEquals(0.5, result.accuracyA(), 0.0);
        assertEquals(1.0, result.accuracyB(), 0.0);
        assertEquals(0.5, result.estimate(), 0.0);
    }

    @Test
    void rowsAreResampledJointly() {
        // B is A shifted by 0.5 on every item: paired rows make every resampled difference exactly 0.5
        BootstrapEstimate difference = bootstrap.difference(column(0, 1, 0.25, 1), column(0.5, 1.5, 0.75, 1.5))
                .difference();
        assertEquals(0.5, difference.lower(), 0.0);
        assertEquals(0.5, difference.upper(), 0.0);
    }

    @Test
    void identicalConditionsDifferByExactlyZeroWithTheAuthorsPValueZero() {
        ItemGrid a = grid(Grids.randomCorrectness(30, 4, 0.6, 0.25, 8));
        ItemGrid copy = grid(Grids.randomCorrectness(30, 4, 0.6, 0.25, 8));
        BootstrapEstimate difference = bootstrap.difference(a, copy).difference();
        assertEquals(0.0, difference.lower(), 0.0);
        assertEquals(0.0, difference.upper(), 0.0);
        // every statistic is 0 = |mean|: a tie, counted inside by the authors' strict < and >
        assertEquals(0.0, difference.pValue(), 0.0);
    }

    @Test
    void certainImprovementHasPValueZero() {
        BootstrapEstimate difference = bootstrap.difference(column(0, 0, 0), column(1, 1, 1)).difference();
        assertEquals(1.0, difference.estimate(), 0.0);
        assertEquals(1.0, difference.lower(), 0.0);
        assertEquals(0.0, difference.pValue(), 0.0);
    }

    @Test
    void differenceCentredOnZeroHasPValueOneHalf() {
        // A = (0, 1), B = (1, 0): resampled B - A is -1, 0 or +1 with probabilities 1/4, 1/2, 1/4; after centring on
        // the (near-zero) mean, the -1s and +1s are strictly beyond |mean| and the 0s are not
        BootstrapEstimate difference = bootstrap.difference(column(0, 1), column(1, 0)).difference();
        assertEquals(0.0, difference.estimate(), 0.0);
        assertEquals(-1.0, difference.lower(), 0.0);
        assertEquals(1.0, difference.upper(), 0.0);
        assertEquals(0.5, difference.pValue(), 0.03);
    }

    @Test
    void onCompleteGridsTheDifferenceIsTheMeanCellwiseDifference() {
        // the paper's R form mean(B - A) over cells equals mean(B) - mean(A) when nothing is missing: (5 - 3) / 6
        ItemGrid a = grid(new double[][] {{1, 0}, {1, 1}, {0, 0}});
        ItemGrid b = grid(new double[][] {{1, 1}, {0, 1}, {1, 1}});
        assertEquals(2.0 / 6, bootstrap.difference(a, b).estimate(), 1e-15);
    }

    @Test
    void conditionsWithoutSharedItemsAreRejected() {
        ItemGrid a = ItemGrid.ofSingleRun(List.of("x1", "x2"), new double[] {1, 0});
        ItemGrid b = ItemGrid.ofSingleRun(List.of("y1", "y2"), new double[] {1, 1});
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> bootstrap.difference(a, b));
        assertTrue(error.getMessage().contains("share no item"), error.getMessage());
    }

    @Test
    void itemsMissingInOneConditionAfterRestrictionDoNotCount() {
        // item001 is observed in A but only NaN in B, so B has no row for it and it is not shared
        ItemGrid a = grid(new double[][] {{1, 0}, {1, 1}, {0, 0}});
        ItemGrid b = grid(new double[][] {{1, 1}, {NA, NA}, {1, 1}});
        assertEquals(2, bootstrap.difference(a, b).sharedItems());
    }

    @Test
    void pairedMeansEqualTheNaiveMaterialisingImplementation() {
        ItemGrid a = grid(Grids.randomCorrectness(41, 5, 0.5, 0.35, 31));
        ItemGrid b = grid(Grids.randomCorrectness(41, 2, 0.7, 0.35, 32));
        List<String> rows = a.itemIds().stream().filter(b::contains).toList();
        double[][] fast = Resampler.means(List.of(PreparedArm.of(a, rows), PreparedArm.of(b, rows)), 400, 9);
        double[][] naive = NaiveGridBootstrap.means(List.of(a, b), rows, 400, 9);
        assertArrayEquals(naive[0], fast[0]);
        assertArrayEquals(naive[1], fast[1]);
    }
}
