package org.easy2hard.experiment.sheet;

import static org.easy2hard.experiment.sheet.ResultSheets.HARDNESS_COLUMNS;
import static org.easy2hard.experiment.sheet.ResultSheets.MMLU_AREAS;
import static org.easy2hard.experiment.sheet.ResultSheets.MMLU_SUBJECT_COLUMNS;
import static org.easy2hard.experiment.sheet.ResultSheets.TEST_ORDER;
import static org.easy2hard.experiment.sheet.ResultSheets.decimal;
import static org.easy2hard.experiment.sheet.ResultSheets.hardnessVarName;
import static org.easy2hard.experiment.sheet.ResultSheets.isUnsupervised;
import static org.easy2hard.experiment.sheet.ResultSheets.paperDataname;
import static org.easy2hard.experiment.sheet.ResultSheets.summaryColumns;
import static org.easy2hard.experiment.sheet.ResultSheets.trainOn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Item;
import org.easy2hard.experiment.RunResult;
import org.easy2hard.experiment.UnitResult;
import org.easy2hard.experiment.driver.ThirdGradeToCollege;
import org.easy2hard.experiment.sheet.ResultSheets.SortableRow;
import org.easy2hard.hardness.Level;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemGrid;
import org.easy2hard.stats.ItemResult;

/**
 * The rows of one condition: what the authors' main.py computes per bootstrap, and their averages. Moved out of
 * {@link ResultSheets} unchanged, with the sheet's bootstrap and method names handed in.
 */
final class ConditionRows {
    private final GridBootstrap bootstrap;
    private final ResultSheets sheets;
    final RunResult run;
    final Condition condition;
    final List<UnitResult> units;
    final Map<String, Item> items;
    final SheetFacts facts;
    final Set<String> extras;
    final boolean unsupervised;

    ConditionRows(ResultSheets sheets, RunResult run, Condition condition, List<UnitResult> units,
            Map<String, Item> items, SheetFacts facts, Set<String> extras) {
        this.sheets = sheets;
        this.bootstrap = sheets.bootstrap;
        this.run = run;
        this.condition = condition;
        this.units = units;
        this.items = items;
        this.facts = facts;
        this.extras = extras;
        this.unsupervised = isUnsupervised(units);
    }

    /** The test subsets that hold items: all, then each level present. */
    List<String> subsets() {
        Set<String> present = new LinkedHashSet<>();
        present.add("all");
        for (UnitResult unit : units) {
            unit.records().forEach(record -> level(record).ifPresent(level -> present.add(level.label())));
        }
        return TEST_ORDER.stream().filter(present::contains).toList();
    }

    Optional<Level> level(ItemResult record) {
        return run.cutoffs().levelOf(record.hardness(run.spec().measure()));
    }

    Predicate<ItemResult> in(String subset) {
        return subset.equals("all") ? record -> true
                : record -> level(record).map(Level::label).filter(subset::equals).isPresent();
    }

    List<SortableRow> averaged() {
        List<SortableRow> rows = new ArrayList<>();
        for (String subset : subsets()) {
            List<Map<String, Double>> perUnit = units.stream().map(unit -> statistics(unit, subset)).toList();
            Map<String, String> cells = base(subset);
            cells.put("boot_idx", "");
            cells.put("n_test", decimal(mean(perUnit, "n_test")));
            cells.put("test_acc", decimal(mean(perUnit, "test_acc")));
            cells.put("test_acc_train_distr", decimal(mean(perUnit, "test_acc_train_distr")));
            List<ItemResult> records = units.stream().flatMap(unit -> unit.records().stream())
                    .filter(in(subset)).toList();
            AccuracyResult accuracy = bootstrap.accuracy(ItemGrid.fromRecords(records));
            double errorBar = accuracy.accuracy().errorBar();
            cells.put("sample_size", Integer.toString(accuracy.effectiveSampleSize()));
            cells.put("error_bar", decimal(errorBar));
            cells.put("test_acc_str", String.format(Locale.ROOT, "%5.2f \u00b1 %5.2f",
                    100 * accuracy.accuracy().bootstrapMean(), 100 * errorBar));
            summaryNames().forEach(name -> cells.put(name, decimal(mean(perUnit, name))));
            rows.add(new SortableRow(sortKey(subset, -1), cells));
        }
        return rows;
    }

    List<SortableRow> perBootstrap() {
        List<SortableRow> rows = new ArrayList<>();
        for (UnitResult unit : units) {
            for (String subset : subsets()) {
                Map<String, Double> statistics = statistics(unit, subset);
                if (statistics.get("n_test") == 0) {
                    continue;
                }
                Map<String, String> cells = base(subset);
                cells.put("boot_idx", Integer.toString(unit.bootstrap()));
                cells.put("n_test", Integer.toString((int) (double) statistics.get("n_test")));
                cells.put("test_acc", decimal(statistics.get("test_acc")));
                cells.put("test_acc_train_distr", decimal(statistics.get("test_acc_train_distr")));
                cells.put("sample_size", "");
                cells.put("error_bar", "");
                cells.put("test_acc_str", "");
                summaryNames().forEach(name -> cells.put(name, decimal(statistics.getOrDefault(name, Double.NaN))));
                rows.add(new SortableRow(sortKey(subset, unit.bootstrap()), cells));
            }
        }
        return rows;
    }

    private String sortKey(String subset, int bootstrapIndex) {
        String trainOn = trainOn(units);
        int trainRank = List.of("all", "easy", "medium", "hard").indexOf(trainOn);
        return String.join("\u0000", condition.model(), paperDataname(run, condition),
                paperMethod(condition.method()), hardnessVarName(run, condition),
                decimal(SheetFacts.noise(condition, units.stream().findFirst())),
                String.format(Locale.ROOT, "%02d|%08d|%08d|%d", trainRank < 0 ? 99 : trainRank,
                        condition.nTrain(), bootstrapIndex + 1, TEST_ORDER.indexOf(subset)));
    }

    private List<String> summaryNames() {
        List<String> names = new ArrayList<>();
        Stream.concat(HARDNESS_COLUMNS.stream(), extras.stream()).forEach(c -> names.addAll(summaryColumns(c)));
        names.addAll(MMLU_SUBJECT_COLUMNS);
        return names;
    }

    /** The configuration cells every row of this condition shares. */
    private Map<String, String> base(String subset) {
        Map<String, String> cells = new LinkedHashMap<>();
        String dataname = paperDataname(run, condition);
        cells.put("model", condition.model());
        cells.put("dataname", dataname);
        boolean figureOne = condition.dataset().equals(ThirdGradeToCollege.NAME);
        cells.put("test_dataname", figureOne ? "mmlu_STEM-5" : dataname);
        cells.put("probing_method", paperMethod(condition.method()));
        cells.put("probe_loss", unsupervised ? "unsupervised" : "supervised");
        cells.put("use_cot", facts.useCot(condition, unsupervised));
        cells.put("noise_labels_p", decimal(SheetFacts.noise(condition, units.stream().findFirst())));
        cells.put("n_train", Integer.toString(condition.nTrain()));
        cells.put("n_dev", "0");
        cells.put("prompt_id", facts.promptId(condition, unsupervised));
        cells.put("hardness_var_name", hardnessVarName(run, condition));
        cells.put("train_on", trainOn(units));
        cells.put("test_on", subset);
        cells.put("train_acc", "");
        cells.put("force_test_dataname", figureOne ? "mmlu_STEM-5" : "NA");
        cells.put("quantization", "NA");
        return cells;
    }

    /** One bootstrap's numbers on one test subset, as the authors' main.py records them per bootstrap. */
    private Map<String, Double> statistics(UnitResult unit, String subset) {
        Map<String, Double> values = new LinkedHashMap<>();
        List<ItemResult> test = unit.records().stream().filter(in(subset)).toList();
        values.put("n_test", (double) test.size());
        values.put("test_acc", test.isEmpty() ? Double.NaN
                : test.stream().mapToDouble(ItemResult::correctness).average().orElse(Double.NaN));
        // test_acc_train_distr: accuracy on the test items of the training pool's own level (all for zero-shot).
        List<ItemResult> sameLevel = unsupervised ? unit.records()
                : unit.records().stream().filter(in(condition.trainPool())).toList();
        values.put("test_acc_train_distr", sameLevel.stream().mapToDouble(ItemResult::correctness).average()
                .orElse(Double.NaN));
        List<Item> trainItems = unsupervised ? null
                : unit.trainIds().stream().map(items::get).filter(Objects::nonNull).toList();
        List<Item> testItems = test.stream().map(record -> items.get(record.itemId())).filter(Objects::nonNull)
                .toList();
        boolean haveItems = !items.isEmpty();
        for (String column : Stream.concat(HARDNESS_COLUMNS.stream(), extras.stream()).toList()) {
            summarise(values, column, "TRAIN", trainItems == null || !haveItems ? null
                    : trainItems.stream().map(item -> item.hardness(column)).toList());
            List<OptionalDouble> testValues = haveItems
                    ? testItems.stream().map(item -> item.hardness(column)).toList()
                    : column.equals(run.spec().measure())
                    ? test.stream().map(record -> optional(record.hardness(column))).toList() : null;
            summarise(values, column, "TEST", testValues);
        }
        if (run.spec().dataset() == DatasetId.MMLU && !unsupervised && haveItems) {
            MMLU_AREAS.forEach((area, prefix) -> {
                values.put(prefix + "_prop_TRAIN", proportion(trainItems, area));
                values.put(prefix + "_prop_TEST", proportion(testItems, area));
            });
        }
        return values;
    }

    private String paperMethod(String method) {
        return sheets.paperMethod(method);
    }

    /** Mean and sample standard deviation (pandas' default, n - 1) of the values present; nothing when none. */
    private static void summarise(Map<String, Double> values, String column, String split, List<OptionalDouble> data) {
        if (data == null) {
            return;
        }
        double[] present = data.stream().filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble)
                .toArray();
        if (present.length == 0) {
            return;
        }
        double mean = java.util.Arrays.stream(present).average().orElse(Double.NaN);
        double squares = java.util.Arrays.stream(present).map(v -> (v - mean) * (v - mean)).sum();
        values.put(column + "_mean_" + split, mean);
        values.put(column + "_std_" + split, present.length > 1 ? Math.sqrt(squares / (present.length - 1))
                : Double.NaN);
    }

    private static double proportion(List<Item> items, String area) {
        if (items.isEmpty()) {
            return Double.NaN;
        }
        return items.stream().filter(item -> item.attributes().getOrDefault("subject", "").endsWith(area)).count()
                / (double) items.size();
    }

    private static OptionalDouble optional(double value) {
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The NaN-skipping mean of one statistic over bootstraps (pandas' groupby mean). */
    private static double mean(List<Map<String, Double>> perUnit, String name) {
        return perUnit.stream().map(values -> values.getOrDefault(name, Double.NaN)).filter(v -> !v.isNaN())
                .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
