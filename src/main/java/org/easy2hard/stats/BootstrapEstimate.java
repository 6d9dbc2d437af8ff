package org.easy2hard.stats;

/**
 * A statistic with its percentile-bootstrap interval: what every method of {@link GridBootstrap} reports.
 *
 * <p>Two centres are kept on purpose. {@link #estimate()} is the plug-in value computed once from the data (e.g. the
 * NaN-aware mean of the whole grid); it does not depend on the seed. {@link #bootstrapMean()} is the mean of the
 * resampled statistics, which is what the paper prints ({@code test_acc_str}) and what {@link #errorBar()} is measured
 * from. They differ only by bootstrap bias plus Monte-Carlo noise.
 *
 * @param estimate the plug-in value of the statistic
 * @param bootstrapMean the mean of the resampled statistics that were kept
 * @param lower the lower percentile, at {@code (1 - confidenceLevel) / 2}, interpolated linearly (R type 7, numpy's
 *     default)
 * @param upper the upper percentile, at {@code (1 + confidenceLevel) / 2}
 * @param confidenceLevel the interval's nominal coverage, e.g. 0.95
 * @param pValue the paper's two-sided bootstrap p-value for "statistic = 0": the fraction of kept resampled statistics
 *     that, after subtracting their mean, fall strictly below {@code -|mean|} or above {@code +|mean|} (ties count
 *     as inside, as in the paper's code; that only matters for small grids). Meaningful for
 *     differences and SGR; for a single accuracy it merely tests accuracy = 0
 * @param resamplesUsed resamples whose statistic was finite and kept
 * @param resamplesDropped resamples dropped because the statistic was undefined there (no observed cell drawn, or a
 *     zero denominator)
 */
public record BootstrapEstimate(double estimate, double bootstrapMean, double lower, double upper,
        double confidenceLevel, double pValue, int resamplesUsed, int resamplesDropped) {

    /**
     * Validates the interval.
     *
     * @throws IllegalArgumentException when {@code lower > upper}, the level is outside (0, 1) or counts are negative
     */
    public BootstrapEstimate {
        if (lower > upper) {
            throw new IllegalArgumentException("lower " + lower + " > upper " + upper);
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), was " + confidenceLevel);
        }
        if (resamplesUsed < 0 || resamplesDropped < 0) {
            throw new IllegalArgumentException("resample counts must be >= 0");
        }
    }

    /**
     * The paper's {@code error_bar}: the mean of {@code |lower - bootstrapMean|} and {@code |upper - bootstrapMean|}.
     * Equal to {@link #halfWidth()} whenever the bootstrap mean lies inside the interval, which is the usual case.
     */
    public double errorBar() {
        return (Math.abs(lower - bootstrapMean) + Math.abs(upper - bootstrapMean)) / 2;
    }

    /** Half the interval's width, {@code (upper - lower) / 2}: the "&plusmn;" of the paper's {@code analysis.Rmd}. */
    public double halfWidth() {
        return (upper - lower) / 2;
    }

    /** The interval's width, {@code upper - lower}. */
    public double width() {
        return upper - lower;
    }

    /** Whether {@code lower <= value <= upper}. */
    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }

    /**
     * The paper's display for accuracies, in percent with one decimal: bootstrap mean &plusmn; error bar, e.g.
     * {@code "71.3 ± 2.1"}.
     */
    public String formatPercent() {
        return Formats.percentPlusMinus(bootstrapMean, errorBar());
    }

    /**
     * A difference in percentage points with sign and p-value, e.g. {@code "+3.1 ± 1.2 (p = 0.012)"}: bootstrap mean
     * &plusmn; error bar.
     */
    public String formatPoints() {
        return Formats.signedPoints(bootstrapMean) + " ± " + Formats.percent(errorBar()) + " ("
                + Formats.pValue(pValue, resamplesUsed) + ")";
    }

    /**
     * A ratio such as SGR with two decimals and its interval around the plug-in estimate, e.g.
     * {@code "0.87 [0.71, 1.02]"}.
     */
    public String formatRatio() {
        return Formats.ratioWithInterval(estimate, lower, upper);
    }
}
