package org.easy2hard.stats;

import java.util.Locale;

/**
 * Text for statistics as the paper and its tables show them: accuracies in percent with one decimal
 * ({@code "71.3 ± 2.1"}), differences in signed percentage points, ratios with two decimals. Always
 * {@link Locale#ROOT}, so a notebook on a German machine still prints a decimal point. NaN prints as {@code "n/a"}.
 */
public final class Formats {

    private Formats() {
    }

    /** A fraction in percent with one decimal, e.g. {@code 0.7134 -> "71.3"}. */
    public static String percent(double fraction) {
        return fixed(100 * fraction, 1);
    }

    /** A fraction and its &plusmn; in percent with one decimal, e.g. {@code "71.3 ± 2.1"}. */
    public static String percentPlusMinus(double fraction, double plusMinus) {
        return percent(fraction) + " ± " + percent(plusMinus);
    }

    /** A difference of fractions in signed percentage points with one decimal, e.g. {@code "+3.1"} or {@code "-0.4"}. */
    public static String signedPoints(double difference) {
        String text = percent(difference);
        return difference > 0 && !text.equals("0.0") ? "+" + text : text;
    }

    /** A ratio with two decimals, e.g. {@code "0.87"}. */
    public static String ratio(double value) {
        return fixed(value, 2);
    }

    /** A ratio and its interval with two decimals, e.g. {@code "0.87 [0.71, 1.02]"}. */
    public static String ratioWithInterval(double value, double lower, double upper) {
        return ratio(value) + " [" + ratio(lower) + ", " + ratio(upper) + "]";
    }

    /**
     * A bootstrap p-value, honest about its resolution: with {@code n} resamples the smallest non-zero value is
     * {@code 1/n}, so zero prints as {@code "p < 1/n"}, e.g. {@code "p < 0.0001"} for 10,000 resamples.
     */
    public static String pValue(double p, int resamples) {
        if (Double.isNaN(p)) {
            return "p = n/a";
        }
        if (p == 0 && resamples > 0) {
            return "p < " + plain(1.0 / resamples);
        }
        return "p = " + String.format(Locale.ROOT, p < 0.001 ? "%.1e" : "%.3f", p);
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        // -0.04 rounds to "-0.0"; a sign on zero only distracts.
        return text.matches("-0\\.0+") ? text.substring(1) : text;
    }
}
