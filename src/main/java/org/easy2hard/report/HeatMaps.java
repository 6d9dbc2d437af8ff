package org.easy2hard.report;

import java.util.ArrayList;
import java.util.List;
import org.easy2hard.data.Dataset;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.hardness.HardnessTables;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/** The Spearman heat map behind {@link Figures#correlationHeatMap}. */
final class HeatMaps {

    private HeatMaps() {
    }

    /** See {@link Figures#correlationHeatMap}. */
    static HeatMapChart correlation(Dataset dataset, List<HardnessMeasure> measures) {
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
        double widest = labels.stream().mapToDouble(label -> ChartLayout.textWidth(label)).max().orElse(0);
        // The theme constructor, not HeatMapChart(int, int): in XChart 4.0.3 only a theme fills in the heat-map
        // defaults (colour range, value font, plot size); without it the chart paints nothing but stray text.
        HeatMapChart chart = new HeatMapChart((int) Math.min(ChartLayout.MAX_WIDTH, side + widest + 200),
                (int) Math.min(ChartLayout.MAX_WIDTH, side + 120), Styler.ChartTheme.XChart);
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
}
