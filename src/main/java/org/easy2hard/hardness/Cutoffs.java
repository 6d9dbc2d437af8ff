package org.easy2hard.hardness;

/**
 * Resolved, inclusive cutoffs of one measure on one dataset: easy ≤ {@code easyMax}, hard ≥ {@code hardMin}.
 * When the cutoffs are equal (ties at a quantile) an item at that value counts as easy, as in the paper's code,
 * which assigns easy first.
 */
public record Cutoffs(double easyMax, double hardMin) {

    /** The level of a value; missing values (NaN) have none. */
    public java.util.Optional<Level> levelOf(double value) {
        if (Double.isNaN(value)) {
            return java.util.Optional.empty();
        }
        if (value <= easyMax) {
            return java.util.Optional.of(Level.EASY);
        }
        return java.util.Optional.of(value >= hardMin ? Level.HARD : Level.MEDIUM);
    }

    @Override
    public String toString() {
        return "easy <= " + format(easyMax) + ", hard >= " + format(hardMin);
    }

    /** A cutoff without a trailing ".0" for whole numbers. */
    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
