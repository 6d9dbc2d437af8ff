package org.easy2hard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.easy2hard.data.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake a user can make on the command line ends in one line saying what is wrong and what to do. */
class ErrorMessagesTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private void assertOneLine() {
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void aFileGivenAsTheDataDirectoryIsNotADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("data.txt"), "x");
        assertEquals(1, run("-d", file.toString(), "data", "list"));
        assertTrue(err.toString().contains("is not a directory"), err.toString());
    }

    @Test
    void theUserDatasetPointsToDataFile() {
        assertEquals(1, run("run", "--dataset", "user", "--out", dir.resolve("run").toString()));
        assertTrue(err.toString().contains("--data-file FILE"), err.toString());
        assertOneLine();
    }

    @Test
    void runHelpPrintsNoPicocliWarning() {
        assertEquals(0, run("run", "--help"));
        assertTrue(out.toString().contains("95% intervals"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void aMisspeltMeasureSuggestsTheNearestAndLeavesNoRunDirectory() {
        Path run = dir.resolve("run");
        assertEquals(1, run("-d", SharedData.store().root().toString(), "run", "--measure", "human_grad",
                "--model", "all-MiniLM-L6-v2-q", "--every", "20", "--out", run.toString()));
        assertTrue(err.toString().contains("did you mean 'human_grade'?"), err.toString());
        assertOneLine();
        assertTrue(Files.notExists(run));
    }

    @Test
    void aBrokenModelDirectoryIsOneLineAndTheStackTraceNeedsVerbose() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        assertEquals(1, run("-d", SharedData.store().root().toString(), "run", "--model", model.toString(),
                "--every", "20", "--out", dir.resolve("run").toString()));
        assertTrue(err.toString().startsWith("easy2hard: ") && err.toString().contains("model.onnx"), err.toString());
        assertOneLine();
        err.getBuffer().setLength(0);
        assertEquals(1, run("-d", SharedData.store().root().toString(), "--verbose", "run", "--model",
                model.toString(), "--every", "20", "--out", dir.resolve("run").toString()));
        assertTrue(err.toString().contains("\tat "), err.toString());
    }
}
