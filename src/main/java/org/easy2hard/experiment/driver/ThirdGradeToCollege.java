package org.easy2hard.experiment.driver;

import java.util.ArrayList;
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
import org.easy2hard.data.Item;
import org.easy2hard.experiment.Draws;
import org.easy2hard.experiment.DriverBuilder;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.ModelArms;
import org.easy2hard.experiment.PlannedUnit;
import org.easy2hard.experiment.Seeds;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.hardness.HardnessCatalog;
import org.easy2hard.hardness.Level;
import org.easy2hard.hardness.Stratifier;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemGrid;
import tech.tablesaw.api.Table;

/**
 * Figure 1, "third grade to college" (paper-spec §7 and the stratified {@code split_datasets} of §4.2): train on ARC
 * grade ≤ 3, ARC grade ≥ 8 (all 4,521 ARC items, no hold-out, cutoffs 3 / 8), MMLU high school, MMLU college, or
 * nothing; always test on MMLU college items.
 *
 * <p>Each source draws {@code min(n, |pool|)} items (the paper: n = 10 in-context examples; a probe uses its usual
 * training size). The test set is every MMLU college item except those drawn for training from MMLU for the same
 * {@code train_on} level and bootstrap — also when the training items came from ARC, as in the paper's code: so the
 * "8th Grade" and "College" sources share one test set per bootstrap, and "3rd Grade", "High School" and
 * "Unsupervised" test on every college item.
 */
public final class ThirdGradeToCollege {

    /** The driver's name in manifests and the dataset name its records carry. */
    public static final String NAME = "third_grade_to_college";
    /** The paper's figure title. */
    public static final String TITLE = "Accuracy on College STEM Questions";

    /** Where training items come from, with the paper's bar labels. */
    public enum Source {
        /** No training: the unsupervised baseline. */
        UNSUPERVISED("Unsupervised", null, null),
        /** ARC items of grade 3 (easy with cutoffs 3 / 8). */
        THIRD_GRADE("3rd Grade", DatasetId.ARC, Level.EASY),
        /** ARC items of grade 8 (hard with cutoffs 3 / 8). */
        EIGHTH_GRADE("8th Grade", DatasetId.ARC, Level.HARD),
        /** MMLU high-school items. */
        HIGH_SCHOOL("High School", DatasetId.MMLU, Level.EASY),
        /** MMLU college items. */
        COLLEGE("College", DatasetId.MMLU, Level.HARD);

        private final String label;
        private final DatasetId dataset;
        private final Level level;

        Source(String label, DatasetId dataset, Level level) {
            this.label = label;
            this.dataset = dataset;
            this.level = level;
        }

        /** The bar label, e.g. "3rd Grade". */
        public String label() {
            return label;
        }

        /** The train-pool label records carry: {@code unsupervised} for the baseline, else the bar label. */
        public String conditionLabel() {
            return dataset == null ? TrainPool.NONE.label() : label;
        }

        /** The dataset training items come from; null for the unsupervised source. */
        public DatasetId dataset() {
            return dataset;
        }

        /** The paper's {@code train_on} level; null for the unsupervised source. */
        public Level level() {
            return level;
        }
    }

    private final Dataset arcAll;
    private final Dataset mmlu;
    private final Builder settings;
    private final Stratifier arcGrade;
    private final Stratifier mmluLevel;

    private ThirdGradeToCollege(Builder builder) {
        builder.checkCommon();
        this.arcAll = builder.arcAll;
        this.mmlu = builder.mmlu;
        this.settings = builder;
        if (arcAll.id() != DatasetId.ARC || mmlu.id() != DatasetId.MMLU) {
            throw new IllegalArgumentException("third grade to college needs ARC (all items) and MMLU, got " + arcAll
                    + " and " + mmlu);
        }
        this.arcGrade = Stratifier.withCutoffs(HardnessCatalog.find(DatasetId.ARC, "human_grade"), 3, 8);
        this.mmluLevel = Stratifier.fit(HardnessCatalog.find(DatasetId.MMLU, "human_hardness"), mmlu);
    }

    /** A builder on all 4,521 ARC items ({@code ai2_arc_all}) and MMLU-STEM-5. */
    public static Builder builder(DataStore store) {
        return builder(Datasets.loadAll(DatasetId.ARC, store), Datasets.mmlu(store));
    }

    /** A builder on given ARC and MMLU sets (e.g. subsampled for a quick look). */
    public static Builder builder(Dataset arcAll, Dataset mmlu) {
        return new Builder(Objects.requireNonNull(arcAll, "arc"), Objects.requireNonNull(mmlu, "mmlu"));
    }

    /** The candidates of a source: its pool in its dataset. */
    public List<Item> pool(Source source) {
        if (source == Source.UNSUPERVISED) {
            return List.of();
        }
        return source.dataset() == DatasetId.ARC ? arcGrade.split(arcAll).get(source.level())
                : mmluLevel.split(mmlu).get(source.level());
    }

    /** The training sample of a source and bootstrap: {@code min(n, |pool|)} items of its pool. */
    public List<Item> trainSample(Source source, int bootstrap) {
        List<Item> pool = pool(source);
        int n = Math.min(settings.trainSize(), pool.size());
        return Draws.sample(pool, n, Seeds.random(NAME, settings.seed(), source.dataset(), source.level(), bootstrap));
    }

    /** The MMLU college items (the test population before exclusions). */
    public List<Item> collegeItems() {
        return mmluLevel.split(mmlu).get(Level.HARD);
    }

    /**
     * The test set of a source and bootstrap: the MMLU college items minus the MMLU items drawn for training at the
     * source's {@code train_on} level in that bootstrap (none for the unsupervised source).
     */
    public List<Item> testSet(Source source, int bootstrap) {
        if (source == Source.UNSUPERVISED) {
            return collegeItems();
        }
        Source mmluTwin = source.level() == Level.EASY ? Source.HIGH_SCHOOL : Source.COLLEGE;
        Set<String> excluded = new HashSet<>(trainSample(mmluTwin, bootstrap).stream().map(Item::id).toList());
        return collegeItems().stream().filter(item -> !excluded.contains(item.id())).toList();
    }

    /** Every unit this run consists of, in run order. */
    public List<PlannedUnit> plan() {
        List<PlannedUnit> units = new ArrayList<>();
        units.addAll(PlannedUnit.baselines(settings.models(), NAME, collegeItems()));
        for (Source source : settings.sources) {
            if (source == Source.UNSUPERVISED) {
                continue;
            }
            for (int b = 0; b < settings.bootstraps(); b++) {
                List<Item> train = trainSample(source, b);
                List<Item> test = testSet(source, b);
                for (ModelArms arms : settings.models()) {
                    for (MultipleChoiceMethod method : arms.supervised()) {
                        units.add(new PlannedUnit(PlannedUnit.nameOf(arms.model(), method.name(), source.name(),
                                "b" + b), source.level() == Level.EASY ? TrainPool.EASY : TrainPool.HARD, b, train,
                                test, method, condition(arms, method, source, train.size()),
                                Seeds.derive("fit", NAME, settings.seed(), source, b), Map.of()));
                    }
                }
            }
        }
        return units;
    }

    private static Condition condition(ModelArms arms, MultipleChoiceMethod method, Source source, int n) {
        String measure = source.dataset() == DatasetId.ARC ? "human_grade" : "human_hardness";
        return new Condition(NAME, arms.model(), method.name(), source.label(), measure, n);
    }

    /** Runs (or resumes) every unit. */
    public DriverResult run() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("sources", settings.sources.stream().map(Source::label).toList());
        config.put("arc_cutoffs", arcGrade.cutoffs().toString());
        config.put("train_size", settings.trainSize());
        config.put("bootstraps", settings.bootstraps());
        config.put("seed", settings.seed());
        Map<Dataset, Map<String, String>> data = new LinkedHashMap<>();
        data.put(arcAll, settings.checksums());
        data.put(mmlu, settings.checksums());
        return settings.execute(NAME, config, data, plan(),
                List.of("human_grade", "human_hardness"),
                Map.of(NAME, Map.of("human_hardness", mmluLevel.cutoffs())));
    }

    /**
     * The bars of Figure 1 per model: accuracy on MMLU college items by training source, in the paper's order.
     * The baseline is the model's unsupervised method; the others are its first supervised method.
     */
    public Map<String, Map<String, AccuracyResult>> bars(DriverResult run, GridBootstrap bootstrap) {
        Map<String, Map<String, AccuracyResult>> byModel = new LinkedHashMap<>();
        for (ModelArms arms : settings.models()) {
            String method = arms.supervised().isEmpty() ? "" : arms.supervised().get(0).name();
            Map<String, AccuracyResult> bars = new LinkedHashMap<>();
            for (Source source : Source.values()) {
                var records = run.records(r -> r.condition().model().equals(arms.model())
                        && r.condition().trainPool().equals(source.conditionLabel())
                        && (source == Source.UNSUPERVISED || r.condition().method().equals(method)));
                if (!records.isEmpty()) {
                    bars.put(source.label(), bootstrap.accuracy(ItemGrid.fromRecords(records)));
                }
            }
            byModel.put(arms.model(), bars);
        }
        return byModel;
    }

    /** Accuracy on MMLU college items by model, method and training source. */
    public static Table table(DriverResult run, GridBootstrap bootstrap) {
        return DriverTables.table(TITLE + " (MMLU college test items)",
                List.of("model", "method", "train source", "n_train"),
                DriverTables.accuracies(run.records(), r -> List.of(List.of(r.condition().model(),
                        r.condition().method(), r.condition().trainPool(), Integer.toString(r.condition().nTrain()))),
                        bootstrap));
    }

    /** Builds a {@link ThirdGradeToCollege}. */
    public static final class Builder extends DriverBuilder<Builder> {
        private final Dataset arcAll;
        private final Dataset mmlu;
        private List<Source> sources = List.of(Source.values());

        private Builder(Dataset arcAll, Dataset mmlu) {
            this.arcAll = arcAll;
            this.mmlu = mmlu;
        }

        /** The training sources (default: all five). */
        public Builder optSources(List<Source> sources) {
            this.sources = List.copyOf(sources);
            return this;
        }

        /** The driver. */
        public ThirdGradeToCollege build() {
            return new ThirdGradeToCollege(this);
        }
    }
}
