package org.easy2hard.report;

/**
 * One bar of an accuracy-against-hardness plot: the test items whose hardness falls in {@code [lower, upper]} (one
 * value when the measure is plotted value by value), their mean per-item accuracy and its Student-t interval.
 *
 * @param label         the category label shown under the bar, e.g. {@code "3"} or {@code "1.0–3.5"}
 * @param lower         the smallest hardness value the bin admits (its left edge)
 * @param upper         the largest hardness value the bin admits (its right edge)
 * @param items         the number of test items in the bin
 * @param mean          the mean over items of each item's accuracy (itself averaged over bootstraps), in [0, 1]
 * @param standardError the sample standard deviation of the per-item accuracies over {@code sqrt(items)}; NaN when
 *                      the bin has a single item
 * @param halfWidth     {@code t(0.975, items - 1) * standardError}: half the 95% interval; NaN with one item
 */
public record HardnessBin(String label, double lower, double upper, int items, double mean, double standardError,
        double halfWidth) {

    /**
     * Checks the counts.
     *
     * @throws IllegalArgumentException when the bin is empty or its edges are reversed
     */
    public HardnessBin {
        if (items < 1) {
            throw new IllegalArgumentException("a bin holds at least one item, had " + items);
        }
        if (lower > upper) {
            throw new IllegalArgumentException("bin edges reversed: " + lower + " > " + upper);
        }
    }

    /** The interval's lower end, {@code mean - halfWidth}. */
    public double intervalLower() {
        return mean - halfWidth;
    }

    /** The interval's upper end, {@code mean + halfWidth}. */
    public double intervalUpper() {
        return mean + halfWidth;
    }
}
