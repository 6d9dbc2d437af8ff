package org.easy2hard.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quantiles, p-values and summaries of resampled statistics. */
class BootstrapMathTest {

    private static final double[] ONE_TO_FIVE = {1, 2, 3, 4, 5};

    @ParameterizedTest
    @CsvSource({
        // numpy.quantile([1, 2, 3, 4, 5], p) and R quantile(1:5, p), type 7
        "0.0, 1.0",
        "0.1, 1.4",
        "0.025, 1.1",
        "0.5, 3.0",
        "1.0, 5.0",
    })
    void lowerQuantileIsType7(double p, double expected) {
        assertEquals(expected, BootstrapMath.lowerQuantile(ONE_TO_FIVE, p), 1e-12);
    }

    @ParameterizedTest
    @CsvSource({
        // the (1 - p)-quantile: numpy.quantile([1, 2, 3, 4, 5], 1 - p)
        "0.0, 5.0",
        "0.1, 4.6",
        "0.025, 4.9",
        "0.5, 3.0",
        "1.0, 1.0",
    })
    void upperQuantileIsType7FromTheTop(double p, double expected) {
        assertEquals(expected, BootstrapMath.upperQuantile(ONE_TO_FIVE, p), 1e-12);
    }

    @Test
    void pValueCountsCentredStatisticsBeyondTheMean() {
        // mean 0.65; centred -1.65, -0.45, 0.35, 1.75; beyond +-0.65: the first and the last
        assertEquals(0.5, BootstrapMath.pValue(new double[] {-1, 0.2, 1, 2.4}, 0.65), 0.0);
    }

    @Test
    void pValueCountsTiesAtTheThresholdsAsInsideAsTheAuthors() {
        // mean 0: centred values equal to +-|mean| = 0 are not strictly beyond it (metrics.p_value: < and >)
        assertEquals(0.0, BootstrapMath.pValue(new double[] {0, 0, 0}, 0.0), 0.0);
        // mean 1; centred -1, 0, 1: only strict exceedances count, and none is strictly beyond +-1
        assertEquals(0.0, BootstrapMath.pValue(new double[] {0, 1, 2}, 1.0), 0.0);
    }

    @Test
    void pValueOfAConstantNonZeroStatisticIsZero() {
        assertEquals(0.0, BootstrapMath.pValue(new double[] {0.3, 0.3, 0.3, 0.3}, 0.3), 0.0);
    }

    @Test
    void summaryDropsAndCountsNonFiniteStatistics() {
        BootstrapEstimate estimate = BootstrapMath.summarise(2.0,
                new double[] {1, Double.NaN, 2, Double.POSITIVE_INFINITY, 3}, 0.5);
        assertEquals(3, estimate.resamplesUsed());
        assertEquals(2, estimate.resamplesDropped());
        assertEquals(2.0, estimate.bootstrapMean(), 0.0);
        assertEquals(1.5, estimate.lower(), 1e-12);
        assertEquals(2.5, estimate.upper(), 1e-12);
        assertEquals(2.0, estimate.estimate(), 0.0);
    }

    @Test
    void summaryWithoutAnyFiniteStatisticFails() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> BootstrapMath.summarise(0, new double[] {Double.NaN, Double.NaN}, 0.95));
        assertEquals("none of the 2 resamples produced a finite statistic; the data cannot support an interval",
                error.getMessage());
    }

    @Test
    void negatedStatisticsGiveTheExactlyMirroredInterval() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        double[] values = random.doubles(9_999).map(x -> x * x - 0.3).toArray();
        double[] negated = java.util.Arrays.stream(values).map(x -> -x).toArray();
        BootstrapEstimate original = BootstrapMath.summarise(0, values, 0.95);
        BootstrapEstimate mirrored = BootstrapMath.summarise(0, negated, 0.95);
        assertEquals(-original.upper(), mirrored.lower(), 0.0);
        assertEquals(-original.lower(), mirrored.upper(), 0.0);
    }

    @Test
    void errorBarIsThePapersMeanDistanceToThePercentiles() {
        // bootstrap mean outside the interval: error bar (0.15 + 0.05) / 2 = 0.1, half-width (0.7 - 0.6) / 2 = 0.05
        BootstrapEstimate estimate = new BootstrapEstimate(0.75, 0.75, 0.6, 0.7, 0.95, 0, 10, 0);
        assertEquals(0.1, estimate.errorBar(), 1e-12);
        assertEquals(0.05, estimate.halfWidth(), 1e-12);
    }

    @Test
    void invertedIntervalIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BootstrapEstimate(0, 0, 1, 0, 0.95, 0, 1, 0));
    }
}
