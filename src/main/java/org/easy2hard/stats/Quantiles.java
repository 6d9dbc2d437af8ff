package org.easy2hard.stats;

import java.util.Arrays;

/** Sample quantiles computed as numpy's default ({@code np.quantile(..., method="linear")}). */
public final class Quantiles {

    private Quantiles() {
    }

    /**
     * The q-quantile with linear interpolation between the order statistics at {@code floor(h)} and
     * {@code ceil(h)}, where {@code h = q (n - 1)}. NaN values are ignored (numpy's {@code nanquantile}).
     *
     * @throws IllegalArgumentException when q is outside [0, 1] or no finite value remains
     */
    public static double linear(double[] values, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
        }
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values to take a quantile of");
        }
        return linearOfSorted(sorted, q);
    }

    /** As {@link #linear(double[], double)} for values already sorted ascending and free of NaN. */
    public static double linearOfSorted(double[] sorted, double q) {
        double h = q * (sorted.length - 1);
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = h - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
