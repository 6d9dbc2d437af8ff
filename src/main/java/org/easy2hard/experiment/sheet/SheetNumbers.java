package org.easy2hard.experiment.sheet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.easy2hard.experiment.RunResult;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.experiment.UnitResult;
import org.easy2hard.hardness.Level;
import org.easy2hard.stats.BootstrapEstimate;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemGrid;
import org.easy2hard.stats.ItemResult;
import org.easy2hard.stats.SgrResult;

/**
 * The toolkit's own numbers for runs, computed from their records (not from the exported sheets), in the
 * authors' vocabulary so that they can be set beside what {@code analysis.Rmd} computes from the sheets:
 * <ul>
 *   <li>{@code acc} rows: one per condition and test subset (all, hard): accuracy as the authors' {@code test_acc},
 *       the mean over bootstraps of each bootstrap's accuracy, and the grid bootstrap's mean and half-width
 *       ((upper &minus; lower) / 2, as {@code analysis.Rmd}'s {@code bootstrapGRID} prints it) of the subset's items
 *       &times; bootstraps;</li>
 *   <li>{@code sgr} rows: one per (model, supervised method, n_train) with easy and hard conditions and an
 *       unsupervised baseline: Unsupervised / Easy / Hard hard-test accuracies as above, the paper's SGR
 *       {@code sgr_raw} = (E &minus; U) / (H &minus; U) of those, the grid SGR on the items the three share with its
 *       bootstrap mean and interval without the guard ({@link GridBootstrap#rawSupervisionGapRecovered}), and the
 *       guarded status ({@link SgrResult#status()}).</li>
 * </ul>
 * Noisy conditions (noise &gt; 0) get {@code acc} rows only.
 */
public final class SheetNumbers {

    /** The columns of {@link #rows}. */
    public static final List<String> COLUMNS = List.of("kind", "model", "dataname", "probing_method", "use_cot",
            "hardness_var_name", "n_train", "noise_labels_p", "train_on", "test_on", "test_acc", "boot_mean",
            "boot_half_width", "unsupervised",
            "easy", "hard", "sgr_raw", "sgr_point", "sgr_mean", "sgr_lower", "sgr_upper", "sgr_status");

    private SheetNumbers() {
    }

    /** The rows, as text cells by column name. */
    public static List<Map<String, String>> rows(List<RunResult> runs, ResultSheets sheets, GridBootstrap bootstrap) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (RunResult run : runs) {
            SheetFacts facts = SheetFacts.of(run);
            Map<Condition, List<UnitResult>> conditions = ResultSheets.conditions(run);
            for (Map.Entry<Condition, List<UnitResult>> entry : conditions.entrySet()) {
                for (String subset : List.of("all", "hard")) {
                    double acc = meanOverBootstraps(run, entry.getValue(), subset);
                    if (Double.isNaN(acc)) {
                        continue;
                    }
                    Map<String, String> row = head("acc", run, entry.getKey(), entry.getValue(), sheets, facts);
                    row.put("test_on", subset);
                    row.put("test_acc", ResultSheets.decimal(acc));
                    BootstrapEstimate grid = bootstrap.accuracy(ItemGrid.fromRecords(entry.getValue().stream()
                            .flatMap(unit -> unit.records().stream()).filter(in(run, subset)).toList())).accuracy();
                    row.put("boot_mean", ResultSheets.decimal(grid.bootstrapMean()));
                    row.put("boot_half_width", ResultSheets.decimal(grid.halfWidth()));
                    rows.add(row);
                }
            }
            if (!run.spec().measure().equals(Condition.NONE)) {
                rows.addAll(sgrRows(run, conditions, sheets, bootstrap, facts));
            }
        }
        return rows;
    }

    /** The rows as CSV. */
    public static String csv(List<RunResult> runs, ResultSheets sheets, GridBootstrap bootstrap) {
        return ResultSheets.csv(COLUMNS, rows(runs, sheets, bootstrap));
    }

    private static List<Map<String, String>> sgrRows(RunResult run, Map<Condition, List<UnitResult>> conditions,
            ResultSheets sheets, GridBootstrap bootstrap, SheetFacts facts) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map.Entry<Condition, List<UnitResult>> easy : conditions.entrySet()) {
            Condition e = easy.getKey();
            if (easy.getValue().get(0).pool() != TrainPool.EASY || SheetFacts.noise(e, first(easy.getValue())) > 0) {
                continue;
            }
            Optional<Map.Entry<Condition, List<UnitResult>>> hard = conditions.entrySet().stream()
                    .filter(c -> c.getValue().get(0).pool() == TrainPool.HARD && c.getKey().model().equals(e.model())
                            && c.getKey().method().equals(e.method()) && c.getKey().nTrain() == e.nTrain()
                            && c.getKey().hardnessMeasure().equals(e.hardnessMeasure()))
                    .findFirst();
            Optional<Map.Entry<Condition, List<UnitResult>>> none = conditions.entrySet().stream()
                    .filter(c -> ResultSheets.isUnsupervised(c.getValue()) && c.getKey().model().equals(e.model()))
                    .findFirst();
            if (hard.isEmpty() || none.isEmpty()) {
                continue;
            }
            double u = meanOverBootstraps(run, none.get().getValue(), "hard");
            double ea = meanOverBootstraps(run, easy.getValue(), "hard");
            double h = meanOverBootstraps(run, hard.get().getValue(), "hard");
            Map<String, String> row = head("sgr", run, e, easy.getValue(), sheets, facts);
            row.put("train_on", "");
            row.put("test_on", "hard");
            row.put("unsupervised", ResultSheets.decimal(u));
            row.put("easy", ResultSheets.decimal(ea));
            row.put("hard", ResultSheets.decimal(h));
            row.put("sgr_raw", ResultSheets.decimal((ea - u) / (h - u)));
            ItemGrid gu = grid(run, none.get().getValue());
            ItemGrid ge = grid(run, easy.getValue());
            ItemGrid gh = grid(run, hard.get().getValue());
            SgrResult guarded = bootstrap.supervisionGapRecovered(gu, ge, gh);
            row.put("sgr_status", guarded.status().name());
            try {
                BootstrapEstimate raw = bootstrap.rawSupervisionGapRecovered(gu, ge, gh);
                row.put("sgr_point", ResultSheets.decimal(raw.estimate()));
                row.put("sgr_mean", ResultSheets.decimal(raw.bootstrapMean()));
                row.put("sgr_lower", ResultSheets.decimal(raw.lower()));
                row.put("sgr_upper", ResultSheets.decimal(raw.upper()));
            } catch (IllegalStateException noFiniteRatio) {
                row.put("sgr_status", guarded.status().name() + " (no finite resampled ratio)");
            }
            rows.add(row);
        }
        return rows;
    }

    private static Optional<UnitResult> first(List<UnitResult> units) {
        return units.stream().findFirst();
    }

    private static Map<String, String> head(String kind, RunResult run, Condition condition, List<UnitResult> units,
            ResultSheets sheets, SheetFacts facts) {
        boolean unsupervised = ResultSheets.isUnsupervised(units);
        Map<String, String> row = new LinkedHashMap<>();
        row.put("kind", kind);
        row.put("model", condition.model());
        row.put("dataname", ResultSheets.paperDataname(run, condition));
        row.put("probing_method", sheets.paperMethod(condition.method()));
        row.put("use_cot", facts.useCot(condition, unsupervised));
        row.put("hardness_var_name", ResultSheets.hardnessVarName(run, condition));
        row.put("n_train", Integer.toString(condition.nTrain()));
        row.put("noise_labels_p", ResultSheets.decimal(SheetFacts.noise(condition, first(units))));
        row.put("train_on", ResultSheets.trainOn(units));
        return row;
    }

    private static Predicate<ItemResult> in(RunResult run, String subset) {
        return subset.equals("all") ? record -> true : record -> run.cutoffs()
                .levelOf(record.hardness(run.spec().measure())).map(Level::label).filter(subset::equals).isPresent();
    }

    /** The mean over bootstraps of each bootstrap's accuracy on the subset (NaN when no bootstrap tested any). */
    static double meanOverBootstraps(RunResult run, List<UnitResult> units, String subset) {
        double sum = 0;
        int counted = 0;
        for (UnitResult unit : units) {
            List<ItemResult> test = unit.records().stream().filter(in(run, subset)).toList();
            if (!test.isEmpty()) {
                sum += test.stream().mapToDouble(ItemResult::correctness).sum() / test.size();
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    private static ItemGrid grid(RunResult run, List<UnitResult> units) {
        return ItemGrid.fromRecords(units.stream().flatMap(unit -> unit.records().stream())
                .filter(in(run, "hard")).toList());
    }
}
