package org.easy2hard.stats;

import java.util.Arrays;

/** Quantiles, p-values and summaries of resampled statistics. */
final class BootstrapMath {

    private BootstrapMath() {
    }

    /**
     * Summarises resampled statistics into an estimate; non-finite entries (undefined resamples) are dropped and
     * counted.
     *
     * @throws IllegalStateException when no resample produced a finite statistic
     */
    static BootstrapEstimate summarise(double estimate, double[] resampled, double confidenceLevel) {
        double[] kept = Arrays.stream(resampled).filter(Double::isFinite).toArray();
        if (kept.length == 0) {
            throw new IllegalStateException("none of the " + resampled.length
                    + " resamples produced a finite statistic; the data cannot support an interval");
        }
        double mean = mean(kept);
        double p = pValue(kept, mean);
        Arrays.sort(kept);
        double tail = (1 - confidenceLevel) / 2;
        return new BootstrapEstimate(estimate, mean, lowerQuantile(kept, tail), upperQuantile(kept, tail),
                confidenceLevel, p, kept.length, resampled.length - kept.length);
    }

    /** Plain mean, summed in array order. */
    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * The paper's two-sided bootstrap p-value for "statistic = 0": centre the statistics on their mean and count the
     * fraction strictly below {@code -|mean|} or strictly above {@code +|mean|}, as {@code metrics.p_value} and
     * {@code analysis.Rmd}'s {@code p_value} count them ({@code <} and {@code >}).
     *
     * <p>Ties at the thresholds count as inside, as in the authors' code. That matters only when the bootstrap
     * distribution has atoms exactly at the thresholds, as in small grids; there it is anti-conservative, and a
     * distribution concentrated at exactly 0 (two identical conditions) gets p = 0, not 1: read such a p-value beside
     * its interval, which is then [0, 0].
     */
    static double pValue(double[] statistics, double mean) {
        double threshold = Math.abs(mean);
        int outside = 0;
        for (double s : statistics) {
            double centred = s - mean;
            if (centred < -threshold || centred > threshold) {
                outside++;
            }
        }
        return (double) outside / statistics.length;
    }

    /** The {@code p}-quantile of sorted values, numpy's and R's default (type 7); see {@link Quantiles}. */
    static double lowerQuantile(double[] sorted, double p) {
        return Quantiles.linearOfSorted(sorted, p);
    }

    /**
     * The {@code (1 - p)}-quantile, type 7 like {@link #lowerQuantile}, but interpolated from the top. Mathematically
     * the same number; computed this way the interval of a negated statistic is the exact negation of the original
     * interval (floating-point negation commutes with rounding), which keeps B - A and A - B exact mirror images.
     */
    static double upperQuantile(double[] sorted, double p) {
        int n = sorted.length;
        double h = (n - 1) * p;
        int below = (int) Math.floor(h);
        double fraction = h - below;
        int top = n - 1 - below;
        if (top <= 0) {
            return sorted[0];
        }
        return sorted[top] - fraction * (sorted[top] - sorted[top - 1]);
    }
}
