package org.easy2hard.experiment.driver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Datasets;
import org.easy2hard.data.HoldOut;
import org.easy2hard.data.Item;
import org.easy2hard.experiment.Draws;
import org.easy2hard.experiment.DriverBuilder;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.RunDirectory;
import org.easy2hard.experiment.Seeds;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.ItemResult;

/**
 * Model-based hardness, the paper's "MDL" (paper-spec §3.2): for each model and bootstrap b, the hold-out set is
 * split into dev = max(⌈0.1·n⌉, 100) items and train = the rest with a generator seeded from (seed, b); the method
 * is fitted on nested training subsets (the paper: 5, 20, 80, 340, 900, largest first, each smaller one inside the
 * next) and every probing item's probability of its gold option is recorded. A model's score of an item is
 * 1 − the mean of those probabilities over sizes × bootstraps; the measure is the plain mean of the models' raw
 * scores. Its name, {@code model_based_<method>_avg}, contains "model", so it is binned at the 30th / 70th
 * percentiles like the paper's MDL columns. The dev items are set aside, as in the paper, where nothing uses them
 * (no model selection).
 *
 * <p>Each (model, bootstrap, size) fit is a unit of a {@link RunDirectory}: the computation resumes where it stopped.
 */
public final class ModelBasedHardness {

    /** The driver's name in manifests. */
    public static final String NAME = "model_based_hardness";
    /** The paper's nested training sizes. */
    public static final int[] PAPER_SIZES = {5, 20, 80, 340, 900};
    /** The smallest dev split. */
    public static final int MINIMUM_DEV = 100;

    private final Dataset holdOut;
    private final Dataset probing;
    private final Builder settings;
    private final int[] sizes;

    private ModelBasedHardness(Builder builder) {
        builder.checkCommon();
        this.holdOut = builder.holdOut;
        this.probing = builder.probing;
        this.settings = builder;
        this.sizes = builder.sizes.clone();
        Arrays.sort(sizes);
        Set<String> overlap = new HashSet<>(holdOut.items().stream().map(Item::id).toList());
        overlap.retainAll(probing.items().stream().map(Item::id).toList());
        if (!overlap.isEmpty()) {
            throw new IllegalArgumentException(overlap.size() + " hold-out items are also probing items, e.g. "
                    + overlap.iterator().next());
        }
        int trainItems = holdOut.size() - devSize(holdOut.size());
        if (sizes[sizes.length - 1] > trainItems) {
            throw new IllegalArgumentException("the largest training size " + sizes[sizes.length - 1]
                    + " exceeds the " + trainItems + " training items of the " + holdOut.size() + "-item hold-out");
        }
        for (ModelArms arms : builder.models()) {
            if (arms.supervised().isEmpty()) {
                throw new IllegalArgumentException("model " + arms.model() + " has no supervised method to fit");
            }
        }
    }

    /** A builder on ARC: the paper's 1,000 hold-out items and the 3,521-item probing set. */
    public static Builder arc(DataStore store) {
        return builder(arcHoldOut(store), Datasets.arc(store));
    }

    /** ARC's 1,000 hold-out items (the paper's hardness split), in data order. */
    public static Dataset arcHoldOut(DataStore store) {
        Set<String> ids = Set.copyOf(HoldOut.arcIds());
        return Datasets.loadAll(DatasetId.ARC, store).filter("ai2_arc-mdl-holdout", item -> ids.contains(item.id()));
    }

    /** A builder on a hold-out set (training data of the estimators) and the probing set to score. */
    public static Builder builder(Dataset holdOut, Dataset probing) {
        return new Builder(Objects.requireNonNull(holdOut, "hold-out"), Objects.requireNonNull(probing, "probing"));
    }

    /** The dev split's size for a hold-out of n items: max(⌈0.1·n⌉, 100). */
    public static int devSize(int n) {
        return Math.max((int) Math.ceil(0.1 * n), MINIMUM_DEV);
    }

    /** The dev items of a bootstrap (set aside). */
    public List<Item> dev(int bootstrap) {
        return shuffled(bootstrap).subList(0, devSize(holdOut.size()));
    }

    /** The training items of a bootstrap: the hold-out minus its dev items. */
    public List<Item> train(int bootstrap) {
        List<Item> order = shuffled(bootstrap);
        return order.subList(devSize(holdOut.size()), order.size());
    }

    private List<Item> shuffled(int bootstrap) {
        return Draws.sample(holdOut.items(), holdOut.size(),
                Seeds.random(NAME, "dev-split", settings.seed(), bootstrap));
    }

    /** The nested training subsets of a bootstrap, ascending by size. */
    public List<List<Item>> nestedTrain(int bootstrap) {
        return Draws.nested(train(bootstrap), sizes, Seeds.random(NAME, "nested", settings.seed(), bootstrap));
    }

    /** The measure's name for a method, e.g. {@code model_based_learned_avg}. */
    public static String measureName(String method) {
        return "model_based_" + method + "_avg";
    }

    private String method(ModelArms arms) {
        return arms.supervised().get(0).name();
    }

    /** Every unit this computation consists of, in run order. */
    public List<PlannedUnit> plan() {
        List<PlannedUnit> units = new ArrayList<>();
        for (int b = 0; b < settings.bootstraps(); b++) {
            List<List<Item>> subsets = nestedTrain(b);
            for (int s = 0; s < sizes.length; s++) {
                for (ModelArms arms : settings.models()) {
                    MultipleChoiceMethod method = arms.supervised().get(0);
                    units.add(new PlannedUnit(PlannedUnit.nameOf(arms.model(), method.name(), "n" + sizes[s], "b" + b),
                            TrainPool.ALL, b, subsets.get(s), probing.items(), method,
                            new Condition(probing.name(), arms.model(), method.name(), TrainPool.ALL.label(),
                                    measureName(method.name()), sizes[s]),
                            Seeds.derive("fit", NAME, settings.seed(), sizes[s], b), Map.of()));
                }
            }
        }
        return units;
    }

    /** Fits and scores (or reads back what was already computed) and returns the scores. */
    public ModelBasedScores run() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("sizes", Arrays.stream(sizes).boxed().toList());
        config.put("dev_size", devSize(holdOut.size()));
        config.put("bootstraps", settings.bootstraps());
        config.put("seed", settings.seed());
        Map<Dataset, Map<String, String>> data = new LinkedHashMap<>();
        data.put(holdOut, settings.checksums());
        data.put(probing, settings.checksums());
        DriverResult result = settings.execute(NAME, config, data, plan(), List.of(), Map.of());
        return scores(result);
    }

    /** The scores of a finished run: per model, 1 − mean gold probability; and their mean over models. */
    public ModelBasedScores scores(DriverResult result) {
        Map<String, Map<String, Double>> perModel = new LinkedHashMap<>();
        String measure = measureName(method(settings.models().get(0)));
        for (ModelArms arms : settings.models()) {
            Map<String, double[]> sums = new LinkedHashMap<>();
            for (ItemResult record : result.records(r -> r.condition().model().equals(arms.model()))) {
                if (Double.isNaN(record.goldProbability())) {
                    throw new IllegalStateException(arms.model() + " gave no gold probability for "
                            + record.itemId() + ": model-based hardness needs scored options");
                }
                double[] sum = sums.computeIfAbsent(record.itemId(), id -> new double[2]);
                sum[0] += record.goldProbability();
                sum[1]++;
            }
            Map<String, Double> scores = new LinkedHashMap<>();
            for (Item item : probing) {
                double[] sum = sums.get(item.id());
                scores.put(item.id(), sum == null ? Double.NaN : 1 - sum[0] / sum[1]);
            }
            perModel.put(arms.model(), scores);
        }
        return ModelBasedScores.of(measure, perModel);
    }

    /** Builds a {@link ModelBasedHardness}: the first supervised method of every model is fitted. */
    public static final class Builder extends DriverBuilder<Builder> {
        private final Dataset holdOut;
        private final Dataset probing;
        private int[] sizes = PAPER_SIZES;

        private Builder(Dataset holdOut, Dataset probing) {
            this.holdOut = holdOut;
            this.probing = probing;
        }

        /** The nested training sizes (default the paper's 5, 20, 80, 340, 900). */
        public Builder optSizes(int... sizes) {
            this.sizes = Draws.checkSizes(sizes);
            return this;
        }

        /** Number of bootstraps (default 5, the paper's for the probe). */
        @Override
        public Builder optBootstraps(int bootstraps) {
            return super.optBootstraps(bootstraps);
        }

        /** The computation. */
        public ModelBasedHardness build() {
            return new ModelBasedHardness(this);
        }
    }
}
