package org.easy2hard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.easy2hard.data.SharedData;
import org.easy2hard.model.llama.TinyLlamaFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code easy2hard run --model DIR} with an in-JVM causal LM (a tiny random Llama written by the test) on real ARC
 * items: the probe on its hidden states, in-context learning and LoRA fine-tuning, each against zero-shot prompting of
 * the same model, through the same runner and summary as the encoder studies.
 */
class CausalModelRunTest {

    @TempDir
    static Path root;

    private static Path model;

    @BeforeAll
    static void writeModel() {
        // a window of 1,024 positions so that every ARC question fits without demonstrations
        TinyLlamaFixture.Spec spec = new TinyLlamaFixture.Spec("llama", 48, 32, 56, 2, 4, 2, 0, false, 1024);
        model = TinyLlamaFixture.random(spec, 5).write(root.resolve("tiny-llama"));
    }

    private static String run(String method, Path out, String... extra) {
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        List<String> args = new ArrayList<>(List.of("-d", SharedData.store().root().toString(), "run",
                "--dataset", "arc", "--model", model.toString(), "--method", method, "--every", "10",
                "--bootstraps", "1", "--resamples", "200", "--out", out.toString()));
        args.addAll(List.of(extra));
        int status = Main.run(new PrintWriter(output), new PrintWriter(errors), args.toArray(String[]::new));
        assertEquals(0, status, errors.toString());
        return output.toString();
    }

    @Test
    void theProbeReadsTheCausalModelsHiddenStatesAgainstZeroShotPrompting() throws IOException {
        Path out = root.resolve("probe");
        String text = run("probe", out, "--train-size", "20");
        assertTrue(text.contains("Unsupervised") && text.contains("Hard"), text);
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"decoding\"") && manifest.contains("\"learned\""), manifest);
    }

    @Test
    void inContextLearningRunsOnTheInJvmModel() {
        String text = run("icl", root.resolve("icl"), "--k", "2");
        assertTrue(text.contains("2-shot ICL vs zero-shot"), text);
    }

    @Test
    void fineTuningSavesAdaptersAndAResumeReloadsThem() throws IOException {
        Path out = root.resolve("finetune");
        String first = run("finetune", out, "--train-size", "8");
        assertTrue(first.contains("LoRA fine-tuned on 8 items"), first);
        try (Stream<Path> files = Files.walk(out.resolve("adapters"))) {
            assertEquals(2, files.filter(f -> f.getFileName().toString().equals("adapter_model.safetensors")).count(),
                    "one adapter per supervised unit (easy, hard)");
        }
        assertEquals(first.lines().skip(1).toList(), run("finetune", out, "--train-size", "8").lines().skip(1)
                .toList());
    }
}
