package org.easy2hard.hardness;

import java.util.Locale;

/** The paper's three hardness levels of an item under one measure. */
public enum Level {
    /** Value at or below the easy cutoff. */
    EASY,
    /** Strictly between the cutoffs. */
    MEDIUM,
    /** Value at or above the hard cutoff. */
    HARD;

    /** Lower-case name as the paper's result sheets write it ({@code easy}, {@code medium}, {@code hard}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
