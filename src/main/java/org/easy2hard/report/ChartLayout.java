package org.easy2hard.report;

import java.awt.font.FontRenderContext;
import java.util.List;
import org.knowm.xchart.CategoryChart;

/** Sizes of the figures: bar charts wide enough for their bars and labels, and the width of label text. */
final class ChartLayout {

    /** Pixels a bar needs at least, so that its error bar stays visible. */
    static final int MIN_BAR_WIDTH = 30;
    /** The widest a figure gets. */
    static final int MAX_WIDTH = 1800;

    private static final FontRenderContext TEXT_MEASURE = new FontRenderContext(null, true, true);

    private ChartLayout() {
    }

    /**
     * A styled, empty bar chart wide enough for its bars and labels; labels that would still collide are rotated.
     */
    static CategoryChart barChart(String title, String xTitle, String yTitle, List<String> categories,
            int seriesCount, boolean legend) {
        double widest = categories.stream().mapToDouble(ChartLayout::textWidth).max().orElse(0);
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

    /** The width of a tick label's text in pixels. */
    static double textWidth(String text) {
        return FigureStyle.TICK.getStringBounds(text, TEXT_MEASURE).getWidth();
    }
}
