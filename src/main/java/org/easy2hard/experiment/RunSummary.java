package org.easy2hard.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.easy2hard.hardness.Level;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemGrid;
import org.easy2hard.stats.ItemResult;
import org.easy2hard.stats.SgrResult;
import org.easy2hard.stats.StatsTables;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The numbers a run is read for: accuracy on the hard test items for each train pool (Unsupervised / Easy / Hard)
 * with grid-bootstrap intervals, the Supervision Gap Recovered, and accuracy by the test items' level.
 */
public final class RunSummary {

    private final RunResult run;
    private final GridBootstrap bootstrap;
    // The bootstraps behind the hard-test table and the SGR take seconds and are read several times (text summary,
    // figures, notebook renderers): computed once, on first use. Both hold immutable results.
    private Map<String, AccuracyResult> hardTestResults;
    private Optional<SgrResult> sgr;

    /**
     * @param run       a run's results
     * @param bootstrap the bootstrap settings (resamples, seed, confidence level, SGR guard)
     */
    public RunSummary(RunResult run, GridBootstrap bootstrap) {
        this.run = run;
        this.bootstrap = bootstrap;
    }

    /** A summary with the default bootstrap (10,000 resamples, seed 0, 95%). */
    public static RunSummary of(RunResult run) {
        return new RunSummary(run, GridBootstrap.withDefaults());
    }

    /** The level of a record's test item under the run's measure; empty when it has no value. */
    public Optional<Level> levelOf(ItemResult record) {
        return run.cutoffs().levelOf(record.hardness(run.spec().measure()));
    }

    /** The grid (test items × bootstraps) of one pool, restricted to test items of one level (null: all items). */
    public Optional<ItemGrid> grid(TrainPool pool, Level testLevel) {
        Predicate<ItemResult> keep = record -> record.condition().trainPool().equals(pool.label())
                && (testLevel == null || levelOf(record).filter(testLevel::equals).isPresent());
        List<ItemResult> records = run.records().stream().filter(keep).toList();
        return records.isEmpty() ? Optional.empty() : Optional.of(ItemGrid.fromRecords(records));
    }

    /** Accuracy on hard test items per train pool, with intervals: the paper's Unsupervised / Easy / Hard bars. */
    public Table hardTestAccuracy() {
        return StatsTables.accuracies("accuracy on hard test items (" + run.spec().dataset() + ", "
                + run.spec().measure() + ")", hardTestResults());
    }

    private synchronized Map<String, AccuracyResult> hardTestResults() {
        if (hardTestResults == null) {
            Map<String, AccuracyResult> results = new LinkedHashMap<>();
            for (TrainPool pool : run.spec().pools()) {
                grid(pool, Level.HARD).ifPresent(grid -> results.put(displayName(pool), bootstrap.accuracy(grid)));
            }
            hardTestResults = Collections.unmodifiableMap(results);
        }
        return hardTestResults;
    }

    /** The Supervision Gap Recovered on hard test items, when the run has unsupervised, easy and hard pools. */
    public synchronized Optional<SgrResult> supervisionGapRecovered() {
        if (sgr == null) {
            sgr = computeSupervisionGapRecovered();
        }
        return sgr;
    }

    private Optional<SgrResult> computeSupervisionGapRecovered() {
        Optional<ItemGrid> u = grid(TrainPool.NONE, Level.HARD);
        Optional<ItemGrid> e = grid(TrainPool.EASY, Level.HARD);
        Optional<ItemGrid> h = grid(TrainPool.HARD, Level.HARD);
        if (u.isEmpty() || e.isEmpty() || h.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(bootstrap.supervisionGapRecovered(u.get(), e.get(), h.get()));
    }

    /** The SGR as a one-row table (empty when the run lacks a pool it needs). */
    public Table supervisionGapRecoveredTable() {
        Map<String, SgrResult> results = new LinkedHashMap<>();
        supervisionGapRecovered().ifPresent(sgr -> results.put(run.spec().dataset() + " / " + run.spec().measure(), sgr));
        return StatsTables.supervisionGapRecovered("supervision gap recovered (hard test items)", results);
    }

    /** Accuracy ("61.2 ± 3.4") of each pool on all test items and on each level's test items. */
    public Table accuracyByTestLevel() {
        StringColumn pool = StringColumn.create("train pool");
        IntColumn draws = IntColumn.create("draws");
        List<StringColumn> columns = new ArrayList<>();
        List<Level> levels = new ArrayList<>();
        levels.add(null);
        levels.addAll(List.of(Level.values()));
        for (Level level : levels) {
            columns.add(StringColumn.create("test " + (level == null ? "all" : level.label())));
        }
        for (TrainPool trainPool : run.spec().pools()) {
            pool.append(displayName(trainPool));
            draws.append(run.spec().draws(trainPool));
            for (int i = 0; i < levels.size(); i++) {
                Optional<ItemGrid> grid = grid(trainPool, levels.get(i));
                columns.get(i).append(grid.map(g -> bootstrap.accuracy(g).format() + " (n=" + g.rowCount() + ")")
                        .orElse("-"));
            }
        }
        Table table = Table.create("accuracy (%) by test-item level", pool, draws);
        columns.forEach(table::addColumns);
        return table;
    }

    /**
     * The hard-test table with only the columns a reader needs first: condition, accuracy ± error bar, the 95%
     * interval, items and draws.
     */
    public Table hardTestAccuracyBrief() {
        Table full = hardTestAccuracy();
        return full.selectColumns("condition", "accuracy ± error bar", "CI low (%)", "CI high (%)", "items",
                "draws used").setName(full.name());
    }

    /** The summary as text: the brief hard-test table, the SGR line and the by-level table. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(hardTestAccuracyBrief().printAll()).append("\n\n");
        supervisionGapRecovered().ifPresent(result -> out.append("SGR (hard test items) = ")
                .append(result.format()).append("\n  ").append(result.reason()).append("\n\n"));
        out.append(accuracyByTestLevel().printAll()).append('\n');
        return out.toString();
    }

    private static String displayName(TrainPool pool) {
        return switch (pool) {
            case NONE -> "Unsupervised";
            case EASY -> "Easy";
            case MEDIUM -> "Medium";
            case HARD -> "Hard";
            case ALL -> "All";
        };
    }
}
