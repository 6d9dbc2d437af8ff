package org.easy2hard.stats;

/**
 * A paired comparison of two conditions on the items they share: the difference B &minus; A of their accuracies with
 * its grid-bootstrap interval and the paper's two-sided p-value.
 *
 * @param difference B &minus; A: plug-in estimate, bootstrap mean, interval and p-value
 * @param accuracyA A's plug-in accuracy on the shared items
 * @param accuracyB B's plug-in accuracy on the shared items
 * @param sharedItems items observed in both conditions; the only rows used
 * @param itemsOnlyInA items of A left out because B never tested them
 * @param itemsOnlyInB items of B left out because A never tested them
 */
public record DifferenceResult(BootstrapEstimate difference, double accuracyA, double accuracyB, int sharedItems,
        int itemsOnlyInA, int itemsOnlyInB) {

    /** Convenience for {@code difference().estimate()}. */
    public double estimate() {
        return difference.estimate();
    }

    /** Signed percentage points, error bar and p-value, e.g. {@code "+3.1 ± 1.2 (p = 0.012)"}. */
    public String format() {
        return difference.formatPoints();
    }
}
