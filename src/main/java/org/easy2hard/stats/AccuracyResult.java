package org.easy2hard.stats;

/**
 * Accuracy of one condition with its grid-bootstrap interval, as the paper's result sheets report it.
 *
 * @param accuracy the accuracy: plug-in estimate (NaN-aware mean over items and draws), bootstrap mean and interval
 * @param effectiveSampleSize the number of items observed in at least one draw (non-empty rows): the paper's
 *     {@code sample_size}
 * @param columnsUsed the number of bootstrap draws (columns) resampled
 * @param emptyColumnsIgnored the number of draws without any observed item, left out of the column resampling
 * @param observedCells the number of observed item &times; draw cells
 */
public record AccuracyResult(BootstrapEstimate accuracy, int effectiveSampleSize, int columnsUsed,
        int emptyColumnsIgnored, int observedCells) {

    /** Convenience for {@code accuracy().estimate()}. */
    public double estimate() {
        return accuracy.estimate();
    }

    /** The paper's display, e.g. {@code "71.3 ± 2.1"}: bootstrap mean &plusmn; error bar in percent. */
    public String format() {
        return accuracy.formatPercent();
    }
}
