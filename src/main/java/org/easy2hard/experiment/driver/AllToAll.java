package org.easy2hard.experiment.driver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.Item;
import org.easy2hard.experiment.Draws;
import org.easy2hard.experiment.DriverBuilder;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.Seeds;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.GridBootstrap;
import tech.tablesaw.api.Table;

/**
 * The all-to-all table (paper-spec §7 E0, sampler §4.2 unstratified): for each bootstrap, the probing items are
 * permuted with a generator seeded from (seed, bootstrap); the first {@code n} train every supervised method and all
 * the rest are its test set. The unsupervised baseline runs once on every item. No hardness measure is involved.
 *
 * <pre>{@code
 * DriverResult run = AllToAll.builder(Datasets.arc(store))
 *         .addModel(ModelArms.of(methods)).setRunDirectory(Path.of("runs/arc-all-to-all")).build().run();
 * Table table = AllToAll.table(run, GridBootstrap.withDefaults());
 * }</pre>
 */
public final class AllToAll {

    /** The driver's name in manifests. */
    public static final String NAME = "all_to_all";

    private final Dataset data;
    private final Builder settings;

    private AllToAll(Builder builder) {
        builder.checkCommon();
        this.data = builder.data;
        this.settings = builder;
        if (settings.trainSize() >= data.size()) {
            throw new IllegalArgumentException("cannot train on " + settings.trainSize() + " of " + data.size()
                    + " items and test on the rest");
        }
    }

    /** A builder for a dataset's probing set. */
    public static Builder builder(Dataset data) {
        return new Builder(Objects.requireNonNull(data, "data"));
    }

    /** The training sample of a bootstrap: the first n items of the bootstrap's permutation. */
    public List<Item> trainSample(int bootstrap) {
        return Draws.sample(data.items(), settings.trainSize(), Seeds.random(NAME, settings.seed(), bootstrap));
    }

    /** Every unit this run consists of, in run order. */
    public List<PlannedUnit> plan() {
        List<PlannedUnit> units = new ArrayList<>();
        units.addAll(PlannedUnit.baselines(settings.models(), data.name(), data.items()));
        for (int b = 0; b < settings.bootstraps(); b++) {
            List<Item> train = trainSample(b);
            java.util.Set<String> trainIds = new java.util.HashSet<>(train.stream().map(Item::id).toList());
            List<Item> test = data.items().stream().filter(item -> !trainIds.contains(item.id())).toList();
            for (ModelArms arms : settings.models()) {
                for (MultipleChoiceMethod method : arms.supervised()) {
                    units.add(new PlannedUnit(PlannedUnit.nameOf(arms.model(), method.name(), "all-b" + b),
                            TrainPool.ALL, b, train, test, method, condition(arms, method, TrainPool.ALL, train.size()),
                            Seeds.derive("fit", NAME, settings.seed(), b), Map.of()));
                }
            }
        }
        return units;
    }

    private Condition condition(ModelArms arms, MultipleChoiceMethod method, TrainPool pool, int n) {
        return new Condition(data.name(), arms.model(), method.name(), pool.label(), Condition.NONE, n);
    }

    /** Runs (or resumes) every unit. */
    public DriverResult run() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("train_size", settings.trainSize());
        config.put("bootstraps", settings.bootstraps());
        config.put("seed", settings.seed());
        return settings.execute(NAME, config, Map.of(data, settings.checksums()), plan(), data.hardnessNames(),
                Map.of(data.name(), Map.of()));
    }

    /** Accuracy on the test items of each model and method (the paper's "performance by method" table). */
    public static Table table(DriverResult run, GridBootstrap bootstrap) {
        return DriverTables.table("all-to-all accuracy (test: every item not trained on)",
                List.of("model", "method", "train", "n_train"),
                DriverTables.accuracies(run.records(), r -> List.of(List.of(r.condition().model(),
                        r.condition().method(), r.condition().trainPool(), Integer.toString(r.condition().nTrain()))),
                        bootstrap));
    }

    /** Builds an {@link AllToAll}. */
    public static final class Builder extends DriverBuilder<Builder> {
        private final Dataset data;

        private Builder(Dataset data) {
            this.data = data;
        }

        /** The driver. */
        public AllToAll build() {
            return new AllToAll(this);
        }
    }
}
