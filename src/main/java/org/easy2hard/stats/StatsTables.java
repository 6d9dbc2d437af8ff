package org.easy2hard.stats;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Tablesaw tables of statistics, with column names a reader understands without this package's Javadoc. Accuracies
 * and gaps are in percent (points), ratios as plain numbers; every table also has a ready-to-print text column.
 *
 * <p>Inputs are maps from a row label (e.g. a condition's label or "ARC grade") to a result; the map's iteration order
 * is the row order, so pass a {@link java.util.LinkedHashMap} to control it.
 *
 * <p>Numbers keep full precision in the columns; only their printed form is rounded (percentages and points to one
 * decimal, SGR to two, p-values to four), always with a decimal point whatever the default locale.
 */
public final class StatsTables {

    private StatsTables() {
    }

    /**
     * One row per condition: accuracy (bootstrap mean, as the paper reports it), the plug-in estimate, error bar,
     * interval, half-width and sample sizes.
     */
    public static Table accuracies(String name, Map<String, AccuracyResult> results) {
        StringColumn label = StringColumn.create("condition");
        DoubleColumn accuracy = DoubleColumn.create("accuracy (%)");
        DoubleColumn estimate = DoubleColumn.create("plug-in accuracy (%)");
        DoubleColumn errorBar = DoubleColumn.create("± error bar (%)");
        DoubleColumn lower = DoubleColumn.create("CI low (%)");
        DoubleColumn upper = DoubleColumn.create("CI high (%)");
        DoubleColumn halfWidth = DoubleColumn.create("CI half-width (%)");
        DoubleColumn level = DoubleColumn.create("CI level");
        IntColumn items = IntColumn.create("items");
        IntColumn draws = IntColumn.create("draws used");
        IntColumn emptyDraws = IntColumn.create("empty draws ignored");
        IntColumn dropped = IntColumn.create("empty resamples dropped");
        StringColumn display = StringColumn.create("accuracy ± error bar");
        results.forEach((key, result) -> {
            BootstrapEstimate e = result.accuracy();
            label.append(key);
            accuracy.append(100 * e.bootstrapMean());
            estimate.append(100 * e.estimate());
            errorBar.append(100 * e.errorBar());
            lower.append(100 * e.lower());
            upper.append(100 * e.upper());
            halfWidth.append(100 * e.halfWidth());
            level.append(e.confidenceLevel());
            items.append(result.effectiveSampleSize());
            draws.append(result.columnsUsed());
            emptyDraws.append(result.emptyColumnsIgnored());
            dropped.append(e.resamplesDropped());
            display.append(result.format());
        });
        return rounded(Table.create(name, label, accuracy, estimate, errorBar, lower, upper, halfWidth, level, items,
                draws, emptyDraws, dropped, display));
    }

    /** One row per comparison: both accuracies on the shared items, B &minus; A in points, interval and p-value. */
    public static Table differences(String name, Map<String, DifferenceResult> results) {
        StringColumn label = StringColumn.create("comparison (B - A)");
        DoubleColumn accuracyA = DoubleColumn.create("A accuracy (%)");
        DoubleColumn accuracyB = DoubleColumn.create("B accuracy (%)");
        DoubleColumn difference = DoubleColumn.create("B - A (points)");
        DoubleColumn bootstrapMean = DoubleColumn.create("bootstrap mean (points)");
        DoubleColumn errorBar = DoubleColumn.create("± error bar (points)");
        DoubleColumn lower = DoubleColumn.create("CI low (points)");
        DoubleColumn upper = DoubleColumn.create("CI high (points)");
        DoubleColumn pValue = DoubleColumn.create("p-value");
        IntColumn shared = IntColumn.create("shared items");
        IntColumn onlyA = IntColumn.create("items only in A");
        IntColumn onlyB = IntColumn.create("items only in B");
        StringColumn display = StringColumn.create("B - A");
        results.forEach((key, result) -> {
            BootstrapEstimate e = result.difference();
            label.append(key);
            accuracyA.append(100 * result.accuracyA());
            accuracyB.append(100 * result.accuracyB());
            difference.append(100 * e.estimate());
            bootstrapMean.append(100 * e.bootstrapMean());
            errorBar.append(100 * e.errorBar());
            lower.append(100 * e.lower());
            upper.append(100 * e.upper());
            pValue.append(e.pValue());
            shared.append(result.sharedItems());
            onlyA.append(result.itemsOnlyInA());
            onlyB.append(result.itemsOnlyInB());
            display.append(result.format());
        });
        return rounded(Table.create(name, label, accuracyA, accuracyB, difference, bootstrapMean, errorBar, lower,
                upper, pValue, shared, onlyA, onlyB, display));
    }

    /**
     * One row per SGR: the three accuracies, the SGR with its interval (missing values when undefined, with the status
     * and reason beside them), the paper's unguarded ratio (E &minus; U) / (H &minus; U) of the same point estimates,
     * flagged when the guard withholds ours, and the two gaps with their intervals.
     */
    public static Table supervisionGapRecovered(String name, Map<String, SgrResult> results) {
        StringColumn label = StringColumn.create("comparison");
        DoubleColumn unsupervised = DoubleColumn.create("unsupervised (%)");
        DoubleColumn easy = DoubleColumn.create("easy-trained (%)");
        DoubleColumn hard = DoubleColumn.create("hard-trained (%)");
        DoubleColumn sgr = DoubleColumn.create("SGR");
        DoubleColumn sgrLower = DoubleColumn.create("SGR CI low");
        DoubleColumn sgrUpper = DoubleColumn.create("SGR CI high");
        DoubleColumn sgrP = DoubleColumn.create("SGR p-value");
        StringColumn status = StringColumn.create("SGR status");
        StringColumn display = StringColumn.create("SGR [CI]");
        DoubleColumn paperSgr = DoubleColumn.create("paper SGR (unguarded)");
        StringColumn paperFlag = StringColumn.create("paper SGR note");
        DoubleColumn gap = DoubleColumn.create("hard - unsupervised (points)");
        DoubleColumn easyGap = DoubleColumn.create("easy - unsupervised (points)");
        DoubleColumn easyGapLower = DoubleColumn.create("easy - unsupervised CI low");
        DoubleColumn easyGapUpper = DoubleColumn.create("easy - unsupervised CI high");
        DoubleColumn hardGap = DoubleColumn.create("hard - easy (points)");
        DoubleColumn hardGapLower = DoubleColumn.create("hard - easy CI low");
        DoubleColumn hardGapUpper = DoubleColumn.create("hard - easy CI high");
        DoubleColumn hardGapP = DoubleColumn.create("hard - easy p-value");
        IntColumn shared = IntColumn.create("shared items");
        StringColumn reason = StringColumn.create("why");
        results.forEach((key, result) -> {
            label.append(key);
            unsupervised.append(100 * result.unsupervisedAccuracy());
            easy.append(100 * result.easyAccuracy());
            hard.append(100 * result.hardAccuracy());
            if (result.sgr().isPresent()) {
                BootstrapEstimate e = result.sgr().get();
                sgr.append(e.estimate());
                sgrLower.append(e.lower());
                sgrUpper.append(e.upper());
                sgrP.append(e.pValue());
            } else {
                sgr.appendMissing();
                sgrLower.appendMissing();
                sgrUpper.appendMissing();
                sgrP.appendMissing();
            }
            status.append(result.status().name());
            display.append(result.sgr().map(BootstrapEstimate::formatRatio).orElse("undefined"));
            // The ratio the paper prints, whatever its denominator; flagged where the guard withholds ours.
            paperSgr.append(result.unsupervisedEasyGap().estimate() / result.supervisionGap().estimate());
            paperFlag.append(result.isDefined() ? "" : "hidden by the guard: " + result.status().name());
            gap.append(100 * result.supervisionGap().estimate());
            easyGap.append(100 * result.unsupervisedEasyGap().estimate());
            easyGapLower.append(100 * result.unsupervisedEasyGap().lower());
            easyGapUpper.append(100 * result.unsupervisedEasyGap().upper());
            hardGap.append(100 * result.easyHardGap().estimate());
            hardGapLower.append(100 * result.easyHardGap().lower());
            hardGapUpper.append(100 * result.easyHardGap().upper());
            hardGapP.append(result.easyHardGap().pValue());
            shared.append(result.sharedItems());
            reason.append(result.reason());
        });
        return rounded(Table.create(name, label, unsupervised, easy, hard, sgr, sgrLower, sgrUpper, sgrP, status,
                display, paperSgr, paperFlag, gap, easyGap, easyGapLower, easyGapUpper, hardGap, hardGapLower, hardGapUpper, hardGapP,
                shared, reason));
    }

    /**
     * Item-level records as a table: one row per record with the condition's fields, and one {@code hardness: <name>}
     * column per measure found in any record (missing where a record lacks it).
     */
    public static Table itemResults(String name, Collection<ItemResult> records) {
        StringColumn item = StringColumn.create("item id");
        StringColumn dataset = StringColumn.create("dataset");
        StringColumn model = StringColumn.create("model");
        StringColumn method = StringColumn.create("method");
        StringColumn trainPool = StringColumn.create("train pool");
        StringColumn measure = StringColumn.create("hardness measure");
        IntColumn nTrain = IntColumn.create("n train");
        IntColumn bootstrap = IntColumn.create("bootstrap");
        BooleanColumn correct = BooleanColumn.create("correct");
        DoubleColumn gold = DoubleColumn.create("p(gold)");
        IntColumn predicted = IntColumn.create("predicted option");
        TreeSet<String> measures = new TreeSet<>();
        records.forEach(r -> measures.addAll(r.hardness().keySet()));
        List<DoubleColumn> hardness = new ArrayList<>();
        for (String m : measures) {
            hardness.add(DoubleColumn.create("hardness: " + m));
        }
        for (ItemResult r : records) {
            Condition c = r.condition();
            item.append(r.itemId());
            dataset.append(c.dataset());
            model.append(c.model());
            method.append(c.method());
            trainPool.append(c.trainPool());
            measure.append(c.hardnessMeasure());
            nTrain.append(c.nTrain());
            bootstrap.append(r.bootstrap());
            correct.append(r.correct());
            gold.append(r.goldProbability());
            if (r.predictedOption() == ItemResult.NO_PREDICTION) {
                predicted.appendMissing();
            } else {
                predicted.append(r.predictedOption());
            }
            int k = 0;
            for (String m : measures) {
                hardness.get(k++).append(r.hardness(m));
            }
        }
        Table table = Table.create(name, item, dataset, model, method, trainPool, measure, nTrain, bootstrap, correct,
                gold, predicted);
        hardness.forEach(table::addColumns);
        return table;
    }

    /** Sets the printed precision of every number column from its name; the stored values are untouched. */
    private static Table rounded(Table table) {
        for (Column<?> column : table.columns()) {
            if (column instanceof DoubleColumn numbers) {
                String name = numbers.name();
                int digits = name.contains("p-value") ? 4 : name.startsWith("SGR") || name.equals("CI level") ? 2 : 1;
                NumberFormat format = NumberFormat.getNumberInstance(Locale.ROOT);
                format.setGroupingUsed(false);
                format.setMinimumFractionDigits(digits);
                format.setMaximumFractionDigits(digits);
                numbers.setPrintFormatter(new NumberColumnFormatter(format, ""));
            }
        }
        return table;
    }
}
