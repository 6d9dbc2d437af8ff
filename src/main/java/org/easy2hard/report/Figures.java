package org.easy2hard.report;

import org.easy2hard.experiment.RunSummary;
import org.easy2hard.experiment.driver.CurvePoint;
import org.easy2hard.experiment.sheet.ExternalResults;
import org.easy2hard.experiment.sheet.ResultSheets;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.easy2hard.data.Dataset;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.hardness.HardnessTables;
import org.easy2hard.io.AtomicFiles;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.BootstrapEstimate;
import org.easy2hard.stats.Condition;
import org.easy2hard.stats.ItemResult;
import org.easy2hard.stats.SgrResult;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.HeatMapStyler;
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
    private static final FontRenderContext TEXT_MEASURE = new FontRenderContext(null, true, true);
    /** Pixels a bar needs at least, so that its error bar stays visible. */
    private static final int MIN_BAR_WIDTH = 30;
    private static final int MAX_WIDTH = 1800;

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
        CategoryChart chart = barChart(title, xTitle, "accuracy (%)", groups, conditions.size(), true);
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
        if (byMeasure.isEmpty()) {
            throw new IllegalArgumentException("no measures to plot");
        }
        Set<String> methodSet = new LinkedHashSet<>();
        byMeasure.values().forEach(methods -> methodSet.addAll(methods.keySet()));
        List<String> methods = List.copyOf(methodSet);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no methods to plot");
        }
        if (byMeasure.values().stream().flatMap(results -> results.values().stream()).noneMatch(SgrResult::isDefined)) {
            return sgrGapBars(byMeasure, methods);
        }
        List<String> labels = new ArrayList<>();
        byMeasure.forEach((measure, results) -> {
            List<String> undefined = results.entrySet().stream().filter(e -> !e.getValue().isDefined())
                    .map(Map.Entry::getKey).toList();
            if (undefined.isEmpty()) {
                labels.add(measure);
            } else if (undefined.size() == results.size()) {
                labels.add(measure + " (" + SGR_UNDEFINED + ")");
            } else {
                labels.add(measure + " (" + SGR_UNDEFINED + ": " + String.join(", ", undefined) + ")");
            }
        });
        // Both reference lines must be on the axis, and so must every interval.
        double low = 0;
        double high = 1;
        for (Map<String, SgrResult> results : byMeasure.values()) {
            for (SgrResult result : results.values()) {
                Optional<BootstrapEstimate> sgr = result.sgr();
                if (sgr.isPresent()) {
                    low = Math.min(low, sgr.get().estimate() - sgr.get().errorBar());
                    high = Math.max(high, sgr.get().estimate() + sgr.get().errorBar());
                }
            }
        }
        double pad = 0.08 * (high - low);
        CategoryChart chart = barChart("Supervision gap recovered (hard test items)", "hardness measure", "SGR",
                labels, methods.size(), true);
        chart.getStyler().setYAxisMin(low - pad);
        chart.getStyler().setYAxisMax(high + pad);
        chart.getStyler().setYAxisDecimalPattern("0.0#");
        List<Map<String, SgrResult>> rows = List.copyOf(byMeasure.values());
        for (int s = 0; s < methods.size(); s++) {
            String method = methods.get(s);
            List<Double> heights = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (Map<String, SgrResult> row : rows) {
                Optional<BootstrapEstimate> sgr = Optional.ofNullable(row.get(method)).flatMap(SgrResult::sgr);
                heights.add(sgr.map(BootstrapEstimate::estimate).orElse(Double.NaN));
                errors.add(sgr.map(BootstrapEstimate::errorBar).orElse(0.0));
            }
            chart.addSeries(method, labels, heights, errors).setFillColor(FigureStyle.OTHERS.get(s
                    % FigureStyle.OTHERS.size()));
        }
        chart.addAnnotation(new AnnotationLine(0, false, false));
        chart.addAnnotation(new AnnotationLine(1, false, false));
        return chart;
    }

    /** The gaps E - U and H - U (points, with error bars) of SGRs that are all undefined. */
    private static CategoryChart sgrGapBars(Map<String, Map<String, SgrResult>> byMeasure, List<String> methods) {
        List<String> labels = new ArrayList<>();
        List<SgrResult> results = new ArrayList<>();
        byMeasure.forEach((measure, byMethod) -> methods.stream().filter(byMethod::containsKey).forEach(method -> {
            labels.add(methods.size() > 1 ? measure + " / " + method : measure);
            results.add(byMethod.get(method));
        }));
        CategoryChart chart = barChart(SGR_GAPS_TITLE, "hardness measure", "gap (points)", labels, 2, true);
        List<List<Double>> heights = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> errors = List.of(new ArrayList<>(), new ArrayList<>());
        double low = 0;
        double high = 0;
        for (SgrResult result : results) {
            List<BootstrapEstimate> gaps = List.of(result.unsupervisedEasyGap(), result.supervisionGap());
            for (int g = 0; g < 2; g++) {
                double height = 100 * gaps.get(g).estimate();
                double error = 100 * gaps.get(g).errorBar();
                heights.get(g).add(height);
                errors.get(g).add(error);
                low = Math.min(low, height - error);
                high = Math.max(high, height + error);
            }
        }
        double pad = Math.max(0.5, 0.08 * (high - low));
        chart.getStyler().setYAxisMin(low - pad);
        chart.getStyler().setYAxisMax(high + pad);
        chart.addSeries(SGR_EASY_GAP, labels, heights.get(0), errors.get(0)).setFillColor(FigureStyle.OTHERS.get(0));
        chart.addSeries(SGR_HARD_GAP, labels, heights.get(1), errors.get(1))
                .setFillColor(FigureStyle.OTHERS.get(1 % FigureStyle.OTHERS.size()));
        chart.addAnnotation(new AnnotationLine(0, false, false));
        return chart;
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
        if (measures.size() < 2) {
            throw new IllegalArgumentException("a correlation heat map needs at least two measures");
        }
        double[][] matrix = HardnessTables.correlationMatrix(dataset,
                measures.stream().map(HardnessMeasure::name).toList());
        List<String> labels = measures.stream().map(HardnessMeasure::label).toList();
        int n = labels.size();
        // XChart counts heat-map rows from the bottom; reversing the y labels reads like a printed matrix.
        List<String> rowLabels = new ArrayList<>(labels);
        java.util.Collections.reverse(rowLabels);
        List<Number[]> cells = new ArrayList<>();
        for (int row = 0; row < n; row++) {
            for (int column = 0; column < n; column++) {
                if (!Double.isNaN(matrix[row][column])) {
                    cells.add(new Number[] {column, n - 1 - row, matrix[row][column]});
                }
            }
        }
        int side = Math.max(420, 90 * n);
        double widest = labels.stream().mapToDouble(label -> textWidth(label)).max().orElse(0);
        // The theme constructor, not HeatMapChart(int, int): in XChart 4.0.3 only a theme fills in the heat-map
        // defaults (colour range, value font, plot size); without it the chart paints nothing but stray text.
        HeatMapChart chart = new HeatMapChart((int) Math.min(MAX_WIDTH, side + widest + 200),
                (int) Math.min(MAX_WIDTH, side + 120), Styler.ChartTheme.XChart);
        chart.setTitle("Spearman correlation of hardness measures (" + dataset.name() + ")");
        HeatMapStyler styler = chart.getStyler();
        FigureStyle.applyAxes(styler);
        styler.setPlotGridHorizontalLinesVisible(false);
        styler.setRangeColors(FigureStyle.DIVERGING);
        styler.setMin(-1);
        styler.setMax(1);
        styler.setShowValue(true);
        styler.setValueFont(FigureStyle.CELL);
        styler.setValueFontColor(FigureStyle.TEXT);
        // XChart paints cell values with this pattern (its formatter function is not used for cell text).
        styler.setHeatMapValueDecimalPattern("0.00");
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setPiecewise(false);
        styler.setDrawBorder(true);
        if (widest > side / n - 10) {
            styler.setXAxisLabelRotation(35);
        }
        chart.setXAxisTitle("hardness measure");
        chart.setYAxisTitle("hardness measure");
        HeatMapSeries series = chart.addSeries("Spearman ρ", labels, rowLabels, cells);
        series.setMin(-1);
        series.setMax(1);
        return chart;
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
        CategoryChart chart = barChart("Accuracy by test-item hardness", xTitle, "accuracy (%), mean ± 95% CI", labels,
                1, true);
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
        BufferedImage image = toImage(chart, scale);
        AtomicFiles.write(file, temporary -> {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
        return file;
    }

    /**
     * Writes a chart as SVG (XChart's VectorGraphics2D encoder), atomically, creating missing folders.
     *
     * @return the file written
     */
    public static Path saveSvg(IChart chart, Path file) throws IOException {
        AtomicFiles.write(file, temporary -> {
            // The temporary file is created owner-only; writing a fresh one gives the usual permissions (umask),
            // like the PNG, so a figure folder can be served or shared as is.
            Files.delete(temporary);
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW)) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            }
        });
        return file;
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
        Objects.requireNonNull(chart, "chart");
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive, was " + scale);
        }
        int width = (int) Math.round(chart.getWidth() * scale);
        int height = (int) Math.round(chart.getHeight() * scale);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            graphics.scale(scale, scale);
            chart.paint(graphics, chart.getWidth(), chart.getHeight());
        } finally {
            graphics.dispose();
        }
        return image;
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /**
     * A styled, empty bar chart wide enough for its bars and labels; labels that would still collide are rotated.
     */
    private static CategoryChart barChart(String title, String xTitle, String yTitle, List<String> categories,
            int seriesCount, boolean legend) {
        double widest = categories.stream().mapToDouble(Figures::textWidth).max().orElse(0);
        double perCategory = Math.max(seriesCount * MIN_BAR_WIDTH / 0.8, widest + 24);
        int width = (int) Math.min(MAX_WIDTH, Math.max(FigureStyle.WIDTH, 140 + categories.size() * perCategory));
        CategoryChart chart = new CategoryChart(width, FigureStyle.HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        FigureStyle.applyBars(chart.getStyler(), legend);
        double slot = (width - 140.0) / categories.size();
        if (widest + 12 > slot) {
            chart.getStyler().setXAxisLabelRotation(30);
        }
        return chart;
    }

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

    private static double textWidth(String text) {
        return FigureStyle.TICK.getStringBounds(text, TEXT_MEASURE).getWidth();
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
