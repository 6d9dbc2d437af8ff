package org.easy2hard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.easy2hard.data.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code easy2hard window} and {@code easy2hard transfer}: registered, run on a small slice with the quantised bundled
 * encoder, resume without rerunning a unit, export result sheets, and refuse bad input in one line.
 */
class OpenQuestionCommandsTest {

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private String data() {
        return SharedData.store().root().toString();
    }

    @Test
    void bothCommandsAreRegistered() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("window") && out.toString().contains("transfer"), out.toString());
        assertEquals(0, run("window", "--help"));
        assertTrue(out.toString().contains("--width") && out.toString().contains("--test-min"), out.toString());
        assertEquals(0, run("transfer", "--help"));
        assertTrue(out.toString().contains("--train-on") && out.toString().contains("--same-format"));
    }

    /**
     * A small user file: {@code items} arithmetic questions with a numeric {@code hardness_level} 0..6 (equal counts)
     * and two options, or yes / no.
     */
    private Path userFile(String name, int items, boolean yesNo) throws IOException {
        StringBuilder csv = new StringBuilder("id,question,options,answer,hardness_level\n");
        for (int i = 0; i < items; i++) {
            int level = i % 7;
            String question = yesNo ? "Is " + i + " plus " + level + " even?" : "What is " + i + " plus " + level + "?";
            String options = yesNo ? "yes|no" : (i + level) + "|" + (i + level + 1);
            String answer = yesNo ? ((i + level) % 2 == 0 ? "yes" : "no") : Integer.toString(i + level);
            csv.append(name).append('-').append(i).append(',').append(question).append(',').append(options)
                    .append(',').append(answer).append(',').append(level).append('\n');
        }
        return Files.writeString(dir.resolve(name + ".csv"), csv.toString());
    }

    @Test
    void theWindowRunsOnAUserFileResumesAndExportsAResultSheet() throws IOException {
        Path file = userFile("levels", 210, false);
        Path runDir = dir.resolve("window");
        // 30 items per level: test bin level >= 5 (60 items), windows of two levels (60 items) but the last (30).
        List<String> args = List.of("-d", data(), "window", "--dataset", file.toString(), "--measure", "level",
                "--test-min", "5", "--width", "2", "--step", "1", "--models", "all-MiniLM-L6-v2-q",
                "--train-size", "5", "--bootstraps", "1", "--resamples", "200", "--out", runDir.toString());
        assertEquals(0, run(args.toArray(String[]::new)), err.toString());
        assertTrue(out.toString().contains("skipped: window 4 <= level < 5 has 30 items"), out.toString());
        assertTrue(Files.exists(runDir.resolve("summary.txt")));
        assertTrue(Files.exists(runDir.resolve("window-accuracy-all-MiniLM-L6-v2-q.png")));
        String first = out.toString();
        // Rerun: every unit is read back, the table is the same.
        PrintStreamCapture capture = PrintStreamCapture.start();
        int code;
        try {
            code = run(args.toArray(String[]::new));
        } finally {
            capture.stop();
        }
        assertEquals(0, code, err.toString());
        List<String> units = capture.text().lines().filter(line -> line.startsWith("[")).toList();
        assertEquals(6, units.size(), "baseline, 4 windows, hard reference: " + units);
        assertTrue(units.stream().allMatch(line -> line.endsWith("(finished earlier)")), units.toString());
        assertEquals(first, out.toString());
        Path sheet = dir.resolve("sheet.csv");
        assertEquals(0, run("-d", data(), "sheet", "export", runDir.toString(), "--out", sheet.toString(),
                "--data-file", file.toString(), "--resamples", "200"), err.toString());
        assertTrue(Files.readAllLines(sheet).size() > 1);
    }

    @Test
    void transferRunsEveryPairOfUserFilesAndNamesTheirFormats() throws IOException {
        Path sums = userFile("sums", 210, false);
        Path parity = userFile("parity", 210, true);
        Path runDir = dir.resolve("transfer");
        assertEquals(0, run("-d", data(), "transfer", "--datasets", sums + ":level," + parity + ":level",
                "--models", "all-MiniLM-L6-v2-q", "--train-size", "5", "--bootstraps", "1", "--resamples", "200",
                "--out", runDir.toString()), err.toString());
        assertTrue(out.toString().contains("2 options -> yes/no") && out.toString().contains("yes/no -> 2 options"),
                out.toString());
        assertTrue(Files.exists(runDir.resolve("transfer-sgr-all-MiniLM-L6-v2-q.png")));
        // sheet export takes one --data-file; without it, user runs export with the run's own measure only.
        Path sheet = dir.resolve("sheet.csv");
        assertEquals(0, run("-d", data(), "sheet", "export", runDir.toString(), "--out", sheet.toString(),
                "--resamples", "200"), err.toString());
        String rows = Files.readString(sheet);
        assertTrue(rows.contains("sums") && rows.contains("parity"), "one result per target");
    }

    @Test
    void gsm8kIsRefusedWithWhatToUseInstead() {
        assertEquals(1, run("-d", data(), "window", "--dataset", "gsm8k", "--models", "all-MiniLM-L6-v2-q",
                "--out", dir.resolve("gsm").toString()));
        assertTrue(err.toString().contains("GSM8k is generative") && err.toString().contains("PromptingMethod"),
                err.toString());
        assertEquals(1, err.toString().strip().lines().count());
        assertFalse(Files.exists(dir.resolve("gsm")));
    }

    @Test
    void anUnknownTrainPoolIsOneLine() {
        assertEquals(1, run("-d", data(), "transfer", "--datasets", "arc", "--train-on", "medium", "--models",
                "all-MiniLM-L6-v2-q", "--out", dir.resolve("t").toString()));
        assertTrue(err.toString().contains("easy or hard"), err.toString());
    }

    /** Captures standard error, where the commands report units as they start. */
    private static final class PrintStreamCapture {
        private final java.io.PrintStream original = System.err;
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        static PrintStreamCapture start() {
            PrintStreamCapture capture = new PrintStreamCapture();
            System.setErr(new java.io.PrintStream(capture.bytes, true, java.nio.charset.StandardCharsets.UTF_8));
            return capture;
        }

        void stop() {
            System.setErr(original);
        }

        String text() {
            return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
