package org.easy2hard.experiment.driver;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.easy2hard.data.Dataset;
import org.easy2hard.hardness.HardnessMeasure;

/**
 * Model-based hardness scores of a probing set: each model's raw score per item (1 − mean gold probability) and
 * their plain mean, the measure itself. {@link #apply} attaches them to a dataset as hardness values, after which
 * the measure works like any other: {@code Stratifier.fit(scores.measure(), data)}, correlations, the drivers.
 *
 * @param measureName the averaged measure's name, e.g. {@code model_based_learned_avg}
 * @param perModel    model → item id → score
 * @param average     item id → mean of the models' scores
 */
public record ModelBasedScores(String measureName, Map<String, Map<String, Double>> perModel,
        Map<String, Double> average) {

    /** Copies the maps. */
    public ModelBasedScores {
        perModel = Collections.unmodifiableMap(new LinkedHashMap<>(perModel));
        average = Collections.unmodifiableMap(new LinkedHashMap<>(average));
    }

    /** Scores from the models' raw scores, averaged per item (NaN where a model has none). */
    public static ModelBasedScores of(String measureName, Map<String, Map<String, Double>> perModel) {
        Map<String, Double> average = new LinkedHashMap<>();
        Map<String, Double> first = perModel.values().iterator().next();
        for (String id : first.keySet()) {
            double sum = 0;
            for (Map<String, Double> scores : perModel.values()) {
                sum += scores.getOrDefault(id, Double.NaN);
            }
            average.put(id, sum / perModel.size());
        }
        return new ModelBasedScores(measureName, perModel, average);
    }

    /** The averaged measure, binned at the 30th / 70th percentiles (its name contains "model"). */
    public HardnessMeasure measure() {
        return HardnessMeasure.of(measureName, "MDL (" + measureName.replace("model_based_", "")
                .replace("_avg", "") + ", model avg)", null);
    }

    /** The name of one model's column, e.g. {@code model_based_learned_all-MiniLM-L6-v2-q}. */
    public String modelColumn(String model) {
        return measureName.replace("_avg", "_" + model);
    }

    /** The dataset with the averaged score and each model's score as hardness values (items without one keep none). */
    public Dataset apply(Dataset data) {
        Dataset out = data.withHardness(measureName, item -> average.getOrDefault(item.id(), Double.NaN));
        for (Map.Entry<String, Map<String, Double>> entry : perModel.entrySet()) {
            Map<String, Double> scores = entry.getValue();
            out = out.withHardness(modelColumn(entry.getKey()), item -> scores.getOrDefault(item.id(), Double.NaN));
        }
        return out;
    }
}
