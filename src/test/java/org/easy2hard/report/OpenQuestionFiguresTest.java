package org.easy2hard.report;

import java.awt.image.BufferedImage;
import java.util.List;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.easy2hard.experiment.driver.CrossDomain;
import org.easy2hard.experiment.driver.HardnessWindow;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;

/** The open questions' figures: window curves against the gap and the cross-domain SGR heat map. */
class OpenQuestionFiguresTest {

    private static HardnessWindow.Window window(int index, double gap, boolean runs) {
        return new HardnessWindow.Window(index, index, index + 1, runs ? 300 : 20, 8 - gap, gap,
                runs ? Optional.empty() : Optional.of("too small"));
    }

    private static List<HardnessWindow.Point> points() {
        return List.of(
                new HardnessWindow.Point("m", "probe", "window[3,4)", Optional.of(window(3, 5, false)), 5,
                        Optional.empty(), Optional.empty(), "skipped: too small"),
                new HardnessWindow.Point("m", "probe", "window[4,5)", Optional.of(window(4, 4, true)), 4,
                        Optional.of(ReportFixtures.accuracy(0.40, 0.36, 0.44)),
                        Optional.of(ReportFixtures.undefinedSgr()), "SGR undefined"),
                new HardnessWindow.Point("m", "probe", "window[7,8)", Optional.of(window(7, 1, true)), 1,
                        Optional.of(ReportFixtures.accuracy(0.50, 0.46, 0.54)),
                        Optional.of(ReportFixtures.definedSgr(0.8, 0.6, 1.0)), ""),
                new HardnessWindow.Point("m", "probe", "hard", Optional.empty(), 0,
                        Optional.of(ReportFixtures.accuracy(0.55, 0.51, 0.59)),
                        Optional.of(ReportFixtures.definedSgr(1, 1, 1)), ""));
    }

    @Test
    void windowAccuracyPlotsEveryWindowThatRanAgainstItsGapAndCountsTheSkippedOnes() {
        XYChart chart = OpenQuestionFigures.windowAccuracy("ARC", points());
        var series = chart.getSeries("trained on a window");
        assertArrayEquals(new double[] {4, 1, 0}, series.getXData(), 1e-12);
        assertArrayEquals(new double[] {40, 50, 55}, series.getYData(), 1e-9);
        assertArrayEquals(new double[] {4, 4, 4}, series.getExtraValues(), 1e-9);
        assertTrue(chart.getXAxisTitle().contains("1 window(s) too small"), chart.getXAxisTitle());
    }

    @Test
    void windowSgrLeavesOutUndefinedRatiosAndSaysHowMany() {
        XYChart chart = OpenQuestionFigures.windowSgr("ARC", points());
        var series = chart.getSeries("SGR");
        assertArrayEquals(new double[] {1, 0}, series.getXData(), 1e-12);
        assertArrayEquals(new double[] {0.8, 1}, series.getYData(), 1e-12);
        assertTrue(chart.getXAxisTitle().contains("1 without a defined SGR"), chart.getXAxisTitle());
        BufferedImage image = Figures.toImage(chart);
        assertEquals(FigureStyle.WIDTH, image.getWidth());
    }

    @Test
    void theHeatMapHasACellPerDefinedSgrAndListsWhyTheOthersAreBlank() {
        CrossDomain.Cell same = new CrossDomain.Cell("arc", "arc", "4 options -> 4 options", Optional.empty());
        CrossDomain.Cell across = new CrossDomain.Cell("arc", "sqa", "4 options -> yes/no", Optional.empty());
        CrossDomain.Cell back = new CrossDomain.Cell("sqa", "arc", "yes/no -> 4 options", Optional.of("empty"));
        CrossDomain.Cell own = new CrossDomain.Cell("sqa", "sqa", "yes/no -> yes/no", Optional.empty());
        List<CrossDomain.CellResult> results = List.of(
                new CrossDomain.CellResult("m", "p", same, Optional.of(ReportFixtures.accuracy(.5, .4, .6)),
                        Optional.of(ReportFixtures.definedSgr(0.9, 0.7, 1.1)), ""),
                new CrossDomain.CellResult("m", "p", across, Optional.of(ReportFixtures.accuracy(.5, .4, .6)),
                        Optional.of(ReportFixtures.undefinedSgr()), "H - U interval reaches 0"),
                new CrossDomain.CellResult("m", "p", back, Optional.empty(), Optional.empty(), "source sqa has 0 easy items"),
                new CrossDomain.CellResult("m", "p", own, Optional.of(ReportFixtures.accuracy(.5, .4, .6)),
                        Optional.of(ReportFixtures.definedSgr(1.2, 1.0, 1.4)), ""));
        HeatMapChart chart = OpenQuestionFigures.transferHeatMap("SGR across domains", results);
        var series = chart.getHeatMapSeries();
        assertEquals(List.of("arc", "sqa"), series.getXData());
        assertEquals(List.of("sqa", "arc"), series.getYData(), "rows read top-down like a printed matrix");
        // (arc, arc) at column 0, row 1 (arc is the top row); (sqa, sqa) at column 1, row 0.
        assertEquals(2, series.getHeatData().size());
        assertArrayEquals(new Number[] {0, 1, 0.9}, series.getHeatData().get(0));
        assertArrayEquals(new Number[] {1, 0, 1.2}, series.getHeatData().get(1));
        assertEquals(1.2, chart.getStyler().getMax(), 1e-12, "the colour range widens to every value");
        BufferedImage image = Figures.toImage(chart);
        assertTrue(image.getHeight() > 0);
        if (System.getProperty("easy2hard.figures.out") != null) {
            try {
                Figures.savePng(chart, java.nio.file.Path.of(System.getProperty("easy2hard.figures.out"), "heat.png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void withEveryRatioUndefinedTheCellsShowEasyMinusUnsupervisedAndTheTitleSaysSo() {
        CrossDomain.Cell cell = new CrossDomain.Cell("arc", "arc", "4 options -> 4 options", Optional.empty());
        var undefined = ReportFixtures.undefinedSgr();
        HeatMapChart chart = OpenQuestionFigures.transferHeatMap("SGR", List.of(new CrossDomain.CellResult("m", "p",
                cell, Optional.of(ReportFixtures.accuracy(.5, .4, .6)), Optional.of(undefined), "H - U <= 0")));
        assertTrue(chart.getTitle().endsWith(OpenQuestionFigures.UNDEFINED_EVERYWHERE), chart.getTitle());
        assertEquals(100 * undefined.unsupervisedEasyGap().estimate(),
                ((Number[]) chart.getHeatMapSeries().getHeatData().get(0))[2].doubleValue(), 1e-9);
    }

    @Test
    void withEveryWindowUndefinedTheChartShowsBothGapsInPoints() {
        List<HardnessWindow.Point> undefined = List.of(points().get(0), points().get(1));
        XYChart chart = OpenQuestionFigures.windowSgr("ARC", undefined);
        assertTrue(chart.getTitle().endsWith(OpenQuestionFigures.UNDEFINED_AT_EVERY_WINDOW), chart.getTitle());
        var sgr = ReportFixtures.undefinedSgr();
        assertArrayEquals(new double[] {4}, chart.getSeries(OpenQuestionFigures.SGR_EASY_GAP).getXData(), 1e-12);
        assertArrayEquals(new double[] {100 * sgr.unsupervisedEasyGap().estimate()},
                chart.getSeries(OpenQuestionFigures.SGR_EASY_GAP).getYData(), 1e-9);
        assertArrayEquals(new double[] {100 * sgr.supervisionGap().estimate()},
                chart.getSeries(OpenQuestionFigures.SGR_HARD_GAP).getYData(), 1e-9);
    }

    @Test
    void emptyInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> OpenQuestionFigures.transferHeatMap("t", List.of()));
        assertThrows(IllegalArgumentException.class, () -> OpenQuestionFigures.windowSgr("t",
                List.of(points().get(0))));
    }
}
