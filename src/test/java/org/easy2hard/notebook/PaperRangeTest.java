package org.easy2hard.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.easy2hard.stats.BootstrapEstimate;
import org.easy2hard.stats.SgrResult;
import org.easy2hard.stats.SgrStatus;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class PaperRangeTest {

    private static BootstrapEstimate estimate(double value, double lower, double upper) {
        return new BootstrapEstimate(value, value, lower, upper, 0.95, 0.01, 1000, 0);
    }

    @Test
    void thePapersRangeComesFirstThenEachStudyWithItsSgrOrWhyNot() {
        SgrResult defined = new SgrResult(SgrStatus.DEFINED, "gap clearly positive",
                Optional.of(estimate(0.87, 0.71, 1.02)), estimate(0.2, 0.1, 0.3), estimate(0.174, 0.1, 0.25),
                estimate(0.026, 0.0, 0.05), 0.5, 0.674, 0.7, 100);
        SgrResult undefined = new SgrResult(SgrStatus.GAP_NOT_POSITIVE,
                "hard-trained accuracy 0.49 is not above unsupervised 0.50", Optional.empty(),
                estimate(-0.01, -0.05, 0.03), estimate(0.0, -0.04, 0.04), estimate(-0.01, -0.05, 0.03), 0.5, 0.5,
                0.49, 100);
        Map<String, SgrResult> studies = new LinkedHashMap<>();
        studies.put("ARC / grade", defined);
        studies.put("MMLU / HS vs college", undefined);

        Table table = PaperRange.beside("bge-small-en-v1.5", "linear probe", studies);

        assertEquals(List.of("source", "model", "method", "SGR on hard test items"), table.columnNames());
        assertEquals(List.of("paper (Hase et al. 2024)", "this run: ARC / grade", "this run: MMLU / HS vs college"),
                table.stringColumn("source").asList());
        assertEquals(List.of("Llama-2 7b, 13b, 70b", "bge-small-en-v1.5", "bge-small-en-v1.5"),
                table.stringColumn("model").asList());
        assertEquals("typically 0.70 to 1.00 (70-100% of the gap)", table.stringColumn("SGR on hard test items").get(0));
        assertEquals(defined.format(), table.stringColumn("SGR on hard test items").get(1));
        assertEquals("undefined: hard-trained accuracy 0.49 is not above unsupervised 0.50",
                table.stringColumn("SGR on hard test items").get(2));
    }
}
