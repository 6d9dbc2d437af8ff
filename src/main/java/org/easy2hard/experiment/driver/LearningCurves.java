package org.easy2hard.experiment.driver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.Item;
import org.easy2hard.experiment.Draws;
import org.easy2hard.experiment.DriverBuilder;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.Seeds;
import org.easy2hard.experiment.StratifiedSampler;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.hardness.Stratifier;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemGrid;
import org.easy2hard.stats.ItemResult;
import tech.tablesaw.api.Table;

/**
 * RQ3 learning curves against labelling cost (paper-spec §7 E3a, nested subsets §4.1 step 5): for each train pool
 * (easy, hard) and bootstrap, the largest training size is drawn from the pool first and each smaller size is drawn
 * from the next larger sample, so the samples are nested; the test set is every probing item outside the largest
 * sample, the same for every size within a bootstrap. Curves are read on hard test items and plotted against cost,
 * with a hard item costing {@link #HARD_COST} times an easy one ("Hard Data 2x Costlier to Label").
 */
public final class LearningCurves {

    /** The driver's name in manifests. */
    public static final String NAME = "learning_curves";
    /** The paper's training sizes. */
    public static final int[] PAPER_SIZES = {10, 20, 40, 80, 160, 320};
    /** Labelling cost of a hard item relative to an easy one, as in the paper's figure. */
    public static final double HARD_COST = 2.0;

    private final Dataset probing;
    private final Stratifier stratifier;
    private final Builder settings;
    private final int[] sizes;

    private LearningCurves(Builder builder) {
        builder.checkCommon();
        this.probing = builder.probing;
        this.stratifier = Stratifier.fit(builder.measure, probing);
        this.settings = builder;
        this.sizes = builder.sizes.clone();
        Arrays.sort(sizes);
        int largest = sizes[sizes.length - 1];
        for (TrainPool pool : builder.pools) {
            int available = stratifier.split(probing).get(pool.level().orElseThrow(() ->
                    new IllegalArgumentException("learning curves train on easy, medium or hard pools"))).size();
            if (available < largest + StratifiedSampler.MINIMUM_SPARE_ITEMS) {
                throw new IllegalArgumentException("the " + pool.label() + " pool of " + probing.name() + " by "
                        + stratifier.measure().name() + " has " + available + " items; a curve up to " + largest
                        + " needs at least " + (largest + StratifiedSampler.MINIMUM_SPARE_ITEMS));
            }
        }
    }

    /** A builder for a probing set and the measure whose levels make the pools. */
    public static Builder builder(Dataset probing, HardnessMeasure measure) {
        return new Builder(Objects.requireNonNull(probing, "probing set"), Objects.requireNonNull(measure, "measure"));
    }

    /** The training sizes, ascending. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** The stratifier (cutoffs resolved on the probing set). */
    public Stratifier stratifier() {
        return stratifier;
    }

    /** The nested training samples of a pool and bootstrap, one per size in ascending order. */
    public List<List<Item>> nestedSamples(TrainPool pool, int bootstrap) {
        List<Item> candidates = stratifier.split(probing).get(pool.level().orElseThrow());
        return Draws.nested(candidates, sizes, Seeds.random(NAME, settings.seed(), stratifier.measure().name(),
                pool.label(), bootstrap));
    }

    /** The test set of a pool and bootstrap: every probing item outside its largest training sample. */
    public List<Item> testSet(TrainPool pool, int bootstrap) {
        List<List<Item>> samples = nestedSamples(pool, bootstrap);
        return outside(samples.get(samples.size() - 1));
    }

    private List<Item> outside(List<Item> sample) {
        Set<String> ids = new HashSet<>(sample.stream().map(Item::id).toList());
        return probing.items().stream().filter(item -> !ids.contains(item.id())).toList();
    }

    /** The labelling cost of n items of a pool: n for easy (and medium), {@link #HARD_COST} × n for hard. */
    public static double cost(TrainPool pool, int n) {
        return pool == TrainPool.HARD ? HARD_COST * n : n;
    }

    /** Every unit this run consists of, in run order. */
    public List<PlannedUnit> plan() {
        List<PlannedUnit> units = new ArrayList<>();
        String measure = stratifier.measure().name();
        units.addAll(PlannedUnit.baselines(settings.models(), probing.name(), probing.items()));
        for (TrainPool pool : settings.pools) {
            for (int b = 0; b < settings.bootstraps(); b++) {
                List<List<Item>> samples = nestedSamples(pool, b);
                List<Item> test = outside(samples.get(samples.size() - 1));
                for (int s = 0; s < sizes.length; s++) {
                    for (ModelArms arms : settings.models()) {
                        for (MultipleChoiceMethod method : arms.supervised()) {
                            units.add(new PlannedUnit(PlannedUnit.nameOf(arms.model(), method.name(), measure,
                                    pool.label() + "-n" + sizes[s] + "-b" + b), pool, b, samples.get(s), test, method,
                                    new Condition(probing.name(), arms.model(), method.name(), pool.label(), measure,
                                            sizes[s]),
                                    Seeds.derive("fit", NAME, settings.seed(), measure, pool.label(), sizes[s], b),
                                    Map.of()));
                        }
                    }
                }
            }
        }
        return units;
    }

    /** Runs (or resumes) every unit. */
    public DriverResult run() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("measure", stratifier.measure().name() + " (" + stratifier.cutoffs() + ")");
        config.put("pools", settings.pools.stream().map(TrainPool::label).toList());
        config.put("sizes", Arrays.stream(sizes).boxed().toList());
        config.put("bootstraps", settings.bootstraps());
        config.put("seed", settings.seed());
        return settings.execute(NAME, config, Map.of(probing, settings.checksums()), plan(),
                List.of(stratifier.measure().name()),
                Map.of(probing.name(), Map.of(stratifier.measure().name(), stratifier.cutoffs())));
    }

    private boolean hardTest(ItemResult record) {
        return DriverTables.isHard(record, stratifier);
    }

    /**
     * The curves on hard test items of one model and method: per pool ("Easy", "Hard"), one point per size at its
     * labelling cost. The unsupervised baseline, when the model has one, is a single point at cost 0.
     */
    public Map<String, List<CurvePoint>> curves(DriverResult run, String model, String method,
            GridBootstrap bootstrap) {
        Map<String, List<CurvePoint>> curves = new LinkedHashMap<>();
        List<CurvePoint> baseline = DriverTables.baselinePoint(run, model, stratifier, bootstrap);
        if (!baseline.isEmpty()) {
            curves.put("Unsupervised", baseline);
        }
        for (TrainPool pool : settings.pools) {
            List<CurvePoint> points = new ArrayList<>();
            for (int n : sizes) {
                List<ItemResult> records = run.records(r -> r.condition().model().equals(model)
                        && r.condition().method().equals(method) && r.condition().trainPool().equals(pool.label())
                        && r.condition().nTrain() == n && hardTest(r));
                if (!records.isEmpty()) {
                    points.add(new CurvePoint(cost(pool, n), n, bootstrap.accuracy(ItemGrid.fromRecords(records))));
                }
            }
            curves.put(Population.display(pool), points);
        }
        return curves;
    }

    /**
     * The curves as a table: model, method ("baseline" for the unsupervised point), train pool, n, cost, accuracy on
     * hard test items.
     */
    public static Table table(String name, String model, String method, Map<String, List<CurvePoint>> curves) {
        Map<List<String>, AccuracyResult> rows = new LinkedHashMap<>();
        // The unsupervised point comes from the model's baseline, not from the supervised method.
        curves.forEach((pool, points) -> points.forEach(point -> rows.put(List.of(model,
                point.nTrain() == 0 ? "baseline" : method, pool, Integer.toString(point.nTrain()),
                formatX(point.x())), point.accuracy())));
        return DriverTables.table(name, List.of("model", "method", "train_on", "n_train", "cost"), rows);
    }

    static String formatX(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    /** Builds a {@link LearningCurves}. */
    public static final class Builder extends DriverBuilder<Builder> {
        private final Dataset probing;
        private final HardnessMeasure measure;
        private int[] sizes = PAPER_SIZES;
        private List<TrainPool> pools = List.of(TrainPool.EASY, TrainPool.HARD);

        private Builder(Dataset probing, HardnessMeasure measure) {
            this.probing = probing;
            this.measure = measure;
            defaultBootstraps(10); // the paper's learning curves for ARC and MMLU
        }

        /** The training sizes (default the paper's 10, 20, 40, 80, 160, 320). */
        public Builder optSizes(int... sizes) {
            this.sizes = Draws.checkSizes(sizes);
            return this;
        }

        /** The pools (default easy and hard). */
        public Builder optPools(List<TrainPool> pools) {
            this.pools = List.copyOf(pools);
            return this;
        }

        /** Number of bootstraps (default 10, the paper's for ARC and MMLU); the training size is set by the sizes. */
        @Override
        public Builder optBootstraps(int bootstraps) {
            return super.optBootstraps(bootstraps);
        }

        /** The driver. */
        public LearningCurves build() {
            return new LearningCurves(this);
        }
    }
}
