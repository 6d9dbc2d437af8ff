package org.easy2hard.experiment.driver;

import java.util.List;
import java.util.Map;
import org.easy2hard.data.Item;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.method.Prediction;
import org.easy2hard.model.Progress;

/**
 * A supervised fake whose skill grows with the hardness of what it was trained on: fitted on items whose mean value of
 * {@code measure} is m, it answers an item correctly exactly when {@link #bucket} of the item's id is below
 * {@code 10 * m} (so training on grade 8 gets about 80% right, on grade 3 about 30%). The driver tests recompute
 * accuracies from this rule on their own.
 */
final class GradedMethod implements MultipleChoiceMethod {

    private final String measure;

    GradedMethod(String measure) {
        this.measure = measure;
    }

    /** A stable number in 0..99 per item id. */
    static int bucket(String itemId) {
        return Math.floorMod(itemId.hashCode() * 31 + 7, 100);
    }

    /** Whether the method fitted on items of mean value m answers the item correctly. */
    static boolean correct(String itemId, double meanValue) {
        return bucket(itemId) < 10 * meanValue;
    }

    @Override
    public String name() {
        return "graded";
    }

    @Override
    public boolean supervised() {
        return true;
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("measure", measure);
    }

    @Override
    public Fitted fit(List<Item> train, long seed, Progress progress) {
        double mean = train.stream().mapToDouble(item -> item.hardness(measure).orElse(0)).average().orElse(0);
        return new Fitted() {
            @Override
            public List<Prediction> predict(List<Item> items, Progress p) {
                return items.stream().map(item -> {
                    double[] probabilities = new double[item.options().size()];
                    int answer = correct(item.id(), mean) ? item.goldIndex()
                            : (item.goldIndex() + 1) % item.options().size();
                    probabilities[answer] = 1;
                    return Prediction.argmax(item.id(), probabilities);
                }).toList();
            }

            @Override
            public Map<String, Double> diagnostics() {
                return Map.of("train_mean", mean);
            }
        };
    }
}
