package org.easy2hard.experiment;

import java.util.List;
import java.util.Map;
import org.easy2hard.data.Item;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.stats.Condition;

/**
 * One unit a driver plans before anything runs: a method fitted on a training sample and asked every test item.
 * Planning is cheap (draws only), so a driver plans all units up front, and the tests check the sampling rules on the
 * plans without fitting anything.
 *
 * @param name      the unit's unique name in the run directory (file name safe)
 * @param pool      the closest train pool (kept in the unit file)
 * @param bootstrap the bootstrap index
 * @param train     the training items as the method sees them (labels possibly noised)
 * @param test      the test items, with their true labels
 * @param method    the method to fit
 * @param condition the condition every record of the unit carries
 * @param fitSeed   the seed passed to {@code fit}
 * @param facts     numbers about the draw kept with the unit's diagnostics (e.g. how many labels were noised)
 */
public record PlannedUnit(String name, TrainPool pool, int bootstrap, List<Item> train, List<Item> test,
        MultipleChoiceMethod method, Condition condition, long fitSeed, Map<String, Double> facts) {

    /** Copies the collections and checks that no item is both trained on and tested. */
    public PlannedUnit {
        train = List.copyOf(train);
        test = List.copyOf(test);
        facts = Map.copyOf(facts);
        new TrainTestSplit(pool, bootstrap, train, test);
        if (!name.matches("[A-Za-z0-9._=-]+")) {
            throw new IllegalArgumentException("unit name '" + name + "' is not file-name safe");
        }
    }

    /** The ids of the training items, in draw order. */
    public List<String> trainIds() {
        return train.stream().map(Item::id).toList();
    }

    /** The ids of the test items, in order. */
    public List<String> testIds() {
        return test.stream().map(Item::id).toList();
    }

    /**
     * The unsupervised units of the models that have a baseline: each evaluated once (bootstrap 0) on every test
     * item, under the condition (dataset, model, baseline, "unsupervised", no measure, n = 0).
     */
    public static List<PlannedUnit> baselines(List<ModelArms> models, String dataset, List<Item> test) {
        List<PlannedUnit> units = new java.util.ArrayList<>();
        for (ModelArms arms : models) {
            arms.baseline().ifPresent(method -> units.add(new PlannedUnit(
                    nameOf(arms.model(), method.name(), "unsupervised"), TrainPool.NONE, 0, List.of(), test, method,
                    new Condition(dataset, arms.model(), method.name(), TrainPool.NONE.label(), Condition.NONE, 0),
                    0, Map.of())));
        }
        return units;
    }

    /** A file-name-safe unit name from readable parts: unsafe characters become '_', parts are joined by "__". */
    public static String nameOf(Object... parts) {
        StringBuilder name = new StringBuilder();
        for (Object part : parts) {
            if (name.length() > 0) {
                name.append("__");
            }
            name.append(part.toString().replaceAll("[^A-Za-z0-9.=-]", "_"));
        }
        return name.toString();
    }
}
