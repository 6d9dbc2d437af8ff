package org.easy2hard.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.openai.LoopbackCompletionsServer.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-flight check fails at once, in one line, for each way a server can be unusable. */
class ServerCheckTest {

    private final List<LoopbackCompletionsServer> servers = new ArrayList<>();

    private LoopbackCompletionsServer server() throws IOException {
        LoopbackCompletionsServer server = LoopbackCompletionsServer.start(new BigramLanguageModel(true),
                Loopback.NAME);
        servers.add(server);
        return server;
    }

    @AfterEach
    void stop() {
        servers.forEach(server -> {
            server.releaseHeld();
            server.close();
        });
    }

    private static ServerCheck check(String url, String model, String key, Duration timeout) {
        return new ServerCheck(List.of(url), model, () -> key, "OPENAI_API_KEY", timeout);
    }

    private static String failure(ServerCheck check) {
        String message = assertThrows(LanguageModelException.class, check::run).getMessage();
        assertTrue(!message.contains("\n"), "one line: " + message);
        return message;
    }

    /** A loopback port nothing listens on (bound, then released). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aWorkingServerPassesWithOneRequestPerStep() throws IOException {
        LoopbackCompletionsServer server = server();
        check(server.baseUrl(), Loopback.NAME, null, Duration.ofSeconds(10)).run();
        assertEquals(1, server.requests("/v1/models"));
        // One token count, then the scoring request as a run makes it: the authors' option rule (the default)
        // tokenizes context and option apart before it sends their ids.
        assertEquals(3, server.requests("/tokenize"));
        assertEquals(1, server.requests("/v1/completions"));
    }

    @Test
    void nothingListeningSaysSo() throws IOException {
        String message = failure(check("http://127.0.0.1:" + freePort() + "/v1", Loopback.NAME, null,
                Duration.ofSeconds(10)));
        assertTrue(message.contains("connection refused") && message.contains("--lm-url"), message);
    }

    @Test
    void anHttp500IsReportedWithoutRetries() throws IOException {
        LoopbackCompletionsServer server = server().inject(Fault.SERVER_ERROR);
        String message = failure(check(server.baseUrl(), Loopback.NAME, null, Duration.ofSeconds(10)));
        assertTrue(message.contains("answered HTTP 500"), message);
        assertEquals(1, server.requests());
    }

    @Test
    void aServerThatNeverAnswersFailsAfterTheTimeout() throws IOException {
        LoopbackCompletionsServer server = server().inject(Fault.HOLD);
        String message = failure(check(server.baseUrl(), Loopback.NAME, null, Duration.ofMillis(200)));
        assertTrue(message.contains("got no answer within 200 ms"), message);
    }

    @Test
    void aWrongModelNameListsTheServedOnes() throws IOException {
        LoopbackCompletionsServer server = server();
        String message = failure(check(server.baseUrl(), "llama-7b", null, Duration.ofSeconds(10)));
        assertTrue(message.contains("does not serve 'llama-7b'; it serves bigram: pass one with --lm-model"), message);
    }

    @Test
    void aMissingApiKeyNamesTheVariable() throws IOException {
        LoopbackCompletionsServer server = server().requireApiKey("secret");
        String message = failure(check(server.baseUrl(), Loopback.NAME, null, Duration.ofSeconds(10)));
        assertTrue(message.contains("HTTP 401") && message.contains("set $OPENAI_API_KEY"), message);
    }

    @Test
    void missingPromptLogprobsAreNamed() throws IOException {
        LoopbackCompletionsServer server = server().withholdPromptLogprobs(true);
        String message = failure(check(server.baseUrl(), Loopback.NAME, null, Duration.ofSeconds(10)));
        assertTrue(message.contains("prompt's log-probabilities"), message);
    }

    @Test
    void retriesMidRunAreAnnouncedWithTheirWait() throws IOException {
        LoopbackCompletionsServer server = server().inject(Fault.UNAVAILABLE, Fault.SERVER_ERROR);
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (OpenAiCompatibleModel model = Loopback.model(server).optRetryNotices(notices::add).build()) {
            model.logLikelihoods(List.of(new org.easy2hard.model.LogLikelihoodRequest("Question: the", " cat")));
        }
        assertEquals(2, notices.size(), notices.toString());
        assertTrue(notices.get(0).matches("POST http://127\\.0\\.0\\.1:\\d+/v1/completions: HTTP 503; retry 1 of 8 in "
                + "\\d+\\.\\d s"), notices.get(0));
        assertTrue(notices.get(1).contains("HTTP 500; retry 2 of 8 in "), notices.get(1));
    }

    @Test
    void theCommandLineChecksBeforeCreatingTheRunDirectory(@TempDir Path dir) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path run = dir.resolve("run");
        int code = org.easy2hard.cli.Main.run(new PrintWriter(out), new PrintWriter(err), "-d",
                dir.resolve("data").toString(), "run", "--lm-url", "http://127.0.0.1:" + freePort() + "/v1",
                "--lm-model", Loopback.NAME, "--out", run.toString());
        assertEquals(1, code);
        assertTrue(err.toString().startsWith("easy2hard: server check failed for http://127.0.0.1:"),
                err.toString());
        assertTrue(!err.toString().contains("\tat "), err.toString());
        assertTrue(Files.notExists(run));
    }
}
