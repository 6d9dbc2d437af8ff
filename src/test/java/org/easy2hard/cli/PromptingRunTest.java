package org.easy2hard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.SharedData;
import org.easy2hard.model.openai.BigramLanguageModel;
import org.easy2hard.model.openai.LoopbackCompletionsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code easy2hard run --lm-url ...}: the RQ2 study with in-context learning against zero-shot prompting, on real ARC
 * items, served by a loopback completions server with an API key; rerunning resumes without sending a request.
 */
class PromptingRunTest {

    private static final String KEY_VARIABLE = "EASY2HARD_TEST_API_KEY";

    @TempDir
    Path root;

    private LoopbackCompletionsServer server;

    @BeforeEach
    void startServer() throws IOException {
        String key = System.getenv(KEY_VARIABLE);
        assertTrue(key != null && key.length() > 10, "surefire sets " + KEY_VARIABLE);
        // a served name of its own, so the shared test request cache never answers for another test
        server = LoopbackCompletionsServer.start(new BigramLanguageModel(true), "bigram-cli-" + root.getFileName())
                .requireApiKey(key);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String run(List<String> extra) {
        return run(List.of("--lm-url", server.baseUrl(), "--lm-model", "bigram-cli-" + root.getFileName()), extra);
    }

    private String run(List<String> model, List<String> extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        DataStore store = SharedData.store();
        List<String> args = new java.util.ArrayList<>(List.of("-d", store.root().toString(), "run",
                "--dataset", "arc"));
        args.addAll(model);
        args.addAll(List.of("--lm-api-key-env", KEY_VARIABLE, "--every", "20", "--bootstraps", "2", "--k", "3",
                "--resamples", "500", "--out", root.resolve("run").toString()));
        args.addAll(extra);
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertEquals(0, status, err.toString());
        return out.toString();
    }

    @Test
    void inContextLearningRunsOnTheServerAndResumesWithoutResending() throws IOException {
        String first = run(List.of());
        int sent = server.requests();
        assertTrue(first.contains("3-shot ICL vs zero-shot"), first);
        assertTrue(first.contains("Unsupervised") && first.contains("Easy") && first.contains("Hard"), first);
        assertTrue(sent > 0, "requests sent: " + sent);

        String again = run(List.of());
        // Only the pre-flight check reaches the server again: GET /models, a token count, and one scoring request under the authors' option rule (context and
        // option tokenized apart, then one completion).
        assertEquals(sent + 5, server.requests(), "a finished run sends nothing but its server check again");
        assertEquals(2, server.requests("/v1/models"), "one server check per run");
        assertEquals(first.lines().skip(1).toList(), again.lines().skip(1).toList());
    }

    @Test
    void aServerReferenceInModelIsTheSameModelAsLmUrlWithLmModel() {
        String first = run(List.of());
        int sent = server.requests();
        String again = run(List.of("--model", server.baseUrl() + "#bigram-cli-" + root.getFileName()), List.of());
        // The run written under --lm-url / --lm-model resumes under --model URL#NAME: only the server check is sent.
        assertEquals(sent + 5, server.requests(), "the same model and run: nothing but the server check again");
        assertEquals(first.lines().skip(1).toList(), again.lines().skip(1).toList());
    }

    @Test
    void theApiKeyIsWrittenToNoFile() throws IOException {
        run(List.of());
        String key = System.getenv(KEY_VARIABLE);
        List<Path> folders = List.of(root, Path.of(System.getProperty("easy2hard.cache.dir")));
        for (Path folder : folders) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    assertFalse(text.contains(key), file + " holds the API key");
                }
            }
        }
    }

    @Test
    void promptingWithoutAServerOrCausalModelSaysWhatIsNeeded() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), "run", "--method", "icl", "--lm-url", "");
        assertEquals(1, status);
        assertTrue(err.toString().contains("prompting needs a causal language model"), err.toString());
    }
}
