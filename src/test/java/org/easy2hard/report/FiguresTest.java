package org.easy2hard.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.experiment.ExperimentSpec;
import org.easy2hard.experiment.RunResult;
import org.easy2hard.experiment.RunSummary;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.experiment.UnitResult;
import org.easy2hard.hardness.BinningRule;
import org.easy2hard.hardness.Cutoffs;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.ItemResult;
import org.easy2hard.stats.SgrResult;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.Table;

class FiguresTest {

    @Test
    void easyHardBarsShowPercentEstimatesAndErrorBarsInPoolOrder() {
        Map<String, Map<String, AccuracyResult>> groups = new LinkedHashMap<>();
        // Given out of order on purpose: the legend still reads Unsupervised, Easy, Hard.
        groups.put("ARC / grade", new LinkedHashMap<>(Map.of()));
        groups.get("ARC / grade").put("Hard", ReportFixtures.accuracy(0.70, 0.66, 0.74));
        groups.get("ARC / grade").put("Easy", ReportFixtures.accuracy(0.65, 0.60, 0.70));
        groups.get("ARC / grade").put("Unsupervised", ReportFixtures.accuracy(0.30, 0.27, 0.33));
        groups.put("ARC / Bloom", new LinkedHashMap<>(Map.of()));
        groups.get("ARC / Bloom").put("Unsupervised", ReportFixtures.accuracy(0.31, 0.28, 0.34));
        groups.get("ARC / Bloom").put("Easy", ReportFixtures.accuracy(0.60, 0.50, 0.70));

        CategoryChart chart = Figures.easyHardBars(groups, 0.25);

        assertEquals(Figures.EASY_HARD_TITLE, chart.getTitle());
        assertEquals("accuracy (%)", chart.getYAxisTitle());
        assertTrue(chart.getXAxisTitle().contains("chance, 25%"), chart.getXAxisTitle());
        assertEquals(List.of("Unsupervised", "Easy", "Hard"), chart.getSeriesCollection().stream().map(s -> s.getName()).toList());
        CategorySeries easy = chart.getSeries("Easy");
        assertEquals(List.of("ARC / grade", "ARC / Bloom"), new ArrayList<>(easy.getXData()));
        assertArrayEquals(new double[] {65, 60}, easy.getYData(), 1e-9);
        assertArrayEquals(new double[] {5, 10}, easy.getExtraValues(), 1e-9);
        // Hard is missing for Bloom: no bar there, not a zero.
        assertTrue(Double.isNaN(chart.getSeries("Hard").getYData()[1]));
        assertEquals(0.0, chart.getStyler().getYAxisMin());
        assertEquals(100.0, chart.getStyler().getYAxisMax());
        assertEquals(FigureStyle.UNSUPERVISED, chart.getSeries("Unsupervised").getFillColor());
        assertEquals(FigureStyle.EASY, easy.getFillColor());
        assertEquals(FigureStyle.HARD, chart.getSeries("Hard").getFillColor());
        assertEquals(Styler.LegendPosition.OutsideS, chart.getStyler().getLegendPosition());
    }

    @Test
    void easyHardBarsOfRunsShowTheSummaryTableNumbers() {
        RunSummary summary = new RunSummary(smallRun(), GridBootstrap.builder().optResamples(200).build());
        Table table = summary.hardTestAccuracy();

        CategoryChart chart = Figures.easyHardBarsOfRuns(Map.of("StrategyQA / steps", summary), Double.NaN);

        assertEquals(List.of("Unsupervised", "Easy", "Hard"), chart.getSeriesCollection().stream().map(s -> s.getName()).toList());
        for (int row = 0; row < table.rowCount(); row++) {
            CategorySeries series = chart.getSeries(table.stringColumn("condition").get(row));
            assertEquals(table.doubleColumn("plug-in accuracy (%)").getDouble(row), series.getYData()[0], 1e-9);
            assertEquals(table.doubleColumn("± error bar (%)").getDouble(row), series.getExtraValues()[0], 1e-9);
        }
        // Hand count: the unsupervised run is right on 2 of the 4 hard items.
        assertEquals(50.0, chart.getSeries("Unsupervised").getYData()[0], 1e-9);
        // Four items give wide error bars; the axis grows to hold them instead of letting them cross the title.
        for (CategorySeries series : chart.getSeriesCollection()) {
            double top = series.getYData()[0] + series.getExtraValues()[0];
            double bottom = series.getYData()[0] - series.getExtraValues()[0];
            assertTrue(chart.getStyler().getYAxisMax() >= top && chart.getStyler().getYAxisMin() <= bottom);
        }
        assertTrue(chart.getStyler().getYAxisMax() > 100, "the easy bar's error bar passes 100 here");
    }

    @Test
    void undefinedSgrIsNotDrawnAndItsLabelSaysSo() {
        Map<String, Map<String, SgrResult>> byMeasure = new LinkedHashMap<>();
        byMeasure.put("grade", Map.of("linear probe", ReportFixtures.undefinedSgr()));
        byMeasure.put("Bloom", Map.of("linear probe", ReportFixtures.definedSgr(0.8, 0.5, 1.3)));

        CategoryChart chart = Figures.sgrBars(byMeasure);

        CategorySeries probe = chart.getSeries("linear probe");
        assertEquals(List.of("grade (SGR undefined)", "Bloom"), new ArrayList<>(probe.getXData()));
        assertTrue(Double.isNaN(probe.getYData()[0]), "an undefined SGR must not become a number");
        assertEquals(0.8, probe.getYData()[1], 1e-12);
        assertEquals(0.4, probe.getExtraValues()[1], 1e-12); // the paper's error bar: (|0.5-0.8| + |1.3-0.8|) / 2
        assertEquals("SGR", chart.getYAxisTitle());
        // Reference lines at 0 and 1 are inside the axis, and so is the whole error bar.
        assertTrue(chart.getStyler().getYAxisMin() < 0);
        assertTrue(chart.getStyler().getYAxisMax() > 1.2);
    }

    @Test
    void whenEverySgrIsUndefinedTheChartShowsTheGapsWithTheirErrorBars() {
        SgrResult undefined = ReportFixtures.undefinedSgr();
        Map<String, Map<String, SgrResult>> byMeasure = new LinkedHashMap<>();
        byMeasure.put("grade", Map.of("linear probe", undefined));
        byMeasure.put("Bloom", Map.of("linear probe", undefined));

        CategoryChart chart = Figures.sgrBars(byMeasure);

        assertEquals(Figures.SGR_GAPS_TITLE, chart.getTitle());
        CategorySeries easyGap = chart.getSeries(Figures.SGR_EASY_GAP);
        CategorySeries hardGap = chart.getSeries(Figures.SGR_HARD_GAP);
        assertEquals(List.of("grade", "Bloom"), new ArrayList<>(easyGap.getXData()));
        assertEquals(100 * undefined.unsupervisedEasyGap().estimate(), easyGap.getYData()[0], 1e-9);
        assertEquals(100 * undefined.supervisionGap().estimate(), hardGap.getYData()[1], 1e-9);
        assertEquals(100 * undefined.supervisionGap().errorBar(), hardGap.getExtraValues()[1], 1e-9);
    }

    @Test
    void sgrLabelNamesTheMethodsWhoseSgrIsUndefined() {
        Map<String, SgrResult> methods = new LinkedHashMap<>();
        methods.put("ICL", ReportFixtures.undefinedSgr());
        methods.put("linear probe", ReportFixtures.definedSgr(0.5, 0.3, 0.7));
        CategoryChart chart = Figures.sgrBars(Map.of("grade", methods));
        assertEquals(List.of("grade (SGR undefined: ICL)"), new ArrayList<>(chart.getSeries("ICL").getXData()));
        assertTrue(Double.isNaN(chart.getSeries("ICL").getYData()[0]));
        assertEquals(0.5, chart.getSeries("linear probe").getYData()[0], 1e-12);
    }

    @Test
    void heatMapIsASymmetricSpearmanMatrixWithOnesOnTheDiagonal() {
        Dataset dataset = ReportFixtures.dataset();
        List<HardnessMeasure> measures = List.of(
                new HardnessMeasure("num_steps", "steps", BinningRule.Quantile.PAPER, false),
                new HardnessMeasure("question_words", "question words", BinningRule.Quantile.PAPER, false),
                new HardnessMeasure("reversed", "reversed", BinningRule.Quantile.PAPER, false));

        HeatMapChart chart = Figures.correlationHeatMap(dataset, measures);

        List<String> columns = new ArrayList<>();
        chart.getHeatMapSeries().getXData().forEach(label -> columns.add((String) label));
        assertEquals(List.of("steps", "question words", "reversed"), columns);
        int n = columns.size();
        double[][] matrix = new double[n][n];
        for (Number[] cell : chart.getHeatMapSeries().getHeatData()) {
            // y counts from the bottom row, which is the last measure
            matrix[n - 1 - cell[1].intValue()][cell[0].intValue()] = cell[2].doubleValue();
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1.0, matrix[i][i], 1e-12);
            for (int j = 0; j < n; j++) {
                assertEquals(matrix[i][j], matrix[j][i], 1e-12);
                assertTrue(matrix[i][j] >= -1 && matrix[i][j] <= 1);
            }
        }
        assertEquals(-1.0, matrix[1][2], 1e-12); // words rise with i, "reversed" falls: a perfect inverse ranking
        assertEquals(List.of("reversed", "question words", "steps"),
                new ArrayList<>(chart.getHeatMapSeries().getYData()));
        assertEquals(-1.0, chart.getStyler().getMin());
        assertEquals(1.0, chart.getStyler().getMax());
        assertTrue(chart.getStyler().isShowValue());
    }

    @Test
    void accuracyByHardnessDrawsTheKeptBinsInPercent() {
        List<double[]> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(new double[] {1, 1, 1});
            items.add(new double[] {2, i % 4 == 0 ? 0 : 1, 1});
        }
        items.add(new double[] {3, 1, 0}); // a single item: dropped
        List<ItemResult> records = ReportFixtures.records("num_steps", items.toArray(double[][]::new));
        HardnessProfile profile = HardnessProfile.of(records, "num_steps");

        CategoryChart chart = Figures.accuracyByHardness(records, "num_steps", "reasoning steps");

        CategorySeries series = chart.getSeriesCollection().iterator().next();
        assertEquals(List.of("1 (n=20)", "2 (n=20)"), new ArrayList<>(series.getXData()));
        assertArrayEquals(new double[] {100, 100 * profile.kept().get(1).mean()}, series.getYData(), 1e-9);
        assertEquals(87.5, series.getYData()[1], 1e-9);
        assertEquals(100 * profile.kept().get(1).halfWidth(), series.getExtraValues()[1], 1e-9);
        assertTrue(chart.getXAxisTitle().startsWith("reasoning steps"));
        assertTrue(chart.getXAxisTitle().contains("1 bar(s) with SE ≥ 0.1 not shown"), chart.getXAxisTitle());
        assertEquals(FigureStyle.EASY, series.getFillColor());
    }

    @Test
    void emptyInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Figures.easyHardBars(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Figures.sgrBars(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Figures.correlationHeatMap(ReportFixtures.dataset(),
                List.of(new HardnessMeasure("num_steps", "steps", BinningRule.Quantile.PAPER, false))));
    }

    /**
     * A run on four hard items (num_steps 3) and two easy ones, with unsupervised, easy and hard pools. The
     * unsupervised record is right on q0 and q1; easy-trained draws on q0–q2; hard-trained draws on all four.
     */
    static RunResult smallRun() {
        String measure = "num_steps";
        List<UnitResult> units = new ArrayList<>();
        units.add(unit(TrainPool.NONE, 0, measure, new boolean[] {true, true, false, false}));
        for (int b = 0; b < 2; b++) {
            units.add(unit(TrainPool.EASY, b, measure, new boolean[] {true, true, true, b == 0}));
            units.add(unit(TrainPool.HARD, b, measure, new boolean[] {true, true, true, true}));
        }
        ExperimentSpec spec = new ExperimentSpec(DatasetId.STRATEGYQA, measure,
                List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD), 2, 2, 0);
        return new RunResult(Path.of("unused"), spec, new Cutoffs(1, 3), units);
    }

    private static UnitResult unit(TrainPool pool, int bootstrap, String measure, boolean[] hardCorrect) {
        List<ItemResult> records = new ArrayList<>();
        var condition = ReportFixtures.condition(pool.label());
        for (int i = 0; i < hardCorrect.length; i++) {
            records.add(new ItemResult("q" + i, condition, bootstrap, hardCorrect[i], Double.NaN,
                    ItemResult.NO_PREDICTION, Map.of(measure, 3.0)));
        }
        records.add(new ItemResult("e0", condition, bootstrap, true, Double.NaN, ItemResult.NO_PREDICTION,
                Map.of(measure, 0.0)));
        return new UnitResult(UnitResult.name(pool, bootstrap), pool, bootstrap, List.of(), Map.of(), records);
    }
}
