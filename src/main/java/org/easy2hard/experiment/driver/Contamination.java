package org.easy2hard.experiment.driver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.easy2hard.data.Dataset;
import org.easy2hard.experiment.DriverBuilder;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.hardness.Level;
import org.easy2hard.hardness.Stratifier;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemGrid;
import org.easy2hard.stats.ItemResult;
import org.easy2hard.stats.SgrResult;
import org.easy2hard.stats.StatsTables;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Contamination as a hardness measure (issue 18, the review's "how much of it is memorisation?"): the paper's
 * easy-to-hard comparison by a training measure (ARC's grade, by default the dataset's main one), read separately on
 * the hard test items a causal LM finds familiar and on those it finds surprising ({@link MemorisationScores}). If
 * easy supervision "works" only through memorised items, the SGR on high-memorisation-score items is high and the
 * SGR on low-score items is not.
 *
 * <p>The units are the {@link Population} plan with the training measure alone and the easy and hard pools (plus
 * each model's unsupervised baseline); a test item's memorisation level is the bin of the chosen surprise measure
 * (Min-K% by default) at the 30th / 70th percentiles of the probing set: "high score" = its easy bin (the most
 * familiar 30%), "low score" = its hard bin. Every record keeps its item's values of both measures; the result
 * sheet ({@code easy2hard sheet export} of the run directory) is the population sheet of the training measure.
 *
 * <pre>{@code
 * MemorisationScores scores = Memorisation.score(arc, llama, "tiny", Memorisation.Options.defaults(), progress);
 * Contamination driver = Contamination.builder(arc, HardnessCatalog.find(DatasetId.ARC, "human_grade"), scores)
 *         .addModel(ModelArms.of(methods)).setRunDirectory(Path.of("runs/contamination-arc")).build();
 * Table table = driver.table(driver.run(), GridBootstrap.withDefaults());
 * }</pre>
 */
public final class Contamination {

    /** The driver's name in manifests. */
    public static final String NAME = "contamination";
    /** The memorisation rows of {@link #table}, in order. */
    public static final List<String> ROWS = List.of("all hard items", "high score (familiar 30%)", "middle 40%",
            "low score (surprising 30%)");

    private final Dataset probing;
    private final Builder settings;
    private final Population population;
    private final Stratifier train;
    private final Stratifier memorisation;

    private Contamination(Builder builder) {
        builder.checkCommon();
        this.settings = builder;
        this.probing = builder.scores.apply(builder.probing);
        long scored = probing.items().stream().filter(item -> builder.scores.minK().containsKey(item.id())).count();
        if (scored < probing.size()) {
            throw new IllegalArgumentException((probing.size() - scored) + " of the " + probing.size() + " items of "
                    + probing.name() + " have no memorisation score: score the same probing set");
        }
        HardnessMeasure split = builder.splitByAnswer ? builder.scores.answerMeasure()
                : builder.scores.minKMeasure();
        this.memorisation = Stratifier.fit(split, probing);
        Population.Builder inner = Population.builder(probing).optMeasures(List.of(builder.measure))
                .optPools(List.of(TrainPool.EASY, TrainPool.HARD)).optTraining(builder.trainSize(), builder.bootstraps())
                .optSeed(builder.seed()).setRunDirectory(builder.runDirectory()).optDataChecksums(builder.checksums())
                .optProgress(builder.progress()).optRunListener(builder.listener());
        builder.models().forEach(inner::addModel);
        this.population = inner.build();
        this.train = population.stratifiers().get(builder.measure.name());
        for (ModelArms arms : builder.models()) {
            if (arms.baseline().isEmpty() || arms.supervised().isEmpty()) {
                throw new IllegalArgumentException("model " + arms.model() + " needs an unsupervised and a supervised "
                        + "method: the SGR compares them");
            }
        }
    }

    /**
     * A builder.
     *
     * @param probing the probing set the scores cover
     * @param measure the measure whose easy and hard pools are trained on (e.g. ARC's {@code human_grade})
     * @param scores  the memorisation scores of every probing item
     */
    public static Builder builder(Dataset probing, HardnessMeasure measure, MemorisationScores scores) {
        return new Builder(Objects.requireNonNull(probing, "probing set"), Objects.requireNonNull(measure, "measure"),
                Objects.requireNonNull(scores, "scores"));
    }

    /** The probing set with the surprise values attached. */
    public Dataset probing() {
        return probing;
    }

    /** The memorisation measure's stratifier (cutoffs on the probing set). */
    public Stratifier memorisation() {
        return memorisation;
    }

    /** Every unit: the population plan with the training measure, easy and hard pools. */
    public List<PlannedUnit> plan() {
        return population.plan();
    }

    /** Runs (or resumes) every unit. */
    public DriverResult run() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("measure", train.measure().name() + " (" + train.cutoffs() + ")");
        config.put("memorisation_model", settings.scores.model());
        config.put("memorisation_measure", memorisation.measure().name() + " (" + memorisation.cutoffs() + ")");
        config.put("k_percent", settings.scores.options().kPercent());
        config.put("keep", settings.scores.options().keep());
        config.put("train_size", settings.trainSize());
        config.put("bootstraps", settings.bootstraps());
        config.put("seed", settings.seed());
        // Records keep both values (the table splits by the second); the sheet block names the training measure
        // only, so that the result sheet is the population sheet of the measure the units were drawn by.
        return settings.execute(NAME, config, Map.of(probing, settings.checksums()), plan(),
                List.of(train.measure().name(), memorisation.measure().name()),
                Map.of(probing.name(), Map.of(train.measure().name(), train.cutoffs())));
    }

    /**
     * Per model: the SGR (unsupervised, easy- and hard-trained by the training measure) on the hard test items, all
     * of them and then by memorisation level, keyed by {@link #ROWS}; levels without hard test items are left out.
     */
    public Map<String, Map<String, SgrResult>> sgr(DriverResult run, GridBootstrap bootstrap) {
        Map<String, Map<String, SgrResult>> byModel = new LinkedHashMap<>();
        for (ModelArms arms : settings.models()) {
            String method = arms.supervised().get(0).name();
            Map<String, SgrResult> rows = new LinkedHashMap<>();
            List<Optional<Level>> levels = new ArrayList<>();
            levels.add(Optional.empty());
            List.of(Level.EASY, Level.MEDIUM, Level.HARD).forEach(level -> levels.add(Optional.of(level)));
            for (int i = 0; i < levels.size(); i++) {
                Optional<Level> level = levels.get(i);
                ItemGrid u = grid(run, arms.model(), TrainPool.NONE, method, level);
                ItemGrid e = grid(run, arms.model(), TrainPool.EASY, method, level);
                ItemGrid h = grid(run, arms.model(), TrainPool.HARD, method, level);
                if (u != null && e != null && h != null) {
                    rows.put(ROWS.get(i), bootstrap.supervisionGapRecovered(u, e, h));
                }
            }
            byModel.put(arms.model(), rows);
        }
        return byModel;
    }

    /**
     * One model's accuracy on the hard test items, all of them and by memorisation level (keyed by {@link #ROWS}),
     * of "Unsupervised", "Easy" and "Hard" (trained by the training measure): the bars of the contamination figure.
     */
    public Map<String, Map<String, AccuracyResult>> hardTestAccuracy(DriverResult run, String model,
            GridBootstrap bootstrap) {
        ModelArms arms = settings.models().stream().filter(a -> a.model().equals(model)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("the run has no model '" + model + "'"));
        String method = arms.supervised().get(0).name();
        Map<String, Map<String, AccuracyResult>> groups = new LinkedHashMap<>();
        for (int i = 0; i < ROWS.size(); i++) {
            Optional<Level> level = i == 0 ? Optional.empty() : Optional.of(List.of(Level.EASY, Level.MEDIUM,
                    Level.HARD).get(i - 1));
            Map<String, AccuracyResult> bars = new LinkedHashMap<>();
            for (TrainPool pool : List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD)) {
                ItemGrid grid = grid(run, model, pool, method, level);
                if (grid != null) {
                    bars.put(Population.display(pool), bootstrap.accuracy(grid));
                }
            }
            if (!bars.isEmpty()) {
                groups.put(ROWS.get(i), bars);
            }
        }
        return groups;
    }

    private ItemGrid grid(DriverResult run, String model, TrainPool pool, String method, Optional<Level> level) {
        String measure = train.measure().name();
        List<ItemResult> records = run.records(r -> r.condition().model().equals(model)
                && r.condition().trainPool().equals(pool.label())
                && (pool == TrainPool.NONE || r.condition().method().equals(method)
                        && r.condition().hardnessMeasure().equals(measure))
                && train.cutoffs().levelOf(r.hardness(measure)).filter(Level.HARD::equals).isPresent()
                && (level.isEmpty() || memorisation.cutoffs().levelOf(r.hardness(memorisation.measure().name()))
                        .equals(level)));
        return records.isEmpty() ? null : ItemGrid.fromRecords(records);
    }

    /**
     * The dedicated table: one row per model and memorisation level, with the SGR on hard test items (by the training
     * measure) and its grid-bootstrap interval, or "undefined" and why, and the three accuracies it is built from.
     */
    public Table table(DriverResult run, GridBootstrap bootstrap) {
        Map<String, SgrResult> flat = new LinkedHashMap<>();
        StringColumn model = StringColumn.create("model");
        StringColumn level = StringColumn.create("memorisation");
        sgr(run, bootstrap).forEach((name, rows) -> rows.forEach((row, result) -> {
            flat.put(name + " / " + row, result);
            model.append(name);
            level.append(row);
        }));
        Table table = StatsTables.supervisionGapRecovered("SGR on hard test items (" + train.measure().name()
                + ") by memorisation score (" + memorisation.measure().name() + ", " + settings.scores.model() + ", "
                + probing.name() + ")", flat);
        table.insertColumn(0, level);
        table.insertColumn(0, model);
        return table;
    }

    /** Builds a {@link Contamination}: each model's unsupervised method and first supervised method are compared. */
    public static final class Builder extends DriverBuilder<Builder> {
        private final Dataset probing;
        private final HardnessMeasure measure;
        private final MemorisationScores scores;
        private boolean splitByAnswer;

        private Builder(Dataset probing, HardnessMeasure measure, MemorisationScores scores) {
            this.probing = probing;
            this.measure = measure;
            this.scores = scores;
        }

        /** Splits the hard test items by the answer surprise instead of the Min-K% surprise (default false). */
        public Builder optSplitByAnswer(boolean byAnswer) {
            this.splitByAnswer = byAnswer;
            return this;
        }

        /** The driver. */
        public Contamination build() {
            return new Contamination(this);
        }
    }
}
