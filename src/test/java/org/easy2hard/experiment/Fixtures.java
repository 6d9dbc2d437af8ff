package org.easy2hard.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.method.Prediction;
import org.easy2hard.model.Progress;

/** A synthetic dataset and two small deterministic methods, for runner tests that need no model. */
public final class Fixtures {

    private Fixtures() {
    }

    /** 300 two-option items with {@code num_steps} 1..5 (120 easy, 60 medium, 120 hard by the 2 / 4 cutoffs). */
    public static Dataset dataset() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int steps = 1 + i % 5;
            // The gold answer follows a pattern a learner can pick up from its training items: mostly "yes" on easy
            // items, mostly "no" on hard ones.
            int gold = (i * 7 % 10 < (steps <= 2 ? 8 : steps >= 4 ? 3 : 5)) ? 0 : 1;
            items.add(new Item("q" + i, DatasetId.STRATEGYQA, "train", "Question number " + i + "?",
                    List.of("yes", "no"), gold, gold == 0 ? "yes" : "no", "", List.of(), Map.of(),
                    Map.of("num_steps", (double) steps)));
        }
        return new Dataset(DatasetId.STRATEGYQA, "synthetic", items);
    }

    /** Unsupervised: always 60% on the first option. */
    public static MultipleChoiceMethod firstOption() {
        return new MultipleChoiceMethod() {
            @Override
            public String name() {
                return "first-option";
            }

            @Override
            public boolean supervised() {
                return false;
            }

            @Override
            public Map<String, String> settings() {
                return Map.of("p_first", "0.6");
            }

            @Override
            public Fitted fit(List<Item> train, long seed, Progress progress) {
                return (items, p) -> items.stream().map(item -> Prediction.argmax(item.id(), first(item, 0.6))).toList();
            }
        };
    }

    /**
     * Supervised: predicts the most frequent gold option of its training items, with a probability that depends
     * on the fit seed (so that the test can see seeds are used and reproduced).
     */
    public static MultipleChoiceMethod majority() {
        return new MultipleChoiceMethod() {
            @Override
            public String name() {
                return "majority";
            }

            @Override
            public boolean supervised() {
                return true;
            }

            @Override
            public Map<String, String> settings() {
                return Map.of("rule", "most frequent gold option");
            }

            @Override
            public Fitted fit(List<Item> train, long seed, Progress progress) {
                long yes = train.stream().filter(item -> item.goldIndex() == 0).count();
                int choice = 2 * yes >= train.size() ? 0 : 1;
                double confidence = 0.55 + 0.4 * new java.util.SplittableRandom(seed).nextDouble();
                return new Fitted() {
                    @Override
                    public List<Prediction> predict(List<Item> items, Progress p) {
                        return items.stream()
                                .map(item -> Prediction.argmax(item.id(), first(item, choice == 0 ? confidence
                                        : 1 - confidence)))
                                .toList();
                    }

                    @Override
                    public Map<String, Double> diagnostics() {
                        return Map.of("train_yes_fraction", (double) yes / train.size(), "confidence", confidence);
                    }
                };
            }
        };
    }

    private static double[] first(Item item, double pFirst) {
        double[] p = new double[item.options().size()];
        p[0] = pFirst;
        for (int i = 1; i < p.length; i++) {
            p[i] = (1 - pFirst) / (p.length - 1);
        }
        return p;
    }

    /** The runner used by the tests, on the synthetic data, with 20 training items and 3 bootstraps. */
    public static ExperimentRunner.Builder runner(java.nio.file.Path directory, MultipleChoiceMethod supervised) {
        return ExperimentRunner.builder()
                .setSpec(new ExperimentSpec(DatasetId.STRATEGYQA, "num_steps",
                        List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD), 20, 3, 7))
                .setData(dataset(), Map.of("synthetic.json", "0".repeat(64)))
                .setModelName("fixture")
                .setUnsupervisedMethod(firstOption())
                .setSupervisedMethod(supervised)
                .setRunDirectory(directory);
    }
}
