package org.easy2hard.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * The one theme every figure of this package uses: fonts, colours, sizes. Kept in one place so that "Easy" is the
 * same blue in every chart of a notebook and fonts stay readable when a PNG is shrunk into a page.
 */
final class FigureStyle {

    /** Default chart width in pixels (PNG files are written at twice this by default). */
    static final int WIDTH = 860;
    /** Default chart height in pixels. */
    static final int HEIGHT = 540;

    static final Color UNSUPERVISED = new Color(0x9E9E9E);
    static final Color EASY = new Color(0x0072B2);
    static final Color MEDIUM = new Color(0x009E73);
    static final Color HARD = new Color(0xD55E00);
    /** Colours of series that are not train pools (methods in the SGR chart), Okabe–Ito order. */
    static final List<Color> OTHERS = List.of(new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9),
            new Color(0x000000), new Color(0xF0E442));
    /** The diverging heat-map scale, from -1 through 0 to +1: light enough that black cell text stays legible. */
    static final Color[] DIVERGING = {new Color(0x4393C3), new Color(0xD1E5F0), new Color(0xF7F7F7),
        new Color(0xFDDBC7), new Color(0xD6604D)};
    static final Color TEXT = new Color(0x222222);
    static final Color ERROR_BAR = new Color(0x333333);
    static final Color GRID = new Color(0xDDDDDD);
    static final Color REFERENCE_LINE = new Color(0x555555);

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font CELL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

    private FigureStyle() {
    }

    /**
     * The colour of a series by its name: the train pools by their usual names (case-insensitive; "zero-shot" and
     * "none" count as unsupervised), Figure 1's training sources, anything else from the fallback palette by
     * position.
     */
    static Color seriesColor(String name, int fallbackIndex) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.startsWith("unsupervised") || key.equals("zero-shot") || key.equals("none")) {
            return UNSUPERVISED;
        }
        if (key.startsWith("easy")) {
            return EASY;
        }
        if (key.startsWith("medium")) {
            return MEDIUM;
        }
        if (key.startsWith("hard")) {
            return HARD;
        }
        // Figure 1's training sources: ARC grades in blues (grade 3 lighter), MMLU levels in oranges (college darker).
        switch (key) {
            case "3rd grade":
                return OTHERS.get(2);
            case "8th grade":
                return EASY;
            case "high school":
                return OTHERS.get(1);
            case "college":
                return HARD;
            default:
                break;
        }
        return OTHERS.get(Math.floorMod(fallbackIndex, OTHERS.size()));
    }

    /** Fonts, background and legend shared by every chart. */
    static void applyCommon(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setChartFontColor(TEXT);
        styler.setChartTitleFont(TITLE);
        styler.setChartTitleBoxVisible(false);
        styler.setChartPadding(14);
        styler.setLegendFont(LEGEND);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendBackgroundColor(Color.WHITE);
        styler.setAntiAlias(true);
        styler.setTextAntiAlias(true);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
    }

    /** Axes: titles, ticks, horizontal grid lines only (they help read bar heights; vertical ones only add noise). */
    static void applyAxes(AxesChartStyler styler) {
        applyCommon(styler);
        styler.setAxisTitleFont(AXIS_TITLE);
        styler.setAxisTickLabelsFont(TICK);
        styler.setAxisTickLabelsColor(TEXT);
        styler.setAxisTitlePadding(8);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setPlotGridHorizontalLinesVisible(true);
        styler.setPlotGridLinesColor(GRID);
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setAnnotationLineColor(REFERENCE_LINE);
        styler.setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
    }

    /** Grouped bars with dark error bars and the legend below the plot, where it cannot cover a bar. */
    static void applyBars(CategoryStyler styler, boolean legend) {
        applyAxes(styler);
        styler.setLegendVisible(legend);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setErrorBarsColorSeriesColor(false);
        styler.setErrorBarsColor(ERROR_BAR);
        styler.setAvailableSpaceFill(0.8);
        styler.setOverlapped(false);
        styler.setXAxisTicksVisible(true);
    }
}
