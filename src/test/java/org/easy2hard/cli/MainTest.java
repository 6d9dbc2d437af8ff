package org.easy2hard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void describeArcPrintsThePapersSizesBinsAndCorrelations() {
        DataStore store = SharedData.store();
        assertEquals(0, run("-d", store.root().toString(), "data", "describe", "arc"));
        String text = out.toString();
        assertTrue(text.contains("4521 items, probing set 3521"), text);
        assertTrue(text.matches("(?s).*ARC-Easy \\(all\\)\\s+\\|\\s+2950.*"), text);
        assertTrue(text.matches("(?s).*ARC-Challenge \\(all\\)\\s+\\|\\s+1571.*"), text);
        assertTrue(text.matches("(?s).*human_grade.*\\|\\s+1130\\s+\\|\\s+803\\s+\\|\\s+1588.*"), text);
        assertTrue(text.matches("(?s).*human_grade.*\\|\\s+1434\\s+\\|\\s+1055\\s+\\|\\s+2032.*"), text);
        assertTrue(text.matches("(?s).*Bloom skill\\s+\\|\\s+-0\\.03\\s+\\|\\s+0\\.26\\s+\\|\\s+1\\.00\\s+\\|\\s+0\\.91.*"), text);
    }

    @Test
    void describeAsCsvWritesOneBlockPerTable() {
        DataStore store = SharedData.store();
        assertEquals(0, run("-d", store.root().toString(), "data", "describe", "mmlu", "--format", "csv"));
        assertTrue(out.toString().contains("human_hardness,HS vs college,fixed 0 / 1,0.0,1.0,1143,0,603,0"),
                out.toString());
    }

    @Test
    void missingDataIsAnErrorMessageNotAStackTrace(@TempDir Path empty) {
        assertEquals(1, run("-d", empty.toString(), "data", "describe", "gsm8k"));
        assertTrue(err.toString().startsWith("easy2hard: " + empty.resolve("gsm8k/train.jsonl")), err.toString());
        assertTrue(!err.toString().contains("\tat "), err.toString());
    }

    @Test
    void unknownDatasetNamesTheChoices() {
        assertEquals(1, run("data", "describe", "imagenet"));
        assertTrue(err.toString().contains("unknown dataset 'imagenet'; choose one of arc, mmlu, strategyqa, gsm8k"),
                err.toString());
    }

    @Test
    void listVerifiesTheSharedDataAgainstThePinnedChecksums() {
        DataStore store = SharedData.store();
        assertEquals(0, run("-d", store.root().toString(), "data", "list"));
        for (String dataset : new String[] {"arc", "mmlu", "strategyqa", "gsm8k"}) {
            assertTrue(out.toString().contains(String.format("  %-11s verified", dataset)), out.toString());
        }
    }

    @Test
    void listShowsWhatIsMissing(@TempDir Path empty) {
        assertEquals(0, run("-d", empty.toString(), "data", "list"));
        assertTrue(out.toString().contains("arc         absent"), out.toString());
    }
}
