package org.easy2hard.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void interpolatesBetweenOrderStatistics() {
        // np.quantile([10, 20, 30, 40, 50], 0.3) == 22.0 (h = 1.2)
        assertEquals(22.0, Quantiles.linear(new double[] {50, 10, 40, 20, 30}, 0.3), 1e-12);
    }

    @Test
    void extremesAreMinimumAndMaximum() {
        double[] values = {3, 1, 2};
        assertEquals(1.0, Quantiles.linear(values, 0));
        assertEquals(3.0, Quantiles.linear(values, 1));
    }

    @Test
    void missingValuesAreIgnored() {
        assertEquals(2.0, Quantiles.linear(new double[] {Double.NaN, 1, 3}, 0.5), 1e-12);
    }

    @Test
    void noValuesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Quantiles.linear(new double[] {Double.NaN}, 0.5));
    }
}
