package org.easy2hard.experiment.sheet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.easy2hard.data.Item;
import org.easy2hard.experiment.RunResult;
import org.easy2hard.experiment.UnitResult;
import org.easy2hard.hardness.Level;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.ItemResult;

/**
 * The item-level file of {@link ResultSheets#writeItemLevel}: per condition, one row for <em>every</em> probing item
 * of the run, in one order shared by all of the run's conditions, with an empty cell where the condition did not
 * test the item in a bootstrap (it trained on it, or the item was outside that bootstrap's test sample).
 *
 * <p>Why every item: the SGR chunk of the authors' {@code analysis.Rmd} subtracts the Easy, Hard and Unsupervised
 * matrices element-wise after filtering each to the hard items, so it pairs items by row position; their
 * {@code main.py} writes every item of the data (NaN where untested) in data order, which makes the positions agree.
 * A file listing only tested items gives each condition its own rows, and the chunk would pair different items.
 *
 * <p>The run's items are those any of its units tested (with the unsupervised arm that is every probing item), in
 * the order of the datasets given to {@link ResultSheets.Builder#optData}, else in the order first met in the units
 * (test sets are kept in data order, so this is the data order too when the first unit tests every item).
 */
final class ItemLevelExport {

    private ItemLevelExport() {
    }

    static String csv(ResultSheets sheets, List<RunResult> runs) {
        int width = runs.stream().flatMap(run -> run.units().stream()).mapToInt(unit -> unit.bootstrap() + 1).max()
                .orElse(1);
        List<String> columns = new ArrayList<>(List.of("id", "accuracy"));
        for (int b = 1; b < width; b++) {
            columns.add("accuracy" + b);
        }
        columns.addAll(ResultSheets.ITEM_LEVEL_COLUMNS);
        List<Map<String, String>> rows = new ArrayList<>();
        for (RunResult run : runs) {
            String measure = run.spec().measure();
            Map<String, Item> items = sheets.itemsOf(run);
            List<String> order = itemOrder(run, items);
            Map<String, Double> hardness = new HashMap<>();
            run.units().forEach(unit -> unit.records().forEach(record -> hardness.putIfAbsent(record.itemId(),
                    record.hardness(measure))));
            for (Map.Entry<Condition, List<UnitResult>> entry : ResultSheets.conditions(run).entrySet()) {
                Condition condition = entry.getKey();
                Map<String, String[]> accuracies = new HashMap<>();
                for (UnitResult unit : entry.getValue()) {
                    for (ItemResult record : unit.records()) {
                        accuracies.computeIfAbsent(record.itemId(), id -> new String[width])[record.bootstrap()] =
                                record.correct() ? "1.0" : "0.0";
                    }
                }
                for (String id : order) {
                    String[] values = accuracies.getOrDefault(id, new String[width]);
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("id", id);
                    for (int b = 0; b < width; b++) {
                        row.put(b == 0 ? "accuracy" : "accuracy" + b, values[b] == null ? "" : values[b]);
                    }
                    double value = hardness.getOrDefault(id, Double.NaN);
                    if (Double.isNaN(value) && items.containsKey(id)) {
                        value = items.get(id).hardness(measure).orElse(Double.NaN);
                    }
                    row.put("hardness_value", ResultSheets.decimal(value));
                    row.put("hardness_level_value", run.cutoffs().levelOf(value).map(Level::label).orElse(""));
                    row.put("model", condition.model());
                    row.put("probing_method", sheets.paperMethod(condition.method()));
                    row.put("n_train", Integer.toString(condition.nTrain()));
                    row.put("train_on", ResultSheets.trainOn(entry.getValue()));
                    row.put("test_on", "all");
                    row.put("hardness_var_name", ResultSheets.hardnessVarName(run, condition));
                    row.put("dataname", ResultSheets.paperDataname(run, condition));
                    rows.add(row);
                }
            }
        }
        return ResultSheets.csv(columns, rows);
    }

    /** Every item a unit of the run tested, in data order where the data is known, else in the order first met. */
    static List<String> itemOrder(RunResult run, Map<String, Item> items) {
        Set<String> seen = new LinkedHashSet<>();
        run.units().forEach(unit -> unit.records().forEach(record -> seen.add(record.itemId())));
        if (items.isEmpty()) {
            return List.copyOf(seen);
        }
        Map<String, Integer> position = new HashMap<>();
        int i = 0;
        for (String id : items.keySet()) {
            position.put(id, i++);
        }
        List<String> order = new ArrayList<>(seen);
        // Stable: ids the data lacks keep their first-met order after the known ones.
        order.sort(Comparator.comparingInt(id -> position.getOrDefault(id, Integer.MAX_VALUE)));
        return order;
    }
}
