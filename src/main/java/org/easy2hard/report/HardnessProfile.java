package org.easy2hard.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.TDistribution;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.ItemResult;

/**
 * Accuracy against test-item hardness for one condition, binned the way the paper's accuracy-vs-hardness plots are
 * (paper-spec §6):
 *
 * <ol>
 *   <li>each test item's accuracy is its correctness averaged over the bootstraps that tested it;</li>
 *   <li>a measure with at least {@value #MIN_DISTINCT_FOR_BINNING} distinct values is cut into
 *       {@value #EQUAL_WIDTH_BINS} equal-width bins between its smallest and largest value; otherwise every distinct
 *       value is its own bar;</li>
 *   <li>each bar shows the mean of its items' accuracies &plusmn; {@code t(0.975, n - 1) * SE}, with SE the sample
 *       standard deviation over {@code sqrt(n)};</li>
 *   <li>bars with SE &ge; {@value #MAX_STANDARD_ERROR} are dropped, because their interval would span most of the
 *       axis. Bars with a single item have no SE and are dropped too.</li>
 * </ol>
 *
 * <p>Bins are closed on the right like pandas' {@code pd.cut} (which the paper's plotting code uses): a value on an
 * inner edge belongs to the lower bin, and the first bin also holds the minimum.
 *
 * @param measure the hardness measure's name, as the records carry it
 * @param binned  whether equal-width bins were used (true) or one bar per distinct value (false)
 * @param kept    the bars to draw, in increasing hardness
 * @param dropped the non-empty bars left out because their SE was at least {@value #MAX_STANDARD_ERROR} (or undefined)
 * @param itemsWithoutValue test items that had no value for the measure and so appear in no bar
 */
public record HardnessProfile(String measure, boolean binned, List<HardnessBin> kept, List<HardnessBin> dropped,
        int itemsWithoutValue) {

    /** A measure with at least this many distinct values is binned rather than plotted value by value. */
    public static final int MIN_DISTINCT_FOR_BINNING = 9;
    /** How many equal-width bins a binned measure gets. */
    public static final int EQUAL_WIDTH_BINS = 4;
    /** Bars whose standard error reaches this (on the 0–1 accuracy scale) are dropped. */
    public static final double MAX_STANDARD_ERROR = 0.1;
    /** The interval's two-sided coverage. */
    public static final double CONFIDENCE = 0.95;

    /** Copies the lists. */
    public HardnessProfile {
        Objects.requireNonNull(measure, "measure");
        kept = List.copyOf(kept);
        dropped = List.copyOf(dropped);
    }

    /**
     * Computes the profile of one condition's item-level records.
     *
     * @param records the records of one condition (any number of bootstraps)
     * @param measure the hardness measure's name in the records' hardness maps
     * @throws IllegalArgumentException when the records are empty, mix conditions or no item has a value for the
     *                                  measure
     */
    public static HardnessProfile of(List<ItemResult> records, String measure) {
        Objects.requireNonNull(measure, "measure");
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no records to plot against " + measure);
        }
        Condition condition = records.get(0).condition();
        // Mixing conditions would average, say, easy- and hard-trained outcomes into one bar.
        for (ItemResult record : records) {
            if (!record.condition().equals(condition)) {
                throw new IllegalArgumentException("records of one condition expected, found " + condition.label()
                        + " and " + record.condition().label());
            }
        }
        Map<String, double[]> sums = new LinkedHashMap<>(); // item id -> {sum of correctness, count, hardness}
        for (ItemResult record : records) {
            double[] sum = sums.computeIfAbsent(record.itemId(), id -> new double[] {0, 0, record.hardness(measure)});
            sum[0] += record.correctness();
            sum[1] += 1;
        }
        List<double[]> items = new ArrayList<>(); // {hardness, accuracy}
        int withoutValue = 0;
        for (double[] sum : sums.values()) {
            if (Double.isNaN(sum[2])) {
                withoutValue++;
            } else {
                items.add(new double[] {sum[2], sum[0] / sum[1]});
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no test item has a value for " + measure);
        }
        TreeSet<Double> distinct = new TreeSet<>();
        items.forEach(item -> distinct.add(item[0]));
        boolean binned = distinct.size() >= MIN_DISTINCT_FOR_BINNING;
        List<List<double[]>> groups = new ArrayList<>();
        List<double[]> edges = new ArrayList<>(); // {lower, upper} per group
        if (binned) {
            double min = distinct.first();
            double max = distinct.last();
            double width = (max - min) / EQUAL_WIDTH_BINS;
            for (int b = 0; b < EQUAL_WIDTH_BINS; b++) {
                groups.add(new ArrayList<>());
                // The last edge is the maximum itself, so rounding of min + 4 * width cannot leave it out.
                edges.add(new double[] {min + b * width, b == EQUAL_WIDTH_BINS - 1 ? max : min + (b + 1) * width});
            }
            for (double[] item : items) {
                int b = 0;
                while (b < EQUAL_WIDTH_BINS - 1 && item[0] > edges.get(b)[1]) {
                    b++;
                }
                groups.get(b).add(item);
            }
        } else {
            for (double value : distinct) {
                groups.add(new ArrayList<>());
                edges.add(new double[] {value, value});
            }
            List<Double> values = new ArrayList<>(distinct);
            for (double[] item : items) {
                groups.get(values.indexOf(item[0])).add(item);
            }
        }
        List<HardnessBin> kept = new ArrayList<>();
        List<HardnessBin> dropped = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<double[]> group = groups.get(g);
            if (group.isEmpty()) {
                continue;
            }
            double[] edge = edges.get(g);
            String label = binned ? formatValue(edge[0]) + "–" + formatValue(edge[1]) : formatValue(edge[0]);
            HardnessBin bin = summarize(label, edge[0], edge[1], group);
            if (bin.standardError() < MAX_STANDARD_ERROR) {
                kept.add(bin);
            } else {
                dropped.add(bin); // NaN (one item) also lands here: NaN < x is false
            }
        }
        return new HardnessProfile(measure, binned, kept, dropped, withoutValue);
    }

    private static HardnessBin summarize(String label, double lower, double upper, List<double[]> group) {
        int n = group.size();
        double mean = group.stream().mapToDouble(item -> item[1]).sum() / n;
        if (n < 2) {
            return new HardnessBin(label, lower, upper, n, mean, Double.NaN, Double.NaN);
        }
        double squares = group.stream().mapToDouble(item -> (item[1] - mean) * (item[1] - mean)).sum();
        double standardError = Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability((1 + CONFIDENCE) / 2);
        return new HardnessBin(label, lower, upper, n, mean, standardError, t * standardError);
    }

    /** Integers without a decimal point ("3"), other values with up to two decimals ("2.75"). */
    static String formatValue(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
