package org.easy2hard.hardness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.easy2hard.data.UserDataset;

/**
 * The hardness measures of a user's dataset ({@link UserDataset}): each of its hardness columns and added length
 * measures binned at the 30th / 70th percentiles over the file's items (numpy's linear interpolation, inclusive
 * cutoffs, as for the paper's length measures), unless a rule is given for it, e.g. fixed cutoffs
 * {@code new BinningRule.Fixed(2, 4)} for a steps count.
 *
 * <pre>{@code
 * List<HardnessMeasure> measures = UserMeasures.of(mine, Map.of("steps", new BinningRule.Fixed(2, 4)));
 * Stratifier bySteps = Stratifier.fit(UserMeasures.find(measures, "steps"), mine.dataset());
 * }</pre>
 */
public final class UserMeasures {

    private UserMeasures() {
    }

    /** Every measure of the dataset at 30/70 quantile cutoffs. */
    public static List<HardnessMeasure> of(UserDataset data) {
        return of(data, Map.of());
    }

    /**
     * Every measure of the dataset, with the given rules where named and 30/70 quantiles elsewhere.
     *
     * @throws IllegalArgumentException when a rule names a measure the dataset does not have
     */
    public static List<HardnessMeasure> of(UserDataset data, Map<String, ? extends BinningRule> rules) {
        Set<String> unknown = new TreeSet<>(rules.keySet());
        data.measures().forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("cutoffs given for " + unknown + ", which " + data.name()
                    + " does not have; its measures are " + data.measures());
        }
        List<HardnessMeasure> measures = new ArrayList<>();
        for (String name : data.measures()) {
            BinningRule rule = rules.containsKey(name) ? rules.get(name) : BinningRule.Quantile.PAPER;
            // File columns are paper-style defaults of the study; the added length measures are extras.
            measures.add(new HardnessMeasure(name, name, rule, data.hardnessColumns().contains(name)));
        }
        return List.copyOf(measures);
    }

    /**
     * One measure of a list by name.
     *
     * @throws IllegalArgumentException naming the measures when none has the name
     */
    public static HardnessMeasure find(List<HardnessMeasure> measures, String name) {
        return measures.stream().filter(measure -> measure.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(MeasureNames.unknown(name,
                        measures.stream().map(HardnessMeasure::name).toList(), "")));
    }
}
