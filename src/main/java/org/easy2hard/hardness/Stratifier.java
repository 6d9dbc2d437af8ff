package org.easy2hard.hardness;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.Item;

/**
 * Assigns items to easy / medium / hard under one measure. Quantile cutoffs are resolved once, over the dataset the
 * stratifier is fitted on (the paper: the whole probing set), and then applied to any item.
 */
public final class Stratifier {

    private final HardnessMeasure measure;
    private final Cutoffs cutoffs;

    private Stratifier(HardnessMeasure measure, Cutoffs cutoffs) {
        this.measure = measure;
        this.cutoffs = cutoffs;
    }

    /**
     * Resolves the measure's rule on a dataset.
     *
     * @throws IllegalArgumentException when no item of the dataset has a value for the measure
     */
    public static Stratifier fit(HardnessMeasure measure, Dataset dataset) {
        double[] values = dataset.hardnessValues(measure.name());
        if (java.util.Arrays.stream(values).allMatch(Double::isNaN)) {
            throw new IllegalArgumentException("no item of " + dataset.name() + " has a value for '"
                    + measure.name() + "'");
        }
        Cutoffs cutoffs = measure.rule().resolve(values);
        return new Stratifier(measure, cutoffs);
    }

    /**
     * A stratifier with explicit cutoffs, e.g. the Figure 1 split of all ARC items into grade ≤ 3 and grade ≥ 8.
     */
    public static Stratifier withCutoffs(HardnessMeasure measure, double easyMax, double hardMin) {
        return new Stratifier(measure, new Cutoffs(easyMax, hardMin));
    }

    /** The measure. */
    public HardnessMeasure measure() {
        return measure;
    }

    /** The resolved cutoffs. */
    public Cutoffs cutoffs() {
        return cutoffs;
    }

    /** The item's level, empty when it has no value for the measure. */
    public Optional<Level> levelOf(Item item) {
        return cutoffs.levelOf(item.hardness(measure.name()).orElse(Double.NaN));
    }

    /** The items of each level (every level present, possibly empty); items without a value are left out. */
    public Map<Level, List<Item>> split(Dataset dataset) {
        Map<Level, List<Item>> levels = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            levels.put(level, new ArrayList<>());
        }
        for (Item item : dataset) {
            levelOf(item).ifPresent(level -> levels.get(level).add(item));
        }
        levels.replaceAll((level, items) -> List.copyOf(items));
        return levels;
    }

    /** The items of one level as a dataset named e.g. {@code ai2_arc-human_grade-hard}. */
    public Dataset pool(Dataset dataset, Level level) {
        return dataset.filter(dataset.name() + "-" + measure.name() + "-" + level.label(),
                item -> levelOf(item).filter(level::equals).isPresent());
    }

    @Override
    public String toString() {
        return measure.name() + ": " + cutoffs;
    }
}
