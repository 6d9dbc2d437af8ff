package org.easy2hard.report;

import java.util.LinkedHashMap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.easy2hard.experiment.driver.CurvePoint;
import org.easy2hard.stats.AccuracyResult;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Accuracy-against-cost curves and titled accuracy bars (the RQ3 / RQ4 figures). */
class CurveFiguresTest {

    @Test
    void curvesPlotPercentAccuracyWithErrorBarsAtTheirCost() {
        Map<String, List<CurvePoint>> curves = new LinkedHashMap<>();
        curves.put("Unsupervised", List.of(new CurvePoint(0, 0, ReportFixtures.accuracy(0.30, 0.26, 0.34))));
        curves.put("Easy", List.of(new CurvePoint(10, 10, ReportFixtures.accuracy(0.40, 0.35, 0.45)),
                new CurvePoint(160, 160, ReportFixtures.accuracy(0.50, 0.48, 0.52))));
        curves.put("Hard", List.of(new CurvePoint(20, 10, ReportFixtures.accuracy(0.42, 0.37, 0.47))));

        XYChart chart = Figures.accuracyCurves("Hard Data 2x Costlier to Label", "labelling cost", curves);

        XYSeries easy = chart.getSeries("Easy");
        assertArrayEquals(new double[] {10, 160}, easy.getXData(), 1e-9);
        assertArrayEquals(new double[] {40, 50}, easy.getYData(), 1e-9);
        assertArrayEquals(new double[] {5, 2}, easy.getExtraValues(), 1e-9);
        assertEquals(FigureStyle.EASY, easy.getLineColor());
        assertEquals(FigureStyle.UNSUPERVISED, chart.getSeries("Unsupervised").getMarkerColor());
        // The axis covers every interval (26..52) in whole multiples of 5.
        assertEquals(20.0, chart.getStyler().getYAxisMin());
        assertEquals(55.0, chart.getStyler().getYAxisMax());
    }

    @Test
    void curvesWithoutPointsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Figures.accuracyCurves("t", "x", Map.of("Easy", List.of())));
    }

    @Test
    void titledBarsKeepTheirTitleAndSourceOrder() {
        Map<String, AccuracyResult> bars = new LinkedHashMap<>();
        bars.put("Unsupervised", ReportFixtures.accuracy(0.30, 0.26, 0.34));
        bars.put("3rd Grade", ReportFixtures.accuracy(0.33, 0.30, 0.36));
        bars.put("College", ReportFixtures.accuracy(0.35, 0.31, 0.39));

        CategoryChart chart = Figures.accuracyBars("Accuracy on College STEM Questions", "model",
                Map.of("MiniLM", bars), 0.25);

        assertEquals("Accuracy on College STEM Questions", chart.getTitle());
        assertEquals(List.of("Unsupervised", "3rd Grade", "College"),
                chart.getSeriesCollection().stream().map(s -> s.getName()).toList());
        assertArrayEquals(new double[] {33}, chart.getSeries("3rd Grade").getYData(), 1e-9);
        // College is the hard end of Figure 1, in the hard colour.
        assertEquals(FigureStyle.HARD, chart.getSeries("College").getFillColor());
    }
}
