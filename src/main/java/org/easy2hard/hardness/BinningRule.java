package org.easy2hard.hardness;

import org.easy2hard.stats.Quantiles;

/**
 * How a measure's values become easy / medium / hard: fixed inclusive cutoffs, or cutoffs at quantiles of the
 * values over the probing set (paper-spec §3.1).
 */
public sealed interface BinningRule {

    /** The cutoffs this rule gives for a measure's values on a dataset (NaN values ignored). */
    Cutoffs resolve(double[] values);

    /** Easy = value ≤ {@code easyMax}, hard = value ≥ {@code hardMin}, medium = the rest. */
    record Fixed(double easyMax, double hardMin) implements BinningRule {
        /** Checks the cutoffs are ordered. */
        public Fixed {
            if (!(easyMax <= hardMin)) {
                throw new IllegalArgumentException("easy cutoff " + easyMax + " is above hard cutoff " + hardMin);
            }
        }

        @Override
        public Cutoffs resolve(double[] values) {
            return new Cutoffs(easyMax, hardMin);
        }

        @Override
        public String toString() {
            return "fixed " + Cutoffs.format(easyMax) + " / " + Cutoffs.format(hardMin);
        }
    }

    /**
     * Cutoffs at the {@code easyQuantile} and {@code hardQuantile} quantiles of the dataset's values (numpy's linear
     * interpolation), then applied inclusively like fixed cutoffs.
     */
    record Quantile(double easyQuantile, double hardQuantile) implements BinningRule {
        /** The paper's 30th / 70th percentiles. */
        public static final Quantile PAPER = new Quantile(0.3, 0.7);

        /** Checks the quantiles are ordered and in [0, 1]. */
        public Quantile {
            if (!(0 <= easyQuantile && easyQuantile <= hardQuantile && hardQuantile <= 1)) {
                throw new IllegalArgumentException("quantiles must satisfy 0 <= easy <= hard <= 1, got "
                        + easyQuantile + ", " + hardQuantile);
            }
        }

        @Override
        public Cutoffs resolve(double[] values) {
            return new Cutoffs(Quantiles.linear(values, easyQuantile), Quantiles.linear(values, hardQuantile));
        }

        @Override
        public String toString() {
            return "quantiles " + Math.round(easyQuantile * 100) + "% / " + Math.round(hardQuantile * 100) + "%";
        }
    }
}
