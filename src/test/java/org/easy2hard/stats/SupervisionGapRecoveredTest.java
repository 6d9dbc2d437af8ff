package org.easy2hard.stats;

import static org.easy2hard.stats.Grids.column;
import static org.easy2hard.stats.Grids.grid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SGR = (E - U) / (H - U), its gaps and its guard. */
class SupervisionGapRecoveredTest {

    private final GridBootstrap bootstrap = GridBootstrap.builder().optSeed(5).build();

    // Eight hard items, one run each. U is right on items 6-7, H on all, E on 0-2 and 6-7.
    private final ItemGrid unsupervised = column(0, 0, 0, 0, 0, 0, 1, 1);
    private final ItemGrid easy = column(1, 1, 1, 0, 0, 0, 1, 1);
    private final ItemGrid hard = column(1, 1, 1, 1, 1, 1, 1, 1);

    @Test
    void handComputedPointEstimates() {
        // U = 2/8, E = 5/8, H = 8/8: E - U = 3/8, H - U = 6/8, SGR = 1/2
        SgrResult result = bootstrap.supervisionGapRecovered(unsupervised, easy, hard);
        assertEquals(SgrStatus.DEFINED, result.status());
        assertEquals(0.5, result.sgr().orElseThrow().estimate(), 0.0);
        assertEquals(0.375, result.unsupervisedEasyGap().estimate(), 0.0);
        assertEquals(0.75, result.supervisionGap().estimate(), 0.0);
        assertEquals(0.375, result.easyHardGap().estimate(), 0.0);
        assertEquals(0.25, result.unsupervisedAccuracy(), 0.0);
        assertEquals(0.625, result.easyAccuracy(), 0.0);
        assertEquals(1.0, result.hardAccuracy(), 0.0);
        assertEquals(8, result.sharedItems());
    }

    @Test
    void handComputedIntervalStaysInsideItsSupport() {
        // every resampled ratio is (#draws of items 0-2) / (#draws of items 0-5), a number in [0, 1]
        BootstrapEstimate sgr = bootstrap.supervisionGapRecovered(unsupervised, easy, hard).sgr().orElseThrow();
        assertTrue(sgr.lower() >= 0 && sgr.upper() <= 1, sgr.toString());
        assertTrue(sgr.contains(0.5), sgr.toString());
        assertTrue(sgr.lower() < 0.3 && sgr.upper() > 0.7, "8 items cannot pin SGR down: " + sgr);
    }

    @Test
    void identicalEasyAndHardGiveExactlyOne() {
        ItemGrid u = grid(Grids.randomCorrectness(80, 1, 0.3, 0.0, 41));
        ItemGrid e = grid(Grids.randomCorrectness(80, 5, 0.9, 0.2, 42));
        ItemGrid h = grid(Grids.randomCorrectness(80, 5, 0.9, 0.2, 42));
        SgrResult result = bootstrap.supervisionGapRecovered(u, e, h);
        BootstrapEstimate sgr = result.sgr().orElseThrow();
        assertEquals(1.0, sgr.estimate(), 0.0);
        assertEquals(1.0, sgr.lower(), 0.0);
        assertEquals(1.0, sgr.upper(), 0.0);
        assertEquals(0.0, result.easyHardGap().upper(), 0.0);
    }

    @Test
    void identicalEasyAndUnsupervisedGiveExactlyZero() {
        ItemGrid u = grid(Grids.randomCorrectness(80, 3, 0.3, 0.2, 43));
        ItemGrid e = grid(Grids.randomCorrectness(80, 3, 0.3, 0.2, 43));
        ItemGrid h = grid(Grids.randomCorrectness(80, 5, 0.9, 0.2, 44));
        BootstrapEstimate sgr = bootstrap.supervisionGapRecovered(u, e, h).sgr().orElseThrow();
        assertEquals(0.0, sgr.estimate(), 0.0);
        assertEquals(0.0, sgr.lower(), 0.0);
        assertEquals(0.0, sgr.upper(), 0.0);
    }

    @Test
    void zeroDenominatorIsUndefinedNotANumber() {
        SgrResult result = bootstrap.supervisionGapRecovered(unsupervised, easy, unsupervised);
        assertEquals(SgrStatus.GAP_NOT_POSITIVE, result.status());
        assertTrue(result.sgr().isEmpty());
        assertTrue(result.format().startsWith("undefined: the supervision gap H - U is 0.0 points"), result.format());
    }

    @Test
    void hardWorseThanUnsupervisedIsUndefined() {
        SgrResult result = bootstrap.supervisionGapRecovered(hard, easy, unsupervised);
        assertEquals(SgrStatus.GAP_NOT_POSITIVE, result.status());
        assertEquals(-0.75, result.supervisionGap().estimate(), 0.0);
        assertFalse(result.isDefined());
    }

    @Test
    void gapBelowTheMinimumIsUndefined() {
        // 1000 items; H beats U on 5 of them: a gap of half a point
        SgrResult result = bootstrap.supervisionGapRecovered(tinyGap().get(0), tinyGap().get(1), tinyGap().get(2));
        assertEquals(SgrStatus.GAP_BELOW_MINIMUM, result.status());
        assertTrue(result.reason().contains("below the minimum of 1.0 points"), result.reason());
    }

    @Test
    void withoutAMinimumTheSameSmallButClearGapIsDefined() {
        // the resampled gap is 0 only when none of the 5 items is drawn: (995/1000)^1000 = 0.7% < 2.5%
        GridBootstrap noMinimum = bootstrap.toBuilder().optMinimumSupervisionGap(0).build();
        SgrResult result = noMinimum.supervisionGapRecovered(tinyGap().get(0), tinyGap().get(1), tinyGap().get(2));
        assertEquals(SgrStatus.DEFINED, result.status());
        assertEquals(0.4, result.sgr().orElseThrow().estimate(), 1e-12);
    }

    @Test
    void resamplesWithAZeroGapAreDroppedFromTheRatio() {
        GridBootstrap noMinimum = bootstrap.toBuilder().optMinimumSupervisionGap(0).build();
        BootstrapEstimate sgr = noMinimum.supervisionGapRecovered(tinyGap().get(0), tinyGap().get(1),
                tinyGap().get(2)).sgr().orElseThrow();
        // expected 0.66% of 10,000 = 66 with standard deviation 8
        assertTrue(sgr.resamplesDropped() > 30 && sgr.resamplesDropped() < 110, "dropped " + sgr.resamplesDropped());
        assertEquals(10_000, sgr.resamplesUsed() + sgr.resamplesDropped());
    }

    @Test
    void gapWhoseIntervalReachesZeroIsUndefined() {
        // 20 items: H beats U on 3, loses on 1; a 10-point gap, but resamples without the 3 wins are common
        double[] u = new double[20];
        double[] h = new double[20];
        h[0] = h[1] = h[2] = 1;
        u[3] = 1;
        SgrResult result = bootstrap.supervisionGapRecovered(column(u), column(h), column(h));
        assertEquals(SgrStatus.GAP_INTERVAL_REACHES_ZERO, result.status());
        assertEquals(0.1, result.supervisionGap().estimate(), 1e-15);
        assertTrue(result.supervisionGap().lower() <= 0);
    }

    @Test
    void gapsAreReportedEvenWhenSgrIsUndefined() {
        SgrResult result = bootstrap.supervisionGapRecovered(unsupervised, easy, unsupervised);
        assertEquals(0.375, result.unsupervisedEasyGap().estimate(), 0.0);
        assertEquals(-0.375, result.easyHardGap().estimate(), 0.0);
    }

    @Test
    void conditionsWithoutSharedItemsAreRejected() {
        ItemGrid other = ItemGrid.ofSingleRun(List.of("elsewhere"), new double[] {1});
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> bootstrap.supervisionGapRecovered(unsupervised, easy, other));
        assertTrue(error.getMessage().contains("share no item"), error.getMessage());
    }

    @Test
    void threeArmMeansEqualTheNaiveMaterialisingImplementation() {
        ItemGrid u = grid(Grids.randomCorrectness(33, 1, 0.3, 0.1, 51));
        ItemGrid e = grid(Grids.randomCorrectness(33, 5, 0.6, 0.3, 52));
        ItemGrid h = grid(Grids.randomCorrectness(33, 4, 0.8, 0.3, 53));
        List<String> rows = u.itemIds().stream().filter(id -> e.contains(id) && h.contains(id)).toList();
        double[][] fast = Resampler.means(
                List.of(PreparedArm.of(u, rows), PreparedArm.of(e, rows), PreparedArm.of(h, rows)), 300, 4);
        double[][] naive = NaiveGridBootstrap.means(List.of(u, e, h), rows, 300, 4);
        for (int arm = 0; arm < 3; arm++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(naive[arm], fast[arm]);
        }
    }

    /** U, E, H on 1000 items: H beats U on items 0-4, E on items 0-1. */
    private static List<ItemGrid> tinyGap() {
        double[] u = new double[1000];
        double[] e = new double[1000];
        double[] h = new double[1000];
        for (int i = 0; i < 5; i++) {
            h[i] = 1;
        }
        e[0] = e[1] = 1;
        return List.of(column(u), column(e), column(h));
    }

    @Test
    void theRawRatioIsTheGuardedSgrWhereTheGuardPasses() {
        SgrResult guarded = bootstrap.supervisionGapRecovered(unsupervised, easy, hard);
        BootstrapEstimate raw = bootstrap.rawSupervisionGapRecovered(unsupervised, easy, hard);
        assertEquals(guarded.sgr().orElseThrow(), raw);
    }

    @Test
    void theRawRatioIsReportedWhereTheGuardHidesIt() {
        // H - U = 1/8 on 8 items: the gap's interval reaches 0, so the guarded SGR is undefined; the paper's ratio
        // (E - U) / (H - U) = (2/8) / (1/8) = 2 is still what its table would print.
        ItemGrid u = column(0, 0, 0, 0, 0, 0, 0, 1);
        ItemGrid e = column(1, 1, 0, 0, 0, 0, 0, 1);
        ItemGrid h = column(1, 0, 0, 0, 0, 0, 0, 1);
        assertFalse(bootstrap.supervisionGapRecovered(u, e, h).isDefined());
        BootstrapEstimate raw = bootstrap.rawSupervisionGapRecovered(u, e, h);
        assertEquals(2.0, raw.estimate(), 0.0);
        assertTrue(raw.resamplesDropped() > 0, "resamples with H - U = 0 have no finite ratio and are dropped");
    }

    @Test
    void takesTheHundredThousandResamplesOfAnalysisRmd() {
        GridBootstrap rmd = GridBootstrap.builder().optResamples(100_000).optSeed(5).build();
        BootstrapEstimate sgr = rmd.supervisionGapRecovered(unsupervised, easy, hard).sgr().orElseThrow();
        assertEquals(100_000, sgr.resamplesUsed() + sgr.resamplesDropped());
        assertEquals(0.5, sgr.estimate(), 0.0);
    }
}
