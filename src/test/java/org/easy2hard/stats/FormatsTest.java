package org.easy2hard.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Display text. */
class FormatsTest {

    @Test
    void percentWithPlusMinusHasOneDecimal() {
        assertEquals("71.3 ± 2.1", Formats.percentPlusMinus(0.71349, 0.0214));
    }

    @ParameterizedTest
    @CsvSource({"0.031, +3.1", "-0.004, -0.4", "-0.0004, 0.0", "0.0004, 0.0", "0, 0.0"})
    void signedPointsShowASignOnlyWhenNonZero(double difference, String expected) {
        assertEquals(expected, Formats.signedPoints(difference));
    }

    @Test
    void ratioWithIntervalHasTwoDecimals() {
        assertEquals("0.87 [0.71, 1.02]", Formats.ratioWithInterval(0.8712, 0.7071, 1.0249));
    }

    @Test
    void zeroPValueIsShownAsBelowTheResolution() {
        assertEquals("p < 0.0001", Formats.pValue(0, 10_000));
    }

    @Test
    void pValueHasThreeDecimals() {
        assertEquals("p = 0.012", Formats.pValue(0.0123, 10_000));
    }

    @Test
    void missingValueIsNotApplicable() {
        assertEquals("n/a", Formats.percent(Double.NaN));
    }
}
