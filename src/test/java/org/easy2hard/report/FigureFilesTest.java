package org.easy2hard.report;

import java.awt.image.BufferedImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.easy2hard.experiment.RunSummary;
import org.easy2hard.hardness.BinningRule;
import org.easy2hard.hardness.HardnessMeasure;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.GridBootstrap;
import org.easy2hard.stats.SgrResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;

class FigureFilesTest {

    @TempDir
    Path root;

    @Test
    void pngIsWrittenAtTwiceTheChartSizeIntoANewFolder() throws IOException {
        CategoryChart chart = Figures.easyHardBars(groups());
        Path file = Figures.savePng(chart, root.resolve("a/b/bars.png"));

        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(2 * chart.getWidth(), image.getWidth());
        assertEquals(2 * chart.getHeight(), image.getHeight());
        assertEquals(List.of("bars.png"), names(file.getParent()));
    }

    @Test
    void pngAtScaleOneHasTheChartSizeAndToImageToo() throws IOException {
        CategoryChart chart = Figures.easyHardBars(groups());
        BufferedImage image = ImageIO.read(Figures.savePng(chart, root.resolve("one.png"), 1.0).toFile());
        assertEquals(chart.getWidth(), image.getWidth());
        assertEquals(chart.getHeight(), image.getHeight());
        BufferedImage inMemory = Figures.toImage(chart);
        assertEquals(chart.getWidth(), inMemory.getWidth());
        assertThrows(IllegalArgumentException.class, () -> Figures.toImage(chart, 0));
    }

    @Test
    void svgIsWrittenAndNoTemporaryFileIsLeft() throws IOException {
        Path file = Figures.saveSvg(Figures.easyHardBars(groups()), root.resolve("svg/bars.svg"));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<?xml") || text.contains("<svg"), text.substring(0, Math.min(200, text.length())));
        assertEquals(List.of("bars.svg"), names(file.getParent()));
    }

    @Test
    void overwritingKeepsOneFile() throws IOException {
        Figure figure = new Figure("bars", Figures.easyHardBars(groups()));
        figure.saveAll(root);
        List<Path> files = figure.saveAll(root);
        assertEquals(List.of(root.resolve("bars.png"), root.resolve("bars.svg")), files);
        assertEquals(List.of("bars.png", "bars.svg"), names(root));
        assertThrows(IllegalArgumentException.class, () -> new Figure("../up", figure.chart()));
    }

    /**
     * Writes one of each figure for a person to look at: into {@code -Dreport.samples.dir} when given, otherwise
     * into the test's temporary folder (so the rendering of every kind is at least exercised).
     */
    @Test
    void sampleFiguresRender() throws IOException {
        String wanted = System.getProperty("report.samples.dir");
        Path directory = wanted == null || wanted.isBlank() ? root.resolve("samples") : Path.of(wanted);
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("easy-hard-bars", Figures.easyHardBars(manyGroups(), 0.25)));
        Map<String, Map<String, AccuracyResult>> twelve = new LinkedHashMap<>(manyGroups());
        for (String extra : List.of("ARC / question words", "ARC / answer chars", "MMLU / question words",
                "MMLU / answer chars", "StrategyQA / question words", "GSM8k / answer chars")) {
            twelve.put(extra, groups().values().iterator().next());
        }
        figures.add(new Figure("easy-hard-bars-twelve", Figures.easyHardBars(twelve)));
        figures.add(new Figure("easy-hard-bars-run", Figures.easyHardBarsOfRuns(Map.of("StrategyQA / steps",
                new RunSummary(FiguresTest.smallRun(), GridBootstrap.builder().optResamples(200).build())), 0.5)));
        Map<String, Map<String, SgrResult>> sgr = new LinkedHashMap<>();
        sgr.put("grade", Map.of("ICL", ReportFixtures.definedSgr(0.9, 0.7, 1.1), "linear probe",
                ReportFixtures.undefinedSgr()));
        sgr.put("difficulty", Map.of("ICL", ReportFixtures.definedSgr(0.75, 0.4, 1.05), "linear probe",
                ReportFixtures.definedSgr(1.05, 0.8, 1.3)));
        sgr.put("Bloom level", Map.of("ICL", ReportFixtures.undefinedSgr(), "linear probe",
                ReportFixtures.undefinedSgr()));
        figures.add(new Figure("sgr-bars", Figures.sgrBars(sgr)));
        figures.add(new Figure("correlation-heat-map", Figures.correlationHeatMap(ReportFixtures.dataset(), List.of(
                new HardnessMeasure("num_steps", "reasoning steps", BinningRule.Quantile.PAPER, false),
                new HardnessMeasure("question_words", "question words", BinningRule.Quantile.PAPER, false),
                new HardnessMeasure("reversed", "reversed steps", BinningRule.Quantile.PAPER, false)))));
        List<double[]> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double words = 5 + (i * 37) % 40;
            boolean right = (i * 7919) % 100 < 90 - words;
            items.add(new double[] {words, right ? 1 : 0, (i % 3 == 0) == right ? 1 : 0});
        }
        figures.add(new Figure("accuracy-by-hardness", Figures.accuracyByHardness(
                ReportFixtures.records("question_words", items.toArray(double[][]::new)), "question_words",
                "question words")));
        for (Figure figure : figures) {
            for (Path file : figure.saveAll(directory)) {
                assertTrue(Files.size(file) > 1000, file + " is suspiciously small");
            }
        }
    }

    private static Map<String, Map<String, AccuracyResult>> groups() {
        Map<String, Map<String, AccuracyResult>> groups = new LinkedHashMap<>();
        groups.put("ARC / grade", Map.of("Unsupervised", ReportFixtures.accuracy(0.3, 0.27, 0.33),
                "Easy", ReportFixtures.accuracy(0.6, 0.55, 0.65), "Hard", ReportFixtures.accuracy(0.65, 0.6, 0.7)));
        return groups;
    }

    private static Map<String, Map<String, AccuracyResult>> manyGroups() {
        Map<String, Map<String, AccuracyResult>> groups = new LinkedHashMap<>();
        String[] labels = {"ARC / grade", "ARC / difficulty", "ARC / Bloom level", "MMLU / HS vs college",
            "StrategyQA / steps", "GSM8k / steps"};
        for (int g = 0; g < labels.length; g++) {
            double base = 0.3 + 0.05 * g;
            Map<String, AccuracyResult> row = new LinkedHashMap<>();
            row.put("Unsupervised", ReportFixtures.accuracy(base, base - 0.03, base + 0.03));
            row.put("Easy", ReportFixtures.accuracy(base + 0.3, base + 0.26, base + 0.34));
            if (g < 3) {
                row.put("Medium", ReportFixtures.accuracy(base + 0.32, base + 0.27, base + 0.37));
            }
            row.put("Hard", ReportFixtures.accuracy(base + 0.35, base + 0.31, base + 0.39));
            groups.put(labels[g], row);
        }
        return groups;
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
