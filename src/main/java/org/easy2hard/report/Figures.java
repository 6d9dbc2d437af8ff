package org.easy2hard.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.easy2hard.data.Dataset;
import org.easy2hard.experiment.RunSummary;
import org.easy2hard.experiment.driver.CurvePoint;
import org.easy2hard.experiment.sheet.ExternalResults;
import org.easy2hard.experiment.sheet.ResultSheets;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.BootstrapEstimate;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.ItemResult;
import org.easy2hard.stats.SgrResult;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

/**
 * The paper's figures as XChart charts, one static factory per kind, plus PNG / SVG export that works headless.
 *
 * <p><b>Error bars.</b> XChart 4.0.3 draws only symmetric error bars on category charts. Bars therefore show the
 * plug-in estimate &plusmn; the paper's {@code error_bar} ({@link BootstrapEstimate#errorBar()}: the mean distance
 * from the bootstrap mean to the two percentile ends, which is half the interval's width whenever the bootstrap mean
 * lies inside it). The exact, possibly asymmetric, 95% percentile interval is in the tables of
 * {@link org.easy2hard.stats.StatsTables}.
 *
 * <p>All charts share one theme (fonts of 13–18 pt, white background, legend below the plot, Unsupervised grey,
 * Easy blue, Medium green, Hard orange-red). Factories return ordinary XChart objects, so a caller can restyle them.
 */
public final class Figures {

    /** Title of the Unsupervised / Easy / Hard bar chart. */
    public static final String EASY_HARD_TITLE = "Accuracy on hard test items";
    /** The suffix added to a category label when its SGR is undefined. */
    public static final String SGR_UNDEFINED = "SGR undefined";
    /** Title of the SGR chart when every SGR is undefined and it shows their gaps instead. */
    public static final String SGR_GAPS_TITLE = "SGR undefined: easy - unsupervised and hard - unsupervised "
            + "(hard test items)";
    /** Series of E - U in {@link #SGR_GAPS_TITLE}. */
    public static final String SGR_EASY_GAP = "easy - unsupervised";
    /** Series of H - U in {@link #SGR_GAPS_TITLE}. */
    public static final String SGR_HARD_GAP = "hard - unsupervised";
    /** PNG files are rendered at this multiple of the chart's size, so they stay sharp on high-density screens. */
    public static final double DEFAULT_PNG_SCALE = 2.0;

    /** The order in which known conditions appear in the legend; others follow in first-seen order. */
    private static final List<String> CONDITION_ORDER = List.of("unsupervised", "easy", "medium", "hard");

    private Figures() {
    }

    // ---------------------------------------------------------------------------------------------- accuracy bars

    /**
     * Grouped bars of hard-test accuracy (%) with 95% error bars, one group per (dataset &times; hardness measure),
     * one bar per condition (Unsupervised, Easy, Medium when present, Hard).
     *
     * @param groups group label (e.g. {@code "ARC / grade"}) &rarr; condition name ({@code "Unsupervised"},
     *               {@code "Easy"}, ...) &rarr; its accuracy; map order is group order. A condition missing from a
     *               group gets no bar there.
     * @param chance the chance accuracy in [0, 1], drawn as a dashed line and named in the x-axis title; NaN for none
     * @return bars of {@code 100 * estimate} with error bars {@code 100 * errorBar}; the y axis is 0–100, widened
     *     only where an error bar reaches beyond it
     * @throws IllegalArgumentException when there are no groups or no conditions
     */
    public static CategoryChart easyHardBars(Map<String, Map<String, AccuracyResult>> groups, double chance) {
        return accuracyBars(EASY_HARD_TITLE, "dataset / hardness measure", groups, chance);
    }

    /** {@link #easyHardBars(Map, double)} without a chance line. */
    public static CategoryChart easyHardBars(Map<String, Map<String, AccuracyResult>> groups) {
        return easyHardBars(groups, Double.NaN);
    }

    /**
     * {@link #easyHardBars(Map, double)} from run summaries: each run's {@link RunSummary#hardTestAccuracy()} table
     * (its plug-in accuracy and error bar columns), so the chart shows exactly the numbers the summary prints.
     *
     * @param runs   group label (e.g. {@code "ARC / grade"}) &rarr; the run's summary
     * @param chance the chance accuracy in [0, 1]; NaN for none
     */
    public static CategoryChart easyHardBarsOfRuns(Map<String, RunSummary> runs, double chance) {
        Map<String, Map<String, Bar>> bars = new LinkedHashMap<>();
        runs.forEach((group, summary) -> {
            Table table = summary.hardTestAccuracy();
            Map<String, Bar> row = new LinkedHashMap<>();
            for (int i = 0; i < table.rowCount(); i++) {
                row.put(table.stringColumn("condition").get(i), new Bar(
                        table.doubleColumn("plug-in accuracy (%)").getDouble(i),
                        table.doubleColumn("± error bar (%)").getDouble(i)));
            }
            bars.put(group, row);
        });
        return accuracyBars(bars, chance);
    }

    /**
     * {@link #easyHardBars(Map, double)} from result sheets ({@link ExternalResults}): each comparison's hard-test
     * accuracies and error bars as the sheet gives them (no bar of error where the sheet has none). Groups of runs
     * and of sheets can be drawn side by side by turning the runs into sheets first ({@link ResultSheets#sheet}).
     *
     * @param groups group label (e.g. {@code "ours"}, {@code "paper, Llama-2-70b"}) &rarr; its comparison
     * @param chance the chance accuracy in [0, 1]; NaN for none
     */
    public static CategoryChart easyHardBarsOfSheets(Map<String, ExternalResults.Comparison> groups, double chance) {
        Map<String, Map<String, Bar>> bars = new LinkedHashMap<>();
        groups.forEach((group, comparison) -> {
            Map<String, Bar> row = new LinkedHashMap<>();
            comparison.arms().forEach((arm, value) -> row.put(arm, new Bar(100 * value.accuracy(),
                    Double.isNaN(value.errorBar()) ? 0 : 100 * value.errorBar())));
            bars.put(group, row);
        });
        return accuracyBars(bars, chance);
    }

    /**
     * {@link #easyHardBars(Map, double)} with its own title and x-axis title, e.g. Figure 1's "Accuracy on College
     * STEM Questions" with one group per model and one bar per training source.
     */
    public static CategoryChart accuracyBars(String title, String xTitle,
            Map<String, Map<String, AccuracyResult>> groups, double chance) {
        Map<String, Map<String, Bar>> bars = new LinkedHashMap<>();
        groups.forEach((group, conditions) -> {
            Map<String, Bar> row = new LinkedHashMap<>();
            conditions.forEach((condition, result) -> row.put(condition,
                    new Bar(100 * result.estimate(), 100 * result.accuracy().errorBar())));
            bars.put(group, row);
        });
        return drawBars(title, xTitle, bars, chance);
    }

    private static CategoryChart accuracyBars(Map<String, Map<String, Bar>> bars, double chance) {
        return drawBars(EASY_HARD_TITLE, "dataset / hardness measure", bars, chance);
    }

    private static CategoryChart drawBars(String title, String xAxis, Map<String, Map<String, Bar>> bars,
            double chance) {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("no groups to plot");
        }
        List<String> groups = List.copyOf(bars.keySet());
        List<String> conditions = orderedConditions(bars);
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("no conditions to plot");
        }
        String xTitle = xAxis;
        if (!Double.isNaN(chance)) {
            xTitle += "   (dashed line: chance, " + PercentText.of(100 * chance) + "%)";
        }
        CategoryChart chart = ChartLayout.barChart(title, xTitle, "accuracy (%)", groups, conditions.size(), true);
        List<Bar> all = new ArrayList<>();
        bars.values().forEach(row -> all.addAll(row.values()));
        percentAxis(chart, all);
        for (int s = 0; s < conditions.size(); s++) {
            String condition = conditions.get(s);
            List<Double> heights = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String group : groups) {
                Bar bar = bars.get(group).get(condition);
                heights.add(bar == null ? Double.NaN : bar.height());
                errors.add(bar == null ? 0.0 : bar.error());
            }
            CategorySeries series = chart.addSeries(condition, groups, heights, errors);
            series.setFillColor(FigureStyle.seriesColor(condition, s));
        }
        if (!Double.isNaN(chance)) {
            chart.addAnnotation(new AnnotationLine(100 * chance, false, false));
        }
        return chart;
    }

    /** Known conditions first (Unsupervised, Easy, Medium, Hard), then the rest as they first appear. */
    private static List<String> orderedConditions(Map<String, Map<String, Bar>> bars) {
        Set<String> seen = new LinkedHashSet<>();
        bars.values().forEach(row -> seen.addAll(row.keySet()));
        List<String> ordered = new ArrayList<>();
        for (String known : CONDITION_ORDER) {
            seen.stream().filter(name -> name.toLowerCase(Locale.ROOT).equals(known)).forEach(ordered::add);
        }
        seen.stream().filter(name -> !ordered.contains(name)).forEach(ordered::add);
        return ordered;
    }

    // ------------------------------------------------------------------------------------------------ accuracy curves

    /**
     * Accuracy curves with error bars: one line per series (e.g. "Easy", "Hard"), x as given (labelling cost, noise
     * rate), y = {@code 100 * accuracy} &plusmn; {@code 100 * errorBar}. A series of a single point (the unsupervised
     * baseline) is drawn as a marker without a line.
     *
     * @param curves series name &rarr; its points in x order; map order is legend order
     * @throws IllegalArgumentException when there is no point to draw
     */
    public static XYChart accuracyCurves(String title, String xTitle, Map<String, List<CurvePoint>> curves) {
        if (curves.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("no points to plot");
        }
        XYChart chart = new XYChart(FigureStyle.WIDTH, FigureStyle.HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle("accuracy (%), 95% error bars");
        XYStyler styler = chart.getStyler();
        FigureStyle.applyAxes(styler);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setErrorBarsColorSeriesColor(true);
        styler.setMarkerSize(9);
        styler.setYAxisDecimalPattern("#0");
        styler.setXAxisDecimalPattern("#0.##");
        double low = 100;
        double high = 0;
        int index = 0;
        for (Map.Entry<String, List<CurvePoint>> entry : curves.entrySet()) {
            List<CurvePoint> points = entry.getValue();
            if (points.isEmpty()) {
                continue;
            }
            double[] x = points.stream().mapToDouble(CurvePoint::x).toArray();
            double[] y = points.stream().mapToDouble(p -> 100 * p.accuracy().estimate()).toArray();
            double[] e = points.stream().mapToDouble(p -> 100 * p.accuracy().accuracy().errorBar()).toArray();
            for (int i = 0; i < y.length; i++) {
                low = Math.min(low, y[i] - e[i]);
                high = Math.max(high, y[i] + e[i]);
            }
            XYSeries series = chart.addSeries(entry.getKey(), x, y, e);
            java.awt.Color colour = FigureStyle.seriesColor(entry.getKey(), index++);
            series.setLineColor(colour);
            series.setMarkerColor(colour);
            series.setMarker(SeriesMarkers.CIRCLE);
            if (points.size() == 1) {
                series.setLineStyle(SeriesLines.NONE);
            }
        }
        // A band around the data, in whole multiples of 5, so that small differences stay visible.
        styler.setYAxisMin(Math.max(0, Math.floor((low - 2) / 5) * 5));
        styler.setYAxisMax(Math.min(100, Math.ceil((high + 2) / 5) * 5));
        return chart;
    }

    // --------------------------------------------------------------------------------------------------- SGR bars

    /**
     * Supervision Gap Recovered per hardness measure (groups) and method (bars), with error bars, and dashed
     * reference lines at 0 (easy data no better than none) and 1 (easy data as good as hard).
     *
     * <p>An undefined SGR is never drawn as a number: its bar is left out and the group's label says so, e.g.
     * {@code "grade (SGR undefined)"}, or {@code "grade (SGR undefined: ICL)"} when only some methods are undefined.
     * When every SGR is undefined, an empty chart would teach nothing: the chart then shows what makes them
     * undefined, the two gaps E &minus; U and H &minus; U in points with their error bars, per measure (and method),
     * titled {@link #SGR_GAPS_TITLE}.
     *
     * @param byMeasure measure label &rarr; method name &rarr; SGR; map order is drawing order
     * @return bars of {@code sgr.estimate()} with error bars {@code sgr.errorBar()}
     * @throws IllegalArgumentException when there is nothing to plot
     */
    public static CategoryChart sgrBars(Map<String, Map<String, SgrResult>> byMeasure) {
        return SgrCharts.bars(byMeasure);
    }

    // -------------------------------------------------------------------------------------------------- heat map

    /**
     * The Spearman correlation matrix of hardness measures as a heat map (the paper's RQ1 figure): a diverging scale
     * from &minus;1 (blue) through 0 (white) to +1 (red), the value printed in each cell. The first measure is the
     * top row and the left column; pairs without a defined correlation (e.g. a constant measure) are left blank.
     *
     * @param dataset  the items whose hardness values are correlated (the probing set)
     * @param measures the measures, in display order; their labels name the rows and columns
     * @throws IllegalArgumentException when fewer than two measures are given
     */
    public static HeatMapChart correlationHeatMap(Dataset dataset, List<HardnessMeasure> measures) {
        return HeatMaps.correlation(dataset, measures);
    }

    // -------------------------------------------------------------------------------------- accuracy by hardness

    /**
     * Accuracy against test-item hardness for one condition, binned as in the paper ({@link HardnessProfile}): bars
     * of mean per-item accuracy (%) &plusmn; {@code t(0.975, n-1) * SE}, with the number of items in each label.
     * Bars dropped for a large SE are counted in the x-axis title.
     *
     * @param records      the item-level records of one condition
     * @param measure      the hardness measure's name in the records
     * @param measureLabel the measure's readable label for the axis, e.g. "Grade level"
     * @throws IllegalArgumentException as {@link HardnessProfile#of(List, String)}, or when every bar was dropped
     */
    public static CategoryChart accuracyByHardness(List<ItemResult> records, String measure, String measureLabel) {
        HardnessProfile profile = HardnessProfile.of(records, measure);
        Condition condition = records.get(0).condition();
        // The condition's full label is too long for a legend; method, pool and size say what the bars are.
        String name = condition.dataset() + " · " + condition.method() + " · train: " + condition.trainPool()
                + (condition.isUnsupervised() ? "" : " (n=" + condition.nTrain() + ")");
        return accuracyByHardness(profile, measureLabel, name, condition.trainPool());
    }

    /**
     * The chart of an already computed profile.
     *
     * @param profile        the bars
     * @param measureLabel   the measure's readable label for the axis
     * @param seriesName     what the bars are (the condition), shown in the legend
     * @param trainPool      the condition's training pool ({@code "easy"}, {@code "none"}, ...), which picks the colour
     * @throws IllegalArgumentException when every bar was dropped
     */
    public static CategoryChart accuracyByHardness(HardnessProfile profile, String measureLabel, String seriesName,
            String trainPool) {
        if (profile.kept().isEmpty()) {
            throw new IllegalArgumentException("every bar of " + profile.measure() + " has SE >= "
                    + HardnessProfile.MAX_STANDARD_ERROR + " or a single item; nothing to draw");
        }
        List<String> labels = profile.kept().stream().map(bin -> bin.label() + " (n=" + bin.items() + ")").toList();
        String xTitle = measureLabel + (profile.binned() ? " (4 equal-width bins)" : "");
        if (!profile.dropped().isEmpty()) {
            xTitle += "; " + profile.dropped().size() + " bar(s) with SE ≥ 0.1 not shown";
        }
        CategoryChart chart = ChartLayout.barChart("Accuracy by test-item hardness", xTitle,
                "accuracy (%), mean ± 95% CI", labels, 1, true);
        List<Double> heights = profile.kept().stream().map(bin -> 100 * bin.mean()).toList();
        List<Double> errors = profile.kept().stream().map(bin -> 100 * bin.halfWidth()).toList();
        percentAxis(chart, profile.kept().stream().map(bin -> new Bar(100 * bin.mean(), 100 * bin.halfWidth()))
                .toList());
        chart.addSeries(seriesName, labels, heights, errors)
                .setFillColor(FigureStyle.seriesColor(trainPool, 0));
        return chart;
    }

    // ----------------------------------------------------------------------------------------------------- output

    /**
     * Writes a chart as PNG at {@link #DEFAULT_PNG_SCALE} times its size, atomically (a temporary file in the same
     * folder renamed over the target), creating missing folders.
     *
     * @return the file written
     */
    public static Path savePng(IChart chart, Path file) throws IOException {
        return savePng(chart, file, DEFAULT_PNG_SCALE);
    }

    /**
     * Writes a chart as PNG at {@code scale} times its size (the layout is that of the chart's own size, only
     * sharper), atomically, creating missing folders.
     *
     * @return the file written
     * @throws IllegalArgumentException when the scale is not positive
     */
    public static Path savePng(IChart chart, Path file, double scale) throws IOException {
        return ChartFiles.savePng(chart, file, scale);
    }

    /**
     * Writes a chart as SVG (XChart's VectorGraphics2D encoder), atomically, creating missing folders.
     *
     * @return the file written
     */
    public static Path saveSvg(IChart chart, Path file) throws IOException {
        return ChartFiles.saveSvg(chart, file);
    }

    /** The chart rendered at its own size, e.g. for display in a notebook. Works headless. */
    public static BufferedImage toImage(IChart chart) {
        return toImage(chart, 1.0);
    }

    /**
     * The chart rendered at {@code scale} times its size.
     *
     * @throws IllegalArgumentException when the scale is not positive
     */
    public static BufferedImage toImage(IChart chart, double scale) {
        return ChartFiles.toImage(chart, scale);
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /**
     * A 0–100 axis, widened only as far as a symmetric error bar reaches past it: XChart draws error bars beyond the
     * axis range over the title and tick labels, and a wider axis is more honest than a clipped bar. (Small samples
     * do this: 90% &plusmn; 15 points.)
     */
    private static void percentAxis(CategoryChart chart, List<Bar> bars) {
        double low = 0;
        double high = 100;
        for (Bar bar : bars) {
            if (!Double.isNaN(bar.height())) {
                low = Math.min(low, bar.height() - bar.error());
                high = Math.max(high, bar.height() + bar.error());
            }
        }
        chart.getStyler().setYAxisMin(low < 0 ? Math.floor(low / 5) * 5 : 0.0);
        chart.getStyler().setYAxisMax(high > 100 ? Math.ceil(high / 5) * 5 : 100.0);
        chart.getStyler().setYAxisDecimalPattern("#0");
    }

    /** One bar: its height and symmetric error, in the chart's units. */
    private record Bar(double height, double error) {
    }

    /** Short percentages for titles: "25", "33.3". */
    private static final class PercentText {
        private PercentText() {
        }

        static String of(double percent) {
            return HardnessProfile.formatValue(Math.round(percent * 10) / 10.0);
        }
    }
}
