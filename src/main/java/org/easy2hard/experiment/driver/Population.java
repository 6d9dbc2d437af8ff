package org.easy2hard.experiment.driver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.experiment.DriverBuilder;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.StratifiedSampler;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.experiment.TrainTestSplit;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.hardness.Level;
import org.easy2hard.hardness.Stratifier;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemResult;
import tech.tablesaw.api.Table;

/**
 * The population table, the paper's main easy-to-hard result (paper-spec §7 E2, sampler §4.1): for every hardness
 * measure of a dataset, every train pool (easy / medium / hard; MMLU has no medium) and bootstrap, one training draw
 * of {@code n} items from the pool shared by every model and method; the test set is every other probing item, read
 * by the level of its test items (all / easy / medium / hard). The unsupervised baseline runs once per model on every
 * item and is read by each measure's levels.
 *
 * <pre>{@code
 * Population population = Population.builder(Datasets.arc(store)).addModel(ModelArms.of(methods))
 *         .setRunDirectory(Path.of("runs/arc-population")).build();
 * Table table = population.table(population.run(), GridBootstrap.withDefaults());
 * }</pre>
 */
public final class Population {

    /** The driver's name in manifests. */
    public static final String NAME = "population";

    private final Dataset probing;
    private final Builder settings;
    private final Map<String, Stratifier> stratifiers = new LinkedHashMap<>();
    private final List<TrainPool> pools;

    private Population(Builder builder) {
        builder.checkCommon();
        this.probing = builder.probing;
        this.settings = builder;
        List<HardnessMeasure> measures = builder.measures != null ? builder.measures
                : HardnessCatalog.paperDefaults(probing.id());
        for (HardnessMeasure measure : measures) {
            stratifiers.put(measure.name(), Stratifier.fit(measure, probing));
        }
        List<TrainPool> wanted = new ArrayList<>(builder.pools);
        if (probing.id() == DatasetId.MMLU) {
            wanted.remove(TrainPool.MEDIUM); // MMLU's levels are high school vs college: there is no medium bin
        }
        if (wanted.contains(TrainPool.NONE) || wanted.contains(TrainPool.ALL) || wanted.isEmpty()) {
            throw new IllegalArgumentException("population train pools are easy, medium and hard; the unsupervised "
                    + "baseline runs for every model that has one");
        }
        this.pools = List.copyOf(wanted);
    }

    /** A builder for a dataset's probing set. */
    public static Builder builder(Dataset probing) {
        return new Builder(Objects.requireNonNull(probing, "probing set"));
    }

    /** The measures' stratifiers (cutoffs resolved on the probing set), by measure name. */
    public Map<String, Stratifier> stratifiers() {
        return Map.copyOf(stratifiers);
    }

    /** The train pools that run (MMLU: without medium). */
    public List<TrainPool> pools() {
        return pools;
    }

    /** Every unit this run consists of, in run order. */
    public List<PlannedUnit> plan() {
        List<PlannedUnit> units = new ArrayList<>();
        units.addAll(PlannedUnit.baselines(settings.models(), probing.name(), probing.items()));
        for (Stratifier stratifier : stratifiers.values()) {
            StratifiedSampler sampler = new StratifiedSampler(probing, stratifier, settings.seed());
            String measure = stratifier.measure().name();
            for (TrainPool pool : pools) {
                for (int b = 0; b < settings.bootstraps(); b++) {
                    TrainTestSplit split = sampler.draw(pool, settings.trainSize(), b);
                    for (ModelArms arms : settings.models()) {
                        for (MultipleChoiceMethod method : arms.supervised()) {
                            units.add(new PlannedUnit(PlannedUnit.nameOf(arms.model(), method.name(), measure,
                                    pool.label() + "-b" + b), pool, b, split.train(), split.test(), method,
                                    new Condition(probing.name(), arms.model(), method.name(), pool.label(), measure,
                                            split.train().size()), sampler.fitSeed(pool, b), Map.of()));
                        }
                    }
                }
            }
        }
        return units;
    }

    private Map<String, org.easy2hard.hardness.Cutoffs> cutoffs() {
        Map<String, org.easy2hard.hardness.Cutoffs> cutoffs = new LinkedHashMap<>();
        stratifiers.forEach((name, stratifier) -> cutoffs.put(name, stratifier.cutoffs()));
        return cutoffs;
    }

    /** Runs (or resumes) every unit. */
    public DriverResult run() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("measures", stratifiers.values().stream().map(s -> s.measure().name() + " (" + s.cutoffs() + ")")
                .toList());
        config.put("pools", pools.stream().map(TrainPool::label).toList());
        config.put("train_size", settings.trainSize());
        config.put("bootstraps", settings.bootstraps());
        config.put("seed", settings.seed());
        return settings.execute(NAME, config, Map.of(probing, settings.checksums()), plan(),
                List.copyOf(stratifiers.keySet()), Map.of(probing.name(), cutoffs()));
    }

    /**
     * The main easy-to-hard table: one row per model, method, measure, train pool and test level (all / easy /
     * medium / hard), with accuracy and its grid-bootstrap interval. Unsupervised rows repeat under every measure,
     * read by that measure's levels.
     */
    public Table table(DriverResult run, GridBootstrap bootstrap) {
        return DriverTables.table("easy-to-hard population table (" + probing.name() + ")",
                List.of("model", "method", "measure", "train_on", "test_on", "n_train"),
                DriverTables.accuracies(run.records(), this::keys, bootstrap));
    }

    private List<List<String>> keys(ItemResult record) {
        Condition c = record.condition();
        List<List<String>> keys = new ArrayList<>();
        for (Stratifier stratifier : stratifiers.values()) {
            String measure = stratifier.measure().name();
            if (!c.hardnessMeasure().equals(measure) && !c.hardnessMeasure().equals(Condition.NONE)) {
                continue;
            }
            List<String> head = List.of(c.model(), c.method(), measure, c.trainPool());
            keys.add(with(head, "all", c.nTrain()));
            levelOf(record, stratifier).ifPresent(level -> keys.add(with(head, level.label(), c.nTrain())));
        }
        return keys;
    }

    private static List<String> with(List<String> head, String testOn, int nTrain) {
        List<String> key = new ArrayList<>(head);
        key.add(testOn);
        key.add(Integer.toString(nTrain));
        return key;
    }

    private static Optional<Level> levelOf(ItemResult record, Stratifier stratifier) {
        return stratifier.cutoffs().levelOf(record.hardness(stratifier.measure().name()));
    }

    /**
     * Accuracy on hard test items (by {@code measure}) of one model's conditions, keyed "Unsupervised", "Easy",
     * "Medium", "Hard": the bars of the paper's easy-to-hard figures. The baseline is the model's unsupervised method.
     *
     * @param method the supervised method's name
     */
    public Map<String, AccuracyResult> hardTestAccuracy(DriverResult run, String model, String method, String measure,
            GridBootstrap bootstrap) {
        Stratifier stratifier = Optional.ofNullable(stratifiers.get(measure)).orElseThrow(() ->
                new IllegalArgumentException("the run has no measure '" + measure + "'; it has "
                        + stratifiers.keySet()));
        Map<String, AccuracyResult> results = new LinkedHashMap<>();
        List<TrainPool> order = new ArrayList<>(List.of(TrainPool.NONE));
        order.addAll(pools);
        for (TrainPool pool : order) {
            List<ItemResult> records = run.records(r -> r.condition().model().equals(model)
                    && r.condition().trainPool().equals(pool.label())
                    && (pool == TrainPool.NONE || r.condition().method().equals(method)
                            && r.condition().hardnessMeasure().equals(measure))
                    && levelOf(r, stratifier).filter(Level.HARD::equals).isPresent());
            if (!records.isEmpty()) {
                results.put(display(pool), bootstrap.accuracy(org.easy2hard.stats.ItemGrid.fromRecords(records)));
            }
        }
        return results;
    }

    /** "Unsupervised", "Easy", "Medium", "Hard", "All". */
    static String display(TrainPool pool) {
        String label = pool == TrainPool.NONE ? "unsupervised" : pool.label();
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    /** Builds a {@link Population}. */
    public static final class Builder extends DriverBuilder<Builder> {
        private final Dataset probing;
        private List<HardnessMeasure> measures;
        private List<TrainPool> pools = List.of(TrainPool.EASY, TrainPool.MEDIUM, TrainPool.HARD);

        private Builder(Dataset probing) {
            this.probing = probing;
        }

        /** The measures (default: the paper's main-table measures of the dataset). */
        public Builder optMeasures(List<HardnessMeasure> measures) {
            this.measures = List.copyOf(measures);
            return this;
        }

        /** The train pools (default easy, medium, hard; medium is dropped for MMLU). */
        public Builder optPools(List<TrainPool> pools) {
            this.pools = List.copyOf(pools);
            return this;
        }

        /** The driver. */
        public Population build() {
            return new Population(this);
        }
    }
}
