package org.easy2hard.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.easy2hard.experiment.driver.CurvePoint;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.BootstrapEstimate;
import org.junit.jupiter.api.Test;

class CurvesTest {

    private static CurvePoint point(double x, int nTrain) {
        BootstrapEstimate estimate = new BootstrapEstimate(0.5, 0.5, 0.4, 0.6, 0.95, 0.0, 100, 0);
        return new CurvePoint(x, nTrain, new AccuracyResult(estimate, 100, 5, 0, 500));
    }

    // Deliberately not in x order: the helpers must not rely on the list's order.
    private static final List<CurvePoint> NOISE = List.of(point(0.1, 160), point(0.0, 160), point(0.3, 160),
            point(0.2, 160));

    @Test
    void findsThePointAtAnX() {
        assertEquals(0.0, Curves.at(NOISE, 0).x());
        assertEquals(0.2, Curves.at(NOISE, 0.2).x());
    }

    @Test
    void aMissingXIsAnErrorNamingTheXsPresent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Curves.at(NOISE, 0.05));
        assertTrue(e.getMessage().contains("[0.1, 0.0, 0.3, 0.2]"), e.getMessage());
    }

    @Test
    void findsThePointWithTheLargestX() {
        assertEquals(0.3, Curves.atLargestX(NOISE).x());
        assertThrows(IllegalArgumentException.class, () -> Curves.atLargestX(List.of()));
    }
}
