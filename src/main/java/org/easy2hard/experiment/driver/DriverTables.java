package org.easy2hard.experiment.driver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.easy2hard.experiment.DriverResult;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.hardness.Level;
import org.easy2hard.hardness.Stratifier;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemGrid;
import org.easy2hard.stats.ItemResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Accuracy tables of driver runs: records grouped by a key (model, method, train pool, test level, ...), each group's
 * items × bootstraps grid bootstrapped as in the paper, one row per group.
 */
public final class DriverTables {

    private DriverTables() {
    }

    /**
     * Accuracy of each group of records, groups in first-seen order.
     *
     * @param keys the groups a record belongs to (none, one, or several: e.g. "test all" and "test hard")
     */
    public static Map<List<String>, AccuracyResult> accuracies(List<ItemResult> records,
            Function<ItemResult, List<List<String>>> keys, GridBootstrap bootstrap) {
        Map<List<String>, List<ItemResult>> groups = new LinkedHashMap<>();
        for (ItemResult record : records) {
            for (List<String> key : keys.apply(record)) {
                groups.computeIfAbsent(List.copyOf(key), k -> new ArrayList<>()).add(record);
            }
        }
        Map<List<String>, AccuracyResult> results = new LinkedHashMap<>();
        groups.forEach((key, group) -> results.put(key, bootstrap.accuracy(ItemGrid.fromRecords(group))));
        return results;
    }

    /**
     * A table with the key columns, then accuracy (%), the plug-in accuracy, error bar, 95% interval, items, draws
     * and the paper's "61.2 ± 3.4" display.
     *
     * <p>One number per quantity: "accuracy (%)" is the bootstrap mean, the number the display string shows, as the
     * authors' {@code test_acc_str} ({@code metrics.grid_bootstrap}: 100 × bootstrap mean ± 100 × error bar); the
     * plug-in accuracy (the grid's mean over observed cells) is beside it under its own name.
     */
    public static Table table(String name, List<String> keyColumns, Map<List<String>, AccuracyResult> results) {
        List<StringColumn> keys = keyColumns.stream().map(StringColumn::create).toList();
        DoubleColumn accuracy = DoubleColumn.create("accuracy (%)");
        DoubleColumn plugIn = DoubleColumn.create("plug-in accuracy (%)");
        DoubleColumn errorBar = DoubleColumn.create("± error bar (%)");
        DoubleColumn lower = DoubleColumn.create("CI low (%)");
        DoubleColumn upper = DoubleColumn.create("CI high (%)");
        IntColumn items = IntColumn.create("items");
        IntColumn draws = IntColumn.create("draws");
        StringColumn display = StringColumn.create("accuracy ± error bar");
        results.forEach((key, result) -> {
            if (key.size() != keys.size()) {
                throw new IllegalArgumentException("key " + key + " does not fit the columns " + keyColumns);
            }
            for (int i = 0; i < key.size(); i++) {
                keys.get(i).append(key.get(i));
            }
            accuracy.append(100 * result.accuracy().bootstrapMean());
            plugIn.append(100 * result.estimate());
            errorBar.append(100 * result.accuracy().errorBar());
            lower.append(100 * result.accuracy().lower());
            upper.append(100 * result.accuracy().upper());
            items.append(result.effectiveSampleSize());
            draws.append(result.columnsUsed());
            display.append(result.format());
        });
        for (DoubleColumn column : List.of(accuracy, plugIn, errorBar, lower, upper)) {
            column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        }
        Table table = Table.create(name);
        keys.forEach(table::addColumns);
        table.addColumns(accuracy, plugIn, errorBar, lower, upper, items, draws, display);
        return table;
    }

    /**
     * The unsupervised baseline's records of a model on hard test items of a stratifier, as a single curve point at
     * x = 0 (empty when the model has no baseline).
     */
    public static List<CurvePoint> baselinePoint(DriverResult run, String model, Stratifier stratifier,
            GridBootstrap bootstrap) {
        List<ItemResult> records = run.records(r -> r.condition().model().equals(model)
                && r.condition().trainPool().equals(TrainPool.NONE.label()) && isHard(r, stratifier));
        return records.isEmpty() ? List.of()
                : List.of(new CurvePoint(0, 0, bootstrap.accuracy(ItemGrid.fromRecords(records))));
    }

    /** Whether a record's test item is hard under a stratifier. */
    public static boolean isHard(ItemResult record, Stratifier stratifier) {
        return stratifier.cutoffs().levelOf(record.hardness(stratifier.measure().name()))
                .filter(Level.HARD::equals).isPresent();
    }
}
