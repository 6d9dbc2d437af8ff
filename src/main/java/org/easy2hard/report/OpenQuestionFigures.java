package org.easy2hard.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.easy2hard.experiment.driver.CrossDomain;
import org.easy2hard.experiment.driver.HardnessWindow;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.BootstrapEstimate;
import org.easy2hard.stats.SgrResult;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationTextPanel;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Figures of the open questions (notebook {@code 06-open-questions}): the hardness window's accuracy and SGR against
 * the train–test gap, and the cross-domain SGR heat map. Undefined numbers are never drawn as numbers: a window
 * without an SGR has no point, and an undefined cell is left blank with its reason written under the matrix.
 */
public final class OpenQuestionFigures {

    /** The title's note when no window has an SGR and the chart shows the gaps instead. */
    public static final String UNDEFINED_AT_EVERY_WINDOW = "SGR undefined at every window, showing the gaps";
    /** The series of E - U in the gap charts. */
    public static final String SGR_EASY_GAP = "window - unsupervised (E - U)";
    /** The series of H - U in the gap charts. */
    public static final String SGR_HARD_GAP = "hard - unsupervised (H - U)";

    /** The title's note when no cell has an SGR and the heat map shows E - U instead. */
    public static final String UNDEFINED_EVERYWHERE = "SGR undefined in every cell, showing easy - unsupervised (points)";

    private OpenQuestionFigures() {
    }

    /**
     * Hard-test accuracy (%) against the train–test gap, one point per window that ran and one for the hard reference
     * (gap 0), with 95% error bars; skipped windows are counted in the x-axis title.
     *
     * @throws IllegalArgumentException when no window has an accuracy
     */
    public static XYChart windowAccuracy(String title, List<HardnessWindow.Point> points) {
        List<HardnessWindow.Point> drawn = points.stream().filter(p -> p.accuracy().isPresent()).toList();
        if (drawn.isEmpty()) {
            throw new IllegalArgumentException("no window has an accuracy to plot");
        }
        double[] x = drawn.stream().mapToDouble(HardnessWindow.Point::gap).toArray();
        double[] y = drawn.stream().mapToDouble(p -> 100 * p.accuracy().map(AccuracyResult::estimate).orElseThrow())
                .toArray();
        double[] e = drawn.stream().mapToDouble(p -> 100 * p.accuracy().orElseThrow().accuracy().errorBar())
                .toArray();
        XYChart chart = chart(title, skippedNote(points), "accuracy on the hardest bin (%), 95% error bars");
        addSeries(chart, "trained on a window", x, y, e, FigureStyle.EASY);
        chart.getStyler().setYAxisDecimalPattern("#0");
        return chart;
    }

    /**
     * SGR against the train–test gap with 95% error bars and dashed lines at 0 and 1; windows whose SGR is undefined
     * are left out and counted in the x-axis title (the table says why). When no window has a defined SGR, the chart
     * shows what makes them undefined instead, E &minus; U and H &minus; U in points against the gap, titled with
     * {@link #UNDEFINED_AT_EVERY_WINDOW}.
     *
     * @throws IllegalArgumentException when no window has an SGR result (none ran, or the model has no baseline)
     */
    public static XYChart windowSgr(String title, List<HardnessWindow.Point> points) {
        List<HardnessWindow.Point> drawn = points.stream().filter(p -> p.sgr().filter(SgrResult::isDefined)
                .isPresent()).toList();
        if (drawn.isEmpty()) {
            return windowGaps(title, points);
        }
        double[] x = drawn.stream().mapToDouble(HardnessWindow.Point::gap).toArray();
        double[] y = drawn.stream().mapToDouble(p -> ratio(p.sgr()).estimate()).toArray();
        double[] e = drawn.stream().mapToDouble(p -> ratio(p.sgr()).errorBar()).toArray();
        long undefined = points.stream().filter(p -> p.accuracy().isPresent()).count() - drawn.size();
        String note = skippedNote(points) + (undefined > 0 ? "; " + undefined + " without a defined SGR" : "");
        XYChart chart = chart(title, note, "SGR = (E - U) / (H - U), 95% error bars");
        addSeries(chart, "SGR", x, y, e, FigureStyle.HARD);
        chart.addAnnotation(new AnnotationLine(0, false, false));
        chart.addAnnotation(new AnnotationLine(1, false, false));
        chart.getStyler().setYAxisDecimalPattern("0.0");
        return chart;
    }

    private static XYChart windowGaps(String title, List<HardnessWindow.Point> points) {
        List<HardnessWindow.Point> withGaps = points.stream().filter(p -> p.sgr().isPresent()).toList();
        if (withGaps.isEmpty()) {
            throw new IllegalArgumentException("no window has an SGR result to plot (none ran, or no baseline)");
        }
        double[] x = withGaps.stream().mapToDouble(HardnessWindow.Point::gap).toArray();
        XYChart chart = chart(title + ": " + UNDEFINED_AT_EVERY_WINDOW, skippedNote(points),
                "gap in accuracy (points), 95% error bars");
        addSeries(chart, SGR_EASY_GAP, x, withGaps.stream().mapToDouble(p -> 100 * p.sgr().orElseThrow()
                .unsupervisedEasyGap().estimate()).toArray(), withGaps.stream().mapToDouble(p -> 100 * p.sgr()
                .orElseThrow().unsupervisedEasyGap().errorBar()).toArray(), FigureStyle.EASY);
        addSeries(chart, SGR_HARD_GAP, x, withGaps.stream().mapToDouble(p -> 100 * p.sgr().orElseThrow()
                .supervisionGap().estimate()).toArray(), withGaps.stream().mapToDouble(p -> 100 * p.sgr()
                .orElseThrow().supervisionGap().errorBar()).toArray(), FigureStyle.HARD);
        chart.getSeries(SGR_HARD_GAP).setLineStyle(SeriesLines.DASH_DASH);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setYAxisDecimalPattern("#0");
        chart.addAnnotation(new AnnotationLine(0, false, false));
        return chart;
    }

    private static BootstrapEstimate ratio(Optional<SgrResult> sgr) {
        return sgr.orElseThrow().sgr().orElseThrow();
    }

    private static String skippedNote(List<HardnessWindow.Point> points) {
        long skipped = points.stream().filter(p -> p.accuracy().isEmpty()).count();
        return "train-test gap (test bin centre - window centre)" + (skipped > 0 ? "; " + skipped
                + " window(s) too small, not run" : "");
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChart(FigureStyle.WIDTH, FigureStyle.HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        XYStyler styler = chart.getStyler();
        FigureStyle.applyAxes(styler);
        styler.setLegendVisible(false);
        styler.setErrorBarsColorSeriesColor(true);
        styler.setMarkerSize(9);
        styler.setXAxisDecimalPattern("#0.##");
        return chart;
    }

    private static void addSeries(XYChart chart, String name, double[] x, double[] y, double[] e,
            java.awt.Color colour) {
        XYSeries series = chart.addSeries(name, x, y, e);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setMarker(SeriesMarkers.CIRCLE);
        if (x.length == 1) {
            series.setLineStyle(SeriesLines.NONE);
        }
    }

    /** A cell-sized version of why a cell has no SGR (the table has the full sentence). */
    static String shortNote(String note) {
        if (note.startsWith("source ")) {
            return "not run: pool too small";
        }
        if (note.startsWith("target ")) {
            return "not run: too few hard items";
        }
        if (note.startsWith("option formats differ")) {
            return "not run: formats differ";
        }
        if (note.startsWith("no records")) {
            return "not run yet";
        }
        return "undefined: " + note;
    }

    /**
     * The cross-domain matrix as a heat map of SGR: rows are the datasets trained on, columns the datasets whose hard
     * items are tested, colours from 0 (easy data from A recovers nothing of B's gap) to 1 (all of it). A cell with no
     * defined SGR is blank and listed under the matrix with its reason in a few words ({@link CrossDomain#table}
     * has the full sentence).
     *
     * <p>When no cell has a defined SGR, the cells show E &minus; U in points instead (what the undefined ratios' numerators
     * are) and the title says {@link #UNDEFINED_EVERYWHERE}.
     *
     * @throws IllegalArgumentException when there are no results or no cell ran
     */
    public static HeatMapChart transferHeatMap(String title, List<CrossDomain.CellResult> results) {
        if (results.isEmpty() || results.stream().allMatch(r -> r.sgr().isEmpty())) {
            throw new IllegalArgumentException("no cell has a result to plot (none ran)");
        }
        LinkedHashSet<String> sourceSet = new LinkedHashSet<>();
        LinkedHashSet<String> targetSet = new LinkedHashSet<>();
        results.forEach(r -> {
            sourceSet.add(r.cell().source());
            targetSet.add(r.cell().target());
        });
        List<String> targets = List.copyOf(targetSet);
        // XChart counts heat-map rows from the bottom; reversed labels read like a printed matrix.
        List<String> rows = new ArrayList<>(sourceSet);
        java.util.Collections.reverse(rows);
        // Every SGR undefined: an empty matrix would teach nothing, so the cells show what makes them undefined,
        // the gap E - U in points (as Figures.sgrBars shows the gaps), and the title says so.
        boolean anyDefined = results.stream().anyMatch(r -> r.sgr().filter(SgrResult::isDefined).isPresent());
        List<Number[]> cells = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        double low = 0;
        double high = anyDefined ? 1 : 0;
        for (CrossDomain.CellResult result : results) {
            Optional<Double> value = anyDefined ? result.sgr().flatMap(SgrResult::sgr).map(BootstrapEstimate::estimate)
                    : result.sgr().map(s -> 100 * s.unsupervisedEasyGap().estimate());
            if (value.isPresent()) {
                low = Math.min(low, value.get());
                high = Math.max(high, value.get());
                cells.add(new Number[] {targets.indexOf(result.cell().target()),
                        rows.indexOf(result.cell().source()), value.get()});
            }
            if (value.isEmpty()) {
                reasons.add(result.cell().source() + " -> " + result.cell().target() + ": "
                        + shortNote(result.note()));
            }
        }
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("no cell has a result to plot (none ran)");
        }
        if (!anyDefined) {
            title = title + ": " + UNDEFINED_EVERYWHERE;
        }
        // Blank cells (no number at all) are listed in a panel at the bottom, in room made by padding the chart; the
        // image grows by the padding so that the plot keeps its size (XChart cannot write text into a heat-map cell,
        // and a screen-space panel's y is its bottom edge above the image's).
        // Round the colour range outwards so the legend reads 0.0 / 1.2 or -20 / 7, not 6.919515669515663.
        double perUnit = anyDefined ? 10 : 1;
        low = Math.floor(low * perUnit + 1e-9) / perUnit;
        high = Math.ceil(high * perUnit - 1e-9) / perUnit;
        if (high - low < 1e-9) {
            high = low + 1; // one colour for all cells still needs a range
        }
        List<String> blank = reasons;
        int padding = blank.isEmpty() ? 10 : 18 * blank.size() + 20;
        java.awt.font.FontRenderContext context = new java.awt.font.FontRenderContext(null, true, true);
        double widest = rows.stream().mapToDouble(r -> FigureStyle.TICK.getStringBounds(r, context).getWidth()).max()
                .orElse(0);
        double titleWidth = FigureStyle.TITLE.getStringBounds(title, context).getWidth();
        int width = (int) Math.min(1800, Math.max(Math.max(640, widest + 260 + 170 * targets.size()), titleWidth + 40)
                + 2 * padding);
        int height = 240 + 110 * rows.size() + 2 * padding;
        HeatMapChart chart = new HeatMapChart(width, height, Styler.ChartTheme.XChart);
        chart.setTitle(title);
        chart.setXAxisTitle("tested on (hard items)");
        chart.setYAxisTitle("trained on");
        HeatMapStyler styler = chart.getStyler();
        FigureStyle.applyAxes(styler);
        styler.setPlotGridHorizontalLinesVisible(false);
        styler.setRangeColors(FigureStyle.DIVERGING);
        styler.setMin(low);
        styler.setMax(high);
        styler.setShowValue(true);
        styler.setValueFont(FigureStyle.CELL);
        styler.setValueFontColor(FigureStyle.TEXT);
        styler.setHeatMapValueDecimalPattern(anyDefined ? "0.00" : "0.0");
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setPiecewise(false);
        styler.setDrawBorder(true);
        styler.setChartPadding(padding);
        if (!blank.isEmpty()) {
            chart.addAnnotation(new AnnotationTextPanel(String.join("\n", blank), 4, 2, true));
        }
        HeatMapSeries series = chart.addSeries("SGR", targets, rows, cells);
        series.setMin(low);
        series.setMax(high);
        return chart;
    }
}
