package org.easy2hard.experiment.driver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
import org.easy2hard.hardness.Cutoffs;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.hardness.Level;
import org.easy2hard.hardness.Stratifier;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemGrid;
import org.easy2hard.stats.ItemResult;
import org.easy2hard.stats.SgrResult;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Across domains (issue 18, the review's "does it hold across domains and benchmarks?"), the paper's Figure 1
 * generalised: for every pair (A, B) of multiple-choice datasets, train on A's easy (or hard) pool and test on B's
 * hard items. Each dataset comes with the measure whose cutoffs make its pools (ARC grade, MMLU high school vs college,
 * StrategyQA steps, a user dataset's column).
 *
 * <p>Per target B and bootstrap, n of B's hard items are drawn as B's hard reference H (the diagonal cell when
 * training on hard) and the rest of B's hard items are the test set of every cell of column B in that bootstrap, so
 * that a cell's E, the column's H and B's unsupervised baseline U share their items and each cell has an
 * SGR = (E − U) / (H − U). A source's training draw of a bootstrap is the same for every target; a hard draw is the
 * hard reference's draw, so (A, A) trained on hard is H itself.
 *
 * <p>Cells that cannot run are reported, not dropped: a source whose pool holds fewer than n items, a target whose
 * hard items number fewer than n + 50, and (with {@link Builder#optSameOptionFormat}) a pair whose option formats
 * differ. By default such pairs run: the linear probe scores each option on its own and takes a softmax over the
 * item's options, so a probe fitted on 4-option items answers yes/no items; the unsupervised baseline of column B
 * never sees A. The table names both formats, because chance differs (25% vs 50%) and accuracy alone would mislead;
 * the SGR, measured against B's own U and H, compares like with like.
 */
public final class CrossDomain {

    /** The driver's name in manifests. */
    public static final String NAME = "cross_domain";

    /**
     * A dataset with the measure that makes its easy and hard pools.
     *
     * @param data    the probing items
     * @param measure the measure (cutoffs resolved on {@code data})
     */
    public record Domain(Dataset data, HardnessMeasure measure) {
        /** Checks the parts. */
        public Domain {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(measure, "measure");
        }
    }

    /**
     * One cell of the matrix.
     *
     * @param source  the dataset trained on
     * @param target  the dataset tested on (its hard items)
     * @param formats the option formats of both, e.g. {@code "4 options -> yes/no"}
     * @param skipped why it does not run, or empty
     */
    public record Cell(String source, String target, String formats, Optional<String> skipped) {
        /** Whether it runs. */
        public boolean runs() {
            return skipped.isEmpty();
        }
    }

    private final List<Domain> domains;
    private final Map<String, Stratifier> stratifiers = new LinkedHashMap<>();
    private final Builder settings;
    private final TrainPool trainOn;

    private CrossDomain(Builder builder) {
        builder.checkCommon();
        this.settings = builder;
        this.trainOn = builder.trainOn;
        this.domains = List.copyOf(builder.domains);
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("add at least one dataset");
        }
        Set<String> names = new HashSet<>();
        for (Domain domain : domains) {
            if (!names.add(domain.data().name())) {
                throw new IllegalArgumentException("two datasets are named " + domain.data().name());
            }
            domain.data().items().stream().filter(item -> !item.isMultipleChoice()).findFirst().ifPresent(item -> {
                throw new IllegalArgumentException(domain.data().name() + " item " + item.id() + " has no options: "
                        + "the cross-domain matrix is over multiple-choice datasets (GSM8k is generative)");
            });
            stratifiers.put(domain.data().name(), Stratifier.fit(domain.measure(), domain.data()));
        }
    }

    /** A builder; add datasets with {@link Builder#addDomain}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The datasets, in matrix order. */
    public List<Domain> domains() {
        return domains;
    }

    /** The pool every source trains on (easy or hard). */
    public TrainPool trainOn() {
        return trainOn;
    }

    /** A dataset's pool (easy or hard) under its measure. */
    public List<Item> pool(Domain domain, TrainPool pool) {
        Level level = pool.level().orElseThrow();
        return stratifiers.get(domain.data().name()).split(domain.data()).get(level);
    }

    /** The training draw of a source in a bootstrap: n items of its pool (for hard: its hard reference draw). */
    public List<Item> sourceSample(Domain source, TrainPool pool, int bootstrap) {
        return Draws.sample(pool(source, pool), settings.trainSize(), Seeds.random(NAME, settings.seed(),
                source.data().name(), source.measure().name(), pool.label(), bootstrap));
    }

    /** The test set of a target in a bootstrap: its hard items minus its hard reference's draw. */
    public List<Item> testSet(Domain target, int bootstrap) {
        Set<String> drawn = new HashSet<>(sourceSample(target, TrainPool.HARD, bootstrap).stream().map(Item::id)
                .toList());
        return pool(target, TrainPool.HARD).stream().filter(item -> !drawn.contains(item.id())).toList();
    }

    /** Why a target's column cannot run (too few hard items), or empty. */
    public Optional<String> targetProblem(Domain target) {
        int hard = pool(target, TrainPool.HARD).size();
        int needed = settings.trainSize() + StratifiedSampler.MINIMUM_SPARE_ITEMS;
        return hard >= needed ? Optional.empty() : Optional.of("target " + target.data().name() + " has " + hard
                + " hard items; its hard reference trains on " + settings.trainSize() + " and tests on the rest, "
                + "which needs at least " + needed);
    }

    /** Why a source's row cannot run (its pool is smaller than n), or empty. */
    public Optional<String> sourceProblem(Domain source) {
        int size = pool(source, trainOn).size();
        return size >= settings.trainSize() ? Optional.empty() : Optional.of("source " + source.data().name() + " has "
                + size + " " + trainOn.label() + " items by " + source.measure().name() + "; training needs "
                + settings.trainSize());
    }

    /** Every cell, sources as rows and targets as columns, in dataset order. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Domain source : domains) {
            for (Domain target : domains) {
                String from = format(source.data());
                String to = format(target.data());
                Optional<String> skipped = sourceProblem(source).or(() -> targetProblem(target));
                if (skipped.isEmpty() && settings.sameOptionFormat && !from.equals(to)) {
                    skipped = Optional.of("option formats differ (" + from + " -> " + to + ") and the run was asked "
                            + "to keep to pairs of one format");
                }
                cells.add(new Cell(source.data().name(), target.data().name(), from + " -> " + to, skipped));
            }
        }
        return cells;
    }

    /**
     * A dataset's option format: {@code yes/no} when every item's options are yes and no, else the option counts,
     * e.g. {@code 4 options} or {@code 3-5 options}.
     */
    public static String format(Dataset data) {
        boolean yesNo = !data.items().isEmpty() && data.items().stream().allMatch(item -> item.options().size() == 2
                && item.options().get(0).trim().toLowerCase(Locale.ROOT).equals("yes")
                && item.options().get(1).trim().toLowerCase(Locale.ROOT).equals("no"));
        if (yesNo) {
            return "yes/no";
        }
        TreeSet<Integer> counts = new TreeSet<>();
        data.items().forEach(item -> counts.add(item.options().size()));
        if (counts.isEmpty()) {
            return "no items";
        }
        return (counts.size() == 1 ? counts.first().toString() : counts.first() + "-" + counts.last()) + " options";
    }

    /** The train-pool label records of a source carry, e.g. {@code ai2_arc:easy}. */
    public static String label(String source, TrainPool pool) {
        return source + ":" + pool.label();
    }

    private Domain domain(String name) {
        return domains.stream().filter(d -> d.data().name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Every unit, in run order: per target, the baselines on its hard items; then per bootstrap its hard reference
     * and the cells of its column (the diagonal trained on hard is the reference itself).
     */
    public List<PlannedUnit> plan() {
        List<PlannedUnit> units = new ArrayList<>();
        List<Cell> cells = cells();
        for (Domain target : domains) {
            if (targetProblem(target).isPresent()) {
                continue;
            }
            String targetName = target.data().name();
            List<Item> hardItems = pool(target, TrainPool.HARD);
            for (ModelArms arms : settings.models()) {
                // Named by target too: PlannedUnit.baselines would give every column's baseline one name.
                arms.baseline().ifPresent(method -> units.add(new PlannedUnit(PlannedUnit.nameOf(arms.model(),
                        method.name(), targetName, "unsupervised"), TrainPool.NONE, 0, List.of(), hardItems, method,
                        new Condition(targetName, arms.model(), method.name(), TrainPool.NONE.label(),
                                Condition.NONE, 0), 0, Map.of())));
            }
            for (int b = 0; b < settings.bootstraps(); b++) {
                List<Item> test = testSet(target, b);
                addUnits(units, target, target, TrainPool.HARD, b, test);
                for (Cell cell : cells) {
                    boolean reference = cell.source().equals(targetName) && trainOn == TrainPool.HARD;
                    if (cell.target().equals(targetName) && cell.runs() && !reference) {
                        addUnits(units, domain(cell.source()), target, trainOn, b, test);
                    }
                }
            }
        }
        return units;
    }

    private void addUnits(List<PlannedUnit> units, Domain source, Domain target, TrainPool pool, int b,
            List<Item> test) {
        String from = source.data().name();
        List<Item> train = sourceSample(source, pool, b);
        for (ModelArms arms : settings.models()) {
            for (MultipleChoiceMethod method : arms.supervised()) {
                units.add(new PlannedUnit(PlannedUnit.nameOf(arms.model(), method.name(), from, pool.label(), "to",
                        target.data().name(), "b" + b), pool, b, train, test, method, new Condition(
                                target.data().name(), arms.model(), method.name(), label(from, pool),
                                source.measure().name(), train.size()),
                        Seeds.derive("fit", NAME, settings.seed(), from, pool.label(), b), Map.of()));
            }
        }
    }

    /** Runs (or resumes) every unit. */
    public DriverResult run() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("datasets", domains.stream().map(d -> d.data().name() + " by " + d.measure().name() + " ("
                + stratifiers.get(d.data().name()).cutoffs() + ")").toList());
        config.put("train_on", trainOn.label());
        config.put("same_option_format", settings.sameOptionFormat);
        config.put("train_size", settings.trainSize());
        config.put("bootstraps", settings.bootstraps());
        config.put("seed", settings.seed());
        Map<Dataset, Map<String, String>> data = new LinkedHashMap<>();
        Map<String, Map<String, Cutoffs>> cutoffs = new LinkedHashMap<>();
        Set<String> measures = new java.util.LinkedHashSet<>();
        for (Domain domain : domains) {
            data.put(domain.data(), settings.datasetChecksums.getOrDefault(domain.data().name(), Map.of()));
            cutoffs.put(domain.data().name(), Map.of(domain.measure().name(),
                    stratifiers.get(domain.data().name()).cutoffs()));
            measures.add(domain.measure().name());
        }
        return settings.execute(NAME, config, data, plan(), List.copyOf(measures), cutoffs);
    }

    /**
     * What one cell gave one model and method on the target's hard test items.
     *
     * @param cell     the cell
     * @param accuracy accuracy on the target's hard test items; empty when the cell did not run
     * @param sgr      (E − U) / (H − U) with the target's U and H; empty when the cell did not run or has no baseline
     * @param note     why accuracy or SGR is missing or undefined, or empty
     */
    public record CellResult(String model, String method, Cell cell, Optional<AccuracyResult> accuracy,
            Optional<SgrResult> sgr, String note) {

        /** The SGR as the heat map and table show it: a number with its interval or "undefined: why". */
        public String display() {
            if (sgr.isPresent() && sgr.get().isDefined()) {
                return sgr.get().format();
            }
            return "undefined: " + note;
        }
    }

    /** Every cell's accuracy and SGR for one model and supervised method. */
    public List<CellResult> results(DriverResult run, String model, String method, GridBootstrap bootstrap) {
        List<CellResult> results = new ArrayList<>();
        for (Cell cell : cells()) {
            if (!cell.runs()) {
                results.add(new CellResult(model, method, cell, Optional.empty(), Optional.empty(),
                        cell.skipped().get()));
                continue;
            }
            List<ItemResult> easy = supervised(run, model, method, cell.target(), label(cell.source(), trainOn));
            List<ItemResult> hard = supervised(run, model, method, cell.target(),
                    label(cell.target(), TrainPool.HARD));
            List<ItemResult> unsupervised = run.records(r -> r.condition().model().equals(model)
                    && r.condition().dataset().equals(cell.target())
                    && r.condition().trainPool().equals(TrainPool.NONE.label()));
            if (easy.isEmpty()) {
                results.add(new CellResult(model, method, cell, Optional.empty(), Optional.empty(),
                        "no records (the run has not reached this cell)"));
                continue;
            }
            AccuracyResult accuracy = bootstrap.accuracy(ItemGrid.fromRecords(easy));
            if (unsupervised.isEmpty() || hard.isEmpty()) {
                results.add(new CellResult(model, method, cell, Optional.of(accuracy), Optional.empty(),
                        unsupervised.isEmpty() ? "the model has no unsupervised baseline"
                                : "the target's hard reference has no records yet"));
                continue;
            }
            SgrResult sgr = bootstrap.supervisionGapRecovered(ItemGrid.fromRecords(unsupervised),
                    ItemGrid.fromRecords(easy), ItemGrid.fromRecords(hard));
            results.add(new CellResult(model, method, cell, Optional.of(accuracy), Optional.of(sgr),
                    sgr.isDefined() ? "" : shortReason(sgr)));
        }
        return results;
    }

    private static List<ItemResult> supervised(DriverResult run, String model, String method, String target,
            String trainOn) {
        return run.records(r -> r.condition().model().equals(model) && r.condition().method().equals(method)
                && r.condition().dataset().equals(target) && r.condition().trainPool().equals(trainOn));
    }

    /** A short reason for an undefined SGR, for cells of a heat map (the table carries the full one). */
    public static String shortReason(SgrResult sgr) {
        return switch (sgr.status()) {
            case DEFINED -> "";
            case GAP_NOT_POSITIVE -> "H - U <= 0: hard training does not beat none";
            case GAP_BELOW_MINIMUM -> "H - U below the minimum gap";
            case GAP_INTERVAL_REACHES_ZERO -> "H - U interval reaches 0";
        };
    }

    /**
     * The matrix as a table, one row per cell: source, target, option formats, accuracy on the target's hard test
     * items (%) with its 95% interval, SGR with its interval (NaN when undefined), and the SGR as displayed, or
     * "undefined: why".
     */
    public static Table table(String name, List<CellResult> results) {
        StringColumn model = StringColumn.create("model");
        StringColumn method = StringColumn.create("method");
        StringColumn source = StringColumn.create("train on");
        StringColumn target = StringColumn.create("test on (hard)");
        StringColumn formats = StringColumn.create("option formats");
        EstimateColumns estimates = new EstimateColumns();
        StringColumn display = StringColumn.create("SGR (or why undefined)");
        for (CellResult result : results) {
            model.append(result.model());
            method.append(result.method());
            source.append(result.cell().source());
            target.append(result.cell().target());
            formats.append(result.cell().formats());
            estimates.append(result.accuracy(), result.sgr());
            display.append(result.display());
        }
        return Table.create(name, model, method, source, target, formats).addColumns(estimates.columns()
                .toArray(Column<?>[]::new)).addColumns(display);
    }

    /** Builds a {@link CrossDomain}. */
    public static final class Builder extends DriverBuilder<Builder> {
        private final List<Domain> domains = new ArrayList<>();
        private TrainPool trainOn = TrainPool.EASY;
        private boolean sameOptionFormat;
        private Map<String, Map<String, String>> datasetChecksums = Map.of();

        private Builder() {
        }

        /** Adds a dataset (a row and a column) with the measure that makes its pools. */
        public Builder addDomain(Dataset data, HardnessMeasure measure) {
            domains.add(new Domain(data, measure));
            return this;
        }

        /** The pool sources train on: easy (default) or hard. */
        public Builder optTrainOn(TrainPool pool) {
            if (pool != TrainPool.EASY && pool != TrainPool.HARD) {
                throw new IllegalArgumentException("cross-domain sources train on easy or hard, not " + pool.label());
            }
            this.trainOn = pool;
            return this;
        }

        /** Whether only pairs of one option format run (default false: every pair runs and the table notes both). */
        public Builder optSameOptionFormat(boolean same) {
            this.sameOptionFormat = same;
            return this;
        }

        /** SHA-256 of each dataset's files, by dataset name, for the manifest. */
        public Builder optDatasetChecksums(Map<String, Map<String, String>> checksums) {
            this.datasetChecksums = Map.copyOf(checksums);
            return this;
        }

        /** The driver. */
        public CrossDomain build() {
            return new CrossDomain(this);
        }
    }
}
