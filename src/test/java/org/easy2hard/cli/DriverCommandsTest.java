package org.easy2hard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver subcommands are registered, document their options and reject bad input with a message. */
class DriverCommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void everyDriverIsASubcommand() {
        assertEquals(0, run("--help"));
        for (String command : new String[] {"all-to-all", "population", "third-grade-to-college", "learning-curves",
                "noisy-labels", "scale-and-gap", "mdl", "window", "transfer", "contamination"}) {
            assertTrue(out.toString().contains(command), command);
        }
    }

    @Test
    void learningCurvesDocumentsTheSizesAndSharedOptions() {
        assertEquals(0, run("learning-curves", "--help"));
        String help = out.toString();
        assertTrue(help.contains("--sizes") && help.contains("10,20,40,80,160,320"), help);
        assertTrue(help.contains("--models") && help.contains("--every") && help.contains("--out"), help);
    }

    @Test
    void anUnknownMeasureIsAMessageNamingTheChoices(@TempDir Path dir) {
        int code = run("-d", org.easy2hard.data.SharedData.store().root().toString(), "noisy-labels", "--measure",
                "grade", "--out", dir.toString(), "--models", "all-MiniLM-L6-v2-q");
        assertEquals(1, code);
        assertTrue(err.toString().contains("unknown hardness measure 'grade' for mmlu; valid: human_hardness"),
                err.toString());
    }
}
