package org.easy2hard.experiment.driver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.Item;
import org.easy2hard.experiment.DriverBuilder;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.Seeds;
import org.easy2hard.experiment.StratifiedSampler;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.experiment.TrainTestSplit;
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
 * RQ3 noisy labels (paper-spec §7 E3b, §9 item 10): easy training items get label noise p, hard training items 2p
 * (hard labels are assumed twice as error-prone). Each training item, with probability equal to its noise rate, gets
 * a label drawn uniformly from <em>all</em> its options, which may be the original one, so the expected share of wrong
 * labels is rate × (1 − 1/options). The noise generator is seeded from (seed, pool, rate, bootstrap); the training
 * sample of a pool and bootstrap is the same at every rate, so the curves compare like with like. Test items keep
 * their true labels; results are read on hard test items.
 */
public final class NoisyLabels {

    /** The driver's name in manifests. */
    public static final String NAME = "noisy_labels";
    /** The paper's noise rates for easy data (hard data gets twice these). */
    public static final double[] PAPER_RATES = {0, 0.05, 0.1, 0.2, 0.3};
    /** How much noisier hard labels are than easy ones. */
    public static final double HARD_NOISE_FACTOR = 2.0;

    private final Dataset probing;
    private final Stratifier stratifier;
    private final StratifiedSampler sampler;
    private final Builder settings;

    private NoisyLabels(Builder builder) {
        builder.checkCommon();
        this.probing = builder.probing;
        this.stratifier = Stratifier.fit(builder.measure, probing);
        this.sampler = new StratifiedSampler(probing, stratifier, builder.seed());
        this.settings = builder;
    }

    /** A builder for a probing set and the measure whose levels make the pools (the paper: MMLU, HS vs college). */
    public static Builder builder(Dataset probing, HardnessMeasure measure) {
        return new Builder(Objects.requireNonNull(probing, "probing set"), Objects.requireNonNull(measure, "measure"));
    }

    /** The noise rate of a pool at easy rate p: p for easy, 2p for hard. */
    public static double noiseRate(TrainPool pool, double p) {
        return pool == TrainPool.HARD ? HARD_NOISE_FACTOR * p : p;
    }

    /** The clean training sample and test set of a pool and bootstrap (the same at every noise rate). */
    public TrainTestSplit split(TrainPool pool, int bootstrap) {
        return sampler.draw(pool, settings.trainSize(), bootstrap);
    }

    /** The training items of a pool and bootstrap with the noise of easy rate p applied. */
    public List<Item> noisedTrain(TrainPool pool, double p, int bootstrap) {
        return noise(split(pool, bootstrap).train(), noiseRate(pool, p),
                Seeds.random(NAME, "noise", settings.seed(), stratifier.measure().name(), pool.label(), p, bootstrap));
    }

    /**
     * Each item, with probability {@code rate}, gets a gold option drawn uniformly from all its options.
     *
     * @throws IllegalArgumentException when the rate is outside [0, 1] or an item has no options
     */
    public static List<Item> noise(List<Item> items, double rate, SplittableRandom random) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("noise rate must be in [0, 1], was " + rate);
        }
        List<Item> noised = new ArrayList<>(items.size());
        for (Item item : items) {
            if (!item.isMultipleChoice()) {
                throw new IllegalArgumentException("item " + item.id() + " has no options to draw a noisy label from");
            }
            // Two draws per item whatever the outcome, so an item's noise does not depend on the items before it.
            boolean resample = random.nextDouble() < rate;
            int label = random.nextInt(item.options().size());
            noised.add(resample ? withGold(item, label) : item);
        }
        return List.copyOf(noised);
    }

    private static Item withGold(Item item, int gold) {
        return new Item(item.id(), item.dataset(), item.split(), item.question(), item.options(), gold,
                item.options().get(gold), item.reasoning(), item.decomposition(), item.attributes(), item.hardness());
    }

    /** Every unit this run consists of, in run order. */
    public List<PlannedUnit> plan() {
        List<PlannedUnit> units = new ArrayList<>();
        String measure = stratifier.measure().name();
        units.addAll(PlannedUnit.baselines(settings.models(), probing.name(), probing.items()));
        for (TrainPool pool : List.of(TrainPool.EASY, TrainPool.HARD)) {
            for (int b = 0; b < settings.bootstraps(); b++) {
                TrainTestSplit split = split(pool, b);
                for (double p : settings.rates) {
                    double rate = noiseRate(pool, p);
                    List<Item> train = noisedTrain(pool, p, b);
                    long changed = 0;
                    for (int i = 0; i < train.size(); i++) {
                        changed += train.get(i).goldIndex() != split.train().get(i).goldIndex() ? 1 : 0;
                    }
                    Map<String, Double> facts = Map.of("noise_rate", rate, "labels_changed", (double) changed);
                    for (ModelArms arms : settings.models()) {
                        for (MultipleChoiceMethod method : arms.supervised()) {
                            units.add(new PlannedUnit(PlannedUnit.nameOf(arms.model(), method.name(), measure,
                                    pool.label() + "-p" + rate + "-b" + b), pool, b, train, split.test(), method,
                                    new Condition(probing.name(), arms.model(), noisyName(method, rate),
                                            pool.label(), measure, train.size()),
                                    sampler.fitSeed(pool, b), facts));
                        }
                    }
                }
            }
        }
        return units;
    }

    /** The method name records carry: the method and its noise rate, e.g. {@code learned@noise=0.2}. */
    public static String noisyName(MultipleChoiceMethod method, double rate) {
        return method.name() + "@noise=" + rate;
    }

    /** Runs (or resumes) every unit. */
    public DriverResult run() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("measure", stratifier.measure().name() + " (" + stratifier.cutoffs() + ")");
        config.put("rates", Arrays.stream(settings.rates).boxed().toList());
        config.put("hard_noise_factor", HARD_NOISE_FACTOR);
        config.put("train_size", settings.trainSize());
        config.put("bootstraps", settings.bootstraps());
        config.put("seed", settings.seed());
        return settings.execute(NAME, config, Map.of(probing, settings.checksums()), plan(),
                List.of(stratifier.measure().name()),
                Map.of(probing.name(), Map.of(stratifier.measure().name(), stratifier.cutoffs())));
    }

    /**
     * Accuracy on hard test items against the easy noise rate p, per pool ("Easy", "Hard"; a hard point at p was
     * trained with noise 2p, as the paper plots it), plus the unsupervised baseline as a single point at p = 0.
     */
    public Map<String, List<CurvePoint>> curves(DriverResult run, String model, MultipleChoiceMethod method,
            GridBootstrap bootstrap) {
        Map<String, List<CurvePoint>> curves = new LinkedHashMap<>();
        List<CurvePoint> baseline = DriverTables.baselinePoint(run, model, stratifier, bootstrap);
        if (!baseline.isEmpty()) {
            curves.put("Unsupervised", baseline);
        }
        for (TrainPool pool : List.of(TrainPool.EASY, TrainPool.HARD)) {
            List<CurvePoint> points = new ArrayList<>();
            for (double p : settings.rates) {
                String name = noisyName(method, noiseRate(pool, p));
                List<ItemResult> records = run.records(r -> r.condition().model().equals(model)
                        && r.condition().method().equals(name) && r.condition().trainPool().equals(pool.label())
                        && hardTest(r));
                if (!records.isEmpty()) {
                    points.add(new CurvePoint(p, settings.trainSize(), bootstrap.accuracy(
                            ItemGrid.fromRecords(records))));
                }
            }
            curves.put(Population.display(pool), points);
        }
        return curves;
    }

    private boolean hardTest(ItemResult record) {
        return DriverTables.isHard(record, stratifier);
    }

    /** The curves as a table: model, pool, easy rate p, the pool's own noise rate, accuracy on hard test items. */
    public static Table table(String name, String model, Map<String, List<CurvePoint>> curves) {
        Map<List<String>, AccuracyResult> rows = new LinkedHashMap<>();
        curves.forEach((pool, points) -> points.forEach(point -> rows.put(List.of(model, pool,
                Double.toString(point.x()), pool.equals("Hard") ? Double.toString(HARD_NOISE_FACTOR * point.x())
                        : pool.equals("Easy") ? Double.toString(point.x()) : "-"), point.accuracy())));
        return DriverTables.table(name, List.of("model", "train_on", "p", "noise rate"), rows);
    }

    /** Builds a {@link NoisyLabels}. */
    public static final class Builder extends DriverBuilder<Builder> {
        private final Dataset probing;
        private final HardnessMeasure measure;
        private double[] rates = PAPER_RATES;

        private Builder(Dataset probing, HardnessMeasure measure) {
            this.probing = probing;
            this.measure = measure;
        }

        /** The easy noise rates p (default 0, .05, .1, .2, .3; hard gets 2p, so p must be at most 0.5). */
        public Builder optRates(double... rates) {
            if (rates.length == 0 || Arrays.stream(rates).anyMatch(p -> !(p >= 0 && p <= 0.5))) {
                throw new IllegalArgumentException("noise rates must be in [0, 0.5]: " + Arrays.toString(rates));
            }
            this.rates = rates.clone();
            return this;
        }

        /** The driver. */
        public NoisyLabels build() {
            return new NoisyLabels(this);
        }
    }
}
