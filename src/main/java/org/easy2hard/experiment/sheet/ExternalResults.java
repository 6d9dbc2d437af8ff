package org.easy2hard.experiment.sheet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.easy2hard.hardness.Level;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.Formats;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemGrid;
import org.easy2hard.stats.SgrResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Results read from result sheets ({@link ResultSheet}: the authors', an external run's, or our own exported runs)
 * in the form the notebooks compare with runs: per (dataset, measure, method, model, training size, chain of thought)
 * the Unsupervised / Easy / Medium / Hard accuracies on <b>hard</b> test items with their error bars, and the
 * Supervision Gap Recovered {@code (E - U) / (H - U)} computed from those accuracies, as the authors'
 * {@code analysis.Rmd} computes its SGR table.
 *
 * <p>Rules, as in the authors' analysis: rows with {@code test_on = hard} and no label noise are used; a row with
 * {@code n_train = 0} is the Unsupervised arm and is shared by every method of its dataset, measure and model
 * (the non-chain-of-thought one when there are several); all-bootstrap sheets (rows with {@code boot_idx}) are
 * averaged over bootstraps and then have no error bar.
 *
 * <p><b>Intervals.</b> A sheet carries only each arm's accuracy and error bar, not the items × bootstraps grids, so
 * the SGR here is a point estimate: its interval (and paired differences) need the item-level file. Given one
 * ({@link ItemLevelSheet}), {@link #supervisionGapRecovered(ItemLevelSheet, GridBootstrap)} rebuilds the grids and
 * runs the real grid bootstrap.
 */
public final class ExternalResults {

    private final List<Comparison> comparisons;

    private ExternalResults(List<Comparison> comparisons) {
        this.comparisons = List.copyOf(comparisons);
    }

    /** What one comparison is of. */
    public record Key(String dataset, String measure, String method, String model, int nTrain, boolean useCot) {

        /** A short label such as {@code ai2_arc / human_grade / learned (n=160)}. */
        public String label() {
            return dataset + " / " + measure + " / " + method + " (n=" + nTrain + (useCot ? ", CoT" : "") + ")";
        }
    }

    /**
     * One arm's accuracy on hard test items.
     *
     * @param accuracy   accuracy as a fraction (mean over bootstraps)
     * @param errorBar   the grid-bootstrap error bar as a fraction; NaN when the sheet has none
     * @param nTest      test items (mean over bootstraps)
     * @param sampleSize items observed in at least one bootstrap; NaN when absent
     * @param row        the sheet row it came from (the first, for averaged all-bootstrap rows)
     */
    public record Arm(double accuracy, double errorBar, double nTest, double sampleSize, ResultSheet.Row row) {

        /** The paper's display in percent, e.g. {@code "71.3 ± 2.1"}, or just the accuracy without an error bar. */
        public String format() {
            return Double.isNaN(errorBar) ? Formats.percent(accuracy) : Formats.percentPlusMinus(accuracy, errorBar);
        }
    }

    /**
     * The arms of one key.
     *
     * @param key          what is compared
     * @param unsupervised the n_train = 0 arm of the dataset, measure and model
     * @param easy         trained on easy items
     * @param medium       trained on medium items
     * @param hard         trained on hard items
     */
    public record Comparison(Key key, Optional<Arm> unsupervised, Optional<Arm> easy, Optional<Arm> medium,
            Optional<Arm> hard) {

        /** The arms present, by the authors' supervision label (Unsupervised, Easy, Medium, Hard). */
        public Map<String, Arm> arms() {
            Map<String, Arm> arms = new LinkedHashMap<>();
            unsupervised.ifPresent(arm -> arms.put("Unsupervised", arm));
            easy.ifPresent(arm -> arms.put("Easy", arm));
            medium.ifPresent(arm -> arms.put("Medium", arm));
            hard.ifPresent(arm -> arms.put("Hard", arm));
            return arms;
        }

        /**
         * The SGR point estimate {@code (E - U) / (H - U)} from the sheet's accuracies; empty when an arm is missing
         * or the supervision gap {@code H - U} is not positive (no gap to recover).
         */
        public OptionalDouble sgr() {
            if (unsupervised.isEmpty() || easy.isEmpty() || hard.isEmpty()) {
                return OptionalDouble.empty();
            }
            double u = unsupervised.get().accuracy();
            double gap = hard.get().accuracy() - u;
            return gap > 0 ? OptionalDouble.of((easy.get().accuracy() - u) / gap) : OptionalDouble.empty();
        }

        /** Why the SGR is what it is, in one line. */
        public String sgrNote() {
            if (unsupervised.isEmpty() || easy.isEmpty() || hard.isEmpty()) {
                return "needs Unsupervised, Easy and Hard rows (test_on = hard); missing "
                        + List.of("Unsupervised", "Easy", "Hard").stream().filter(name -> !arms().containsKey(name))
                        .collect(Collectors.joining(", "));
            }
            double gap = hard.get().accuracy() - unsupervised.get().accuracy();
            if (gap <= 0) {
                return "undefined: H - U = " + Formats.signedPoints(gap) + " points, no supervision gap to recover";
            }
            return "point estimate from the sheet's accuracies (H - U = " + Formats.signedPoints(gap)
                    + " points); its interval needs the item-level file";
        }
    }

    /** The comparisons of one or more sheets. */
    public static ExternalResults of(ResultSheet... sheets) {
        return of(List.of(sheets));
    }

    /** The comparisons of one or more sheets, in order of first appearance. */
    public static ExternalResults of(Collection<ResultSheet> sheets) {
        Map<List<Object>, List<ResultSheet.Row>> unsupervised = new LinkedHashMap<>();
        Map<Key, Map<String, List<ResultSheet.Row>>> supervised = new LinkedHashMap<>();
        for (ResultSheet sheet : sheets) {
            for (ResultSheet.Row row : sheet.rows()) {
                if (!row.testOn().equals("hard") || row.noiseLabelsP() != 0) {
                    continue;
                }
                if (row.isUnsupervised()) {
                    unsupervised.computeIfAbsent(List.of(row.dataname(), row.hardnessVarName(), row.model()),
                            k -> new ArrayList<>()).add(row);
                } else {
                    Key key = new Key(row.dataname(), row.hardnessVarName(), row.probingMethod(), row.model(),
                            row.nTrain(), row.useCot());
                    supervised.computeIfAbsent(key, k -> new LinkedHashMap<>())
                            .computeIfAbsent(row.trainOn(), k -> new ArrayList<>()).add(row);
                }
            }
        }
        List<Comparison> comparisons = new ArrayList<>();
        supervised.forEach((key, byPool) -> comparisons.add(new Comparison(key,
                unsupervisedArm(unsupervised.get(List.of(key.dataset(), key.measure(), key.model()))),
                arm(byPool.get("easy")), arm(byPool.get("medium")), arm(byPool.get("hard")))));
        // Unsupervised rows with no supervised method beside them still get a comparison of their own.
        unsupervised.forEach((group, rows) -> {
            boolean used = supervised.keySet().stream().anyMatch(key -> List.of(key.dataset(), key.measure(),
                    key.model()).equals(group));
            if (!used) {
                Optional<Arm> arm = unsupervisedArm(rows);
                ResultSheet.Row first = arm.orElseThrow().row();
                comparisons.add(new Comparison(new Key(first.dataname(), first.hardnessVarName(),
                        first.probingMethod(), first.model(), 0, first.useCot()), arm, Optional.empty(),
                        Optional.empty(), Optional.empty()));
            }
        });
        return new ExternalResults(comparisons);
    }

    private static Optional<Arm> unsupervisedArm(List<ResultSheet.Row> rows) {
        if (rows == null || rows.isEmpty()) {
            return Optional.empty();
        }
        // The authors compare chain-of-thought methods with the non-CoT zero-shot baseline: prefer it.
        List<ResultSheet.Row> plain = rows.stream().filter(row -> !row.useCot()).toList();
        List<ResultSheet.Row> chosen = plain.isEmpty() ? rows : plain;
        String method = chosen.get(0).probingMethod();
        return arm(chosen.stream().filter(row -> row.probingMethod().equals(method)).toList());
    }

    /** One arm from its rows: the row itself, or the mean over an all-bootstraps sheet's rows. */
    private static Optional<Arm> arm(List<ResultSheet.Row> rows) {
        if (rows == null || rows.isEmpty()) {
            return Optional.empty();
        }
        ResultSheet.Row first = rows.get(0);
        if (rows.size() == 1) {
            return Optional.of(new Arm(first.testAcc(), first.errorBar(), first.nTest(), first.sampleSize(), first));
        }
        double accuracy = rows.stream().mapToDouble(ResultSheet.Row::testAcc).average().orElseThrow();
        double nTest = rows.stream().mapToDouble(ResultSheet.Row::nTest).filter(v -> !Double.isNaN(v)).average()
                .orElse(Double.NaN);
        return Optional.of(new Arm(accuracy, Double.NaN, nTest, Double.NaN, first));
    }

    /** Every comparison, in order of first appearance. */
    public List<Comparison> comparisons() {
        return comparisons;
    }

    /** The comparison of a dataset, measure, method and model (the first when training sizes differ). */
    public Optional<Comparison> find(String dataset, String measure, String method, String model) {
        return comparisons.stream().filter(c -> c.key().dataset().equals(dataset) && c.key().measure().equals(measure)
                && c.key().method().equals(method) && c.key().model().equals(model)).findFirst();
    }

    /**
     * The comparisons as a table: key, each arm's hard-test accuracy and error bar in percent (NaN when absent), the
     * SGR point estimate and its note.
     */
    public Table table() {
        Table table = Table.create("results from sheets (hard test items)",
                StringColumn.create("dataset"), StringColumn.create("measure"), StringColumn.create("method"),
                StringColumn.create("model"), IntColumn.create("n_train"));
        List<String> arms = List.of("Unsupervised", "Easy", "Medium", "Hard");
        for (String arm : arms) {
            table.addColumns(DoubleColumn.create(arm + " (%)"), DoubleColumn.create(arm + " ± (%)"));
        }
        table.addColumns(DoubleColumn.create("SGR (point)"), StringColumn.create("note"));
        for (Comparison comparison : comparisons) {
            Key key = comparison.key();
            table.stringColumn("dataset").append(key.dataset());
            table.stringColumn("measure").append(key.measure());
            table.stringColumn("method").append(key.method() + (key.useCot() ? " (CoT)" : ""));
            table.stringColumn("model").append(key.model());
            table.intColumn("n_train").append(key.nTrain());
            Map<String, Arm> present = comparison.arms();
            for (String arm : arms) {
                Arm value = present.get(arm);
                table.doubleColumn(arm + " (%)").append(value == null ? Double.NaN : 100 * value.accuracy());
                table.doubleColumn(arm + " ± (%)").append(value == null ? Double.NaN : 100 * value.errorBar());
            }
            table.doubleColumn("SGR (point)").append(comparison.sgr().orElse(Double.NaN));
            table.stringColumn("note").append(comparison.sgrNote());
        }
        return table;
    }

    /**
     * The SGR with its grid-bootstrap interval for every comparison whose three arms the item-level file holds:
     * the hard items ({@code hardness_level_value = hard}) of the unsupervised condition ({@code n_train = 0}) of
     * the same dataset, measure and model, and of the easy- and hard-trained conditions of the key.
     *
     * @return key → SGR result, for the comparisons the file covers, in comparison order
     */
    public Map<Key, SgrResult> supervisionGapRecovered(ItemLevelSheet items, GridBootstrap bootstrap) {
        Map<Key, SgrResult> results = new LinkedHashMap<>();
        for (Comparison comparison : comparisons) {
            Key key = comparison.key();
            Optional<ItemGrid> u = items.conditions().stream()
                    .filter(c -> c.nTrain() == 0 && c.dataset().equals(key.dataset())
                            && c.hardnessMeasure().equals(key.measure()) && c.model().equals(key.model()))
                    .findFirst().flatMap(c -> items.grid(c, Level.HARD));
            Optional<ItemGrid> e = items.grid(condition(key, "easy"), Level.HARD);
            Optional<ItemGrid> h = items.grid(condition(key, "hard"), Level.HARD);
            if (u.isPresent() && e.isPresent() && h.isPresent()) {
                results.put(key, bootstrap.supervisionGapRecovered(u.get(), e.get(), h.get()));
            }
        }
        return results;
    }

    private static Condition condition(Key key, String pool) {
        return new Condition(key.dataset(), key.model(), key.method(), pool, key.measure(), key.nTrain());
    }

    @Override
    public String toString() {
        return comparisons.size() + " comparisons";
    }
}
