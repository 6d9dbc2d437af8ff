package org.easy2hard.notebook;

import java.util.Comparator;
import java.util.List;
import org.easy2hard.experiment.driver.CurvePoint;

/**
 * Points of a curve (learning curve, noise curve) by their x value rather than their position in the list, so that a
 * notebook sentence such as "at p = 0" or "at the largest p" reads as what it means.
 */
public final class Curves {

    private Curves() {
    }

    /**
     * The point at x.
     *
     * @throws IllegalArgumentException naming the x values present when no point has this x
     */
    public static CurvePoint at(List<CurvePoint> points, double x) {
        return points.stream().filter(point -> Double.compare(point.x(), x) == 0).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no curve point at x = " + x + "; the curve has x = "
                        + points.stream().map(CurvePoint::x).toList()));
    }

    /**
     * The point with the largest x.
     *
     * @throws IllegalArgumentException when the curve is empty
     */
    public static CurvePoint atLargestX(List<CurvePoint> points) {
        return points.stream().max(Comparator.comparingDouble(CurvePoint::x))
                .orElseThrow(() -> new IllegalArgumentException("the curve has no points"));
    }
}
