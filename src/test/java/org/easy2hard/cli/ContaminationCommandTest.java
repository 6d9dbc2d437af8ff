package org.easy2hard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.easy2hard.data.SharedData;
import org.easy2hard.model.llama.TinyLlamaFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code easy2hard contamination}: runs on a tiny generated Llama, resumes, exports; bad input fails first. */
class ContaminationCommandTest {

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @TempDir
    Path root;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private String[] contamination(Path model, Path runDirectory) {
        return new String[] {"-d", SharedData.store().root().toString(), "contamination", "--dataset", "arc", "--lm",
            model.toString(), "--models", "all-MiniLM-L6-v2-q", "--every", "12", "--train-size", "10",
            "--bootstraps", "2", "--resamples", "200", "--out", runDirectory.toString()};
    }

    @Test
    void runsResumesAndExportsAResultSheet() throws Exception {
        TinyLlamaFixture.Spec spec = new TinyLlamaFixture.Spec("llama", 48, 32, 56, 2, 4, 2, 0, false, 1024);
        Path model = TinyLlamaFixture.random(spec, 5).write(root.resolve("tiny-llama"));
        Path runDirectory = root.resolve("run");
        assertEquals(0, run(contamination(model, runDirectory)), err.toString());
        String table = out.toString();
        assertTrue(table.contains("SGR on hard test items (human_grade) by memorisation score (model_min_k_surprise, "
                + "tiny-llama"), table);
        assertTrue(table.contains("low score (surprising 30%)"), table);
        assertTrue(Files.isRegularFile(runDirectory.resolve(ContaminationCommand.SCORES)));
        assertTrue(Files.readString(runDirectory.resolve("summary.txt")).contains("model_answer_surprise"));

        assertEquals(0, run(contamination(model, runDirectory)), err.toString());
        assertTrue(err.toString().contains("memorisation scores read back from"), err.toString());
        // The units are read back too: the same table, computed from the same records.
        assertEquals(table, out.toString());

        Path sheet = root.resolve("sheet.csv");
        assertEquals(0, run("-d", SharedData.store().root().toString(), "sheet", "export", runDirectory.toString(),
                "--out", sheet.toString(), "--resamples", "200"), err.toString());
        assertTrue(out.toString().startsWith("wrote " + sheet), out.toString());
    }

    @Test
    void kOutsideItsRangeIsOneLineBeforeAnyWork() {
        Path runDirectory = root.resolve("never");
        assertEquals(1, run(contamination(root.resolve("no-model"), runDirectory)[0], "x", "contamination", "--k",
                "0", "--lm", "nowhere", "--out", runDirectory.toString()));
        assertEquals("easy2hard: k of Min-K% Prob must be in (0, 100] percent, got 0.0", err.toString().strip());
        assertFalse(Files.exists(runDirectory));
    }

    @Test
    void aPoolTooSmallForTheDrawsFailsBeforeTheModelScoresAnything() {
        TinyLlamaFixture.Spec spec = new TinyLlamaFixture.Spec("llama", 48, 32, 56, 2, 4, 2, 0, false, 1024);
        Path model = TinyLlamaFixture.random(spec, 5).write(root.resolve("tiny-llama"));
        Path runDirectory = root.resolve("small");
        String[] args = contamination(model, runDirectory);
        args[java.util.Arrays.asList(args).indexOf("--every") + 1] = "30"; // the easy pool: 41 items, fewer than 10 + 50
        assertEquals(1, run(args));
        assertEquals("easy2hard: the easy pool of ai2_arc-every30 by human_grade has 41 items; training on 10 needs at "
                + "least 60", err.toString().strip());
        assertFalse(Files.exists(runDirectory.resolve(ContaminationCommand.SCORES)));
    }

    @Test
    void withoutACausalModelItSaysWhatItNeeds() {
        assertEquals(1, run("contamination", "--lm", "", "--out", root.resolve("never").toString()));
        assertTrue(err.toString().startsWith("easy2hard: contamination needs a causal language model: --lm DIR"),
                err.toString());
        assertEquals(1, err.toString().strip().lines().count());
    }
}
