package org.easy2hard.experiment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.easy2hard.hardness.Level;

/**
 * Where a condition's training items come from: no training (the unsupervised baseline), one hardness level, or
 * every item.
 */
public enum TrainPool {
    /** No training data: the unsupervised (zero-shot) baseline, evaluated once on every probing item. */
    NONE("unsupervised", null),
    /** Items at or below the easy cutoff. */
    EASY("easy", Level.EASY),
    /** Items strictly between the cutoffs. */
    MEDIUM("medium", Level.MEDIUM),
    /** Items at or above the hard cutoff. */
    HARD("hard", Level.HARD),
    /** Every item, whatever its level: the paper's {@code train_on=all} (all-to-all table, model-based hardness). */
    ALL("all", null);

    private final String label;
    private final Level level;

    TrainPool(String label, Level level) {
        this.label = label;
        this.level = level;
    }

    /** The lower-case name used in records, files and tables ({@code unsupervised}, {@code easy}, ...). */
    public String label() {
        return label;
    }

    /** The hardness level the pool draws from; empty for {@link #NONE} and {@link #ALL}. */
    public Optional<Level> level() {
        return Optional.ofNullable(level);
    }

    /**
     * Parses a label or enum name ({@code easy}, {@code HARD}, {@code none}, {@code unsupervised}).
     *
     * @throws IllegalArgumentException naming the choices
     */
    public static TrainPool parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(pool -> pool.label.equals(wanted) || pool.name().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown train pool '" + text
                        + "'; choose none, easy, medium, hard or all"));
    }
}
