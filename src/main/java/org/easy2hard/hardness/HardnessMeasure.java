package org.easy2hard.hardness;

import java.util.Locale;
import java.util.Objects;

/**
 * A hardness measure on one dataset: the item value it reads ({@code name}, the paper's column name), a readable
 * label for tables and plots, and how values become levels.
 *
 * @param name         the paper's column name, e.g. {@code human_grade}; items carry values under this name
 * @param label        a short readable label, e.g. "Grade level"
 * @param rule         fixed cutoffs or quantiles
 * @param paperDefault whether the paper's main population table stratifies by it ({@code dataname_to_human_hardness})
 */
public record HardnessMeasure(String name, String label, BinningRule rule, boolean paperDefault) {

    /** Checks the fields. */
    public HardnessMeasure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * A measure binned the paper's way for its name: quantiles (30/70) when the name contains {@code model},
     * {@code prob}, {@code words} or {@code chars} — the rule in the paper's code — otherwise the given fixed cutoffs.
     * This is how user-defined and model-based (MDL) measures plug in.
     *
     * @param fixed cutoffs used when the name calls for fixed cutoffs; may be null for quantile names
     */
    public static HardnessMeasure of(String name, String label, BinningRule.Fixed fixed) {
        if (usesQuantiles(name)) {
            return new HardnessMeasure(name, label, BinningRule.Quantile.PAPER, false);
        }
        if (fixed == null) {
            throw new IllegalArgumentException("measure '" + name + "' needs fixed cutoffs: its name does not call for "
                    + "quantile bins (it contains none of model, prob, words, chars)");
        }
        return new HardnessMeasure(name, label, fixed, false);
    }

    /** The paper's rule: variables whose name contains these words are binned at quantiles. */
    static boolean usesQuantiles(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("model") || lower.contains("prob") || lower.contains("words") || lower.contains("chars");
    }
}
