package org.easy2hard.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.easy2hard.experiment.sheet.ExternalResults;
import org.easy2hard.experiment.sheet.ResultSheet;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

/** Bars drawn from result sheets show the sheet's accuracies and error bars. */
class SheetFiguresTest {

    @Test
    void barsOfSheetComparisonsShowTheirAccuraciesAndErrorBars() {
        ExternalResults results = ExternalResults.of(ResultSheet.read(
                Path.of("src/test/resources/org/easy2hard/experiment/authors-sheet.csv")));
        Map<String, ExternalResults.Comparison> groups = new LinkedHashMap<>();
        groups.put("probe", results.find("mmlu_STEM-5", "human_hardness", "learned", "Llama-2-70b").orElseThrow());
        groups.put("QLoRA", results.find("mmlu_STEM-5", "human_hardness", "finetuned", "Llama-2-70b").orElseThrow());

        CategoryChart chart = Figures.easyHardBarsOfSheets(groups, 0.25);

        assertEquals(List.of("Unsupervised", "Easy", "Hard"), chart.getSeriesCollection().stream().map(s -> s.getName()).toList());
        assertArrayEquals(new double[] {52, 50}, chart.getSeries("Easy").getYData(), 1e-9);
        assertArrayEquals(new double[] {3.1, 3}, chart.getSeries("Easy").getExtraValues(), 1e-9);
        assertArrayEquals(new double[] {45, 45}, chart.getSeries("Unsupervised").getYData(), 1e-9);
    }
}
