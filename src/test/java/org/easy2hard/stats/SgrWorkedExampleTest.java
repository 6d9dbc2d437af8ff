package org.easy2hard.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps docs/stats-worked-example.md honest: it must show exactly what the example prints. */
class SgrWorkedExampleTest {

    @Test
    void documentShowsTheExamplesActualOutput() throws IOException {
        String document = Files.readString(Path.of("docs", "stats-worked-example.md"), StandardCharsets.UTF_8);
        String output = SgrWorkedExample.render();
        assertTrue(document.contains(output.strip()),
                "docs/stats-worked-example.md no longer matches SgrWorkedExample; paste its new output:\n" + output);
    }

    @Test
    void exampleSgrIsTheHandComputedRatio() {
        // counted in the document: E = 18 of 30 observed cells, H = 25 of 31, U = 4 of 12
        java.util.Map<Condition, ItemGrid> grids = SgrWorkedExample.grids();
        SgrResult result = GridBootstrap.withDefaults().supervisionGapRecovered(
                grids.get(SgrWorkedExample.UNSUPERVISED), grids.get(SgrWorkedExample.EASY),
                grids.get(SgrWorkedExample.HARD));
        double expected = (18.0 / 30 - 4.0 / 12) / (25.0 / 31 - 4.0 / 12);
        org.junit.jupiter.api.Assertions.assertEquals(expected, result.sgr().orElseThrow().estimate(), 1e-12);
    }
}
