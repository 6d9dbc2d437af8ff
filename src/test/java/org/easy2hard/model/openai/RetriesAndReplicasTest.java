package org.easy2hard.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.openai.LoopbackCompletionsServer.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Transient failures are retried, work is spread over replicas, and neither changes a result or its order. */
class RetriesAndReplicasTest {

    private static final LogLikelihoodRequest CAT = new LogLikelihoodRequest("Question: the", " cat");

    private final BigramLanguageModel bigram = new BigramLanguageModel(true);
    private final List<LoopbackCompletionsServer> servers = new ArrayList<>();

    private LoopbackCompletionsServer server() throws IOException {
        LoopbackCompletionsServer server = LoopbackCompletionsServer.start(bigram, Loopback.NAME);
        servers.add(server);
        return server;
    }

    @AfterEach
    void stop() {
        servers.forEach(LoopbackCompletionsServer::close);
    }

    private double scoreOnce(OpenAiCompatibleModel model) {
        return model.logLikelihoods(List.of(CAT)).get(0).logProbability();
    }

    /** 429 (with Retry-After 0), 503 then 500, and connections closed without a response: each retried. */
    @ParameterizedTest
    @CsvSource({"TOO_MANY_REQUESTS, TOO_MANY_REQUESTS", "UNAVAILABLE, SERVER_ERROR", "DROP, DROP"})
    void transientFailuresAreRetried(Fault first, Fault second) throws IOException {
        LoopbackCompletionsServer server = server().inject(first, second);
        try (OpenAiCompatibleModel model = Loopback.model(server).build()) {
            assertEquals(Math.log(20.0 / 133), scoreOnce(model), 1e-12);
            assertEquals(3, server.requests());
        }
    }

    @Test
    void aRequestThatTimesOutIsSentAgain() throws IOException {
        LoopbackCompletionsServer server = server().inject(Fault.HOLD);
        try (OpenAiCompatibleModel model = Loopback.model(server).optRequestTimeout(Duration.ofMillis(300)).build()) {
            assertEquals(Math.log(20.0 / 133), scoreOnce(model), 1e-12);
            // The held request can only end by timing out, so it was sent again; on a loaded machine an answered
            // retry may also outlast 300 ms and be sent once more, so the count is a lower bound, not exact.
            assertTrue(server.requests() >= 2, "requests: " + server.requests());
            assertEquals(1, server.held());
        }
    }

    @Test
    void aRefusedConnectionIsRetriedOnAnotherReplica() throws IOException {
        LoopbackCompletionsServer server = server();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (OpenAiCompatibleModel model = Loopback.model(server)
                .setBaseUrls("http://127.0.0.1:" + closedPort + "/v1", server.baseUrl()).build()) {
            List<LogLikelihood> scores = model.logLikelihoods(Loopback.requests(20));
            assertEquals(expected(Loopback.requests(20)), scores);
            assertEquals(20, server.answered());
        }
    }

    @Test
    void retriesStopAtTheLimitWithTheLastError() throws IOException {
        LoopbackCompletionsServer server = server().inject(Fault.UNAVAILABLE, Fault.UNAVAILABLE, Fault.UNAVAILABLE);
        try (OpenAiCompatibleModel model = Loopback.model(server).optMaxRetries(2).build()) {
            LanguageModelException e = assertThrows(LanguageModelException.class, () -> scoreOnce(model));
            assertEquals("POST " + server.baseUrl() + "/completions failed after 3 attempts: HTTP 503: unavailable",
                    e.getMessage());
            assertEquals(3, server.requests());
        }
    }

    @Test
    void twoHundredRequestsOverThreeReplicasComeBackInOrderAndEveryReplicaWorks() throws IOException {
        List<LoopbackCompletionsServer> three = List.of(server(), server(), server());
        List<LogLikelihoodRequest> requests = Loopback.requests(200);
        try (OpenAiCompatibleModel model = Loopback.model(three.toArray(LoopbackCompletionsServer[]::new))
                .optMaxInFlight(64).build()) {
            List<Long> progress = new ArrayList<>();
            List<LogLikelihood> scores = model.logLikelihoods(requests, (task, done, total) -> progress.add(done));
            assertEquals(expected(requests), scores);
            assertEquals(200, three.stream().mapToInt(LoopbackCompletionsServer::answered).sum());
            for (LoopbackCompletionsServer replica : three) {
                assertTrue(replica.answered() > 0, "every replica gets work");
            }
            assertEquals(200L, progress.get(progress.size() - 1));
        }
    }

    @Test
    void resultsDoNotDependOnRequestsInFlightOrReplicas() throws IOException {
        List<LogLikelihoodRequest> requests = Loopback.requests(60);
        LoopbackCompletionsServer a = server();
        LoopbackCompletionsServer b = server();
        LoopbackCompletionsServer c = server();
        List<LogLikelihood> one;
        List<LogLikelihood> many;
        List<LogLikelihood> replicas;
        try (OpenAiCompatibleModel model = Loopback.model(a).optMaxInFlight(1).build()) {
            one = model.logLikelihoods(requests);
        }
        try (OpenAiCompatibleModel model = Loopback.model(a).optMaxInFlight(64).build()) {
            many = model.logLikelihoods(requests);
        }
        try (OpenAiCompatibleModel model = Loopback.model(a, b, c).optMaxInFlight(64).build()) {
            replicas = model.logLikelihoods(requests);
        }
        assertEquals(one, many);
        assertEquals(one, replicas);
        assertEquals(expected(requests), one);
    }

    private List<LogLikelihood> expected(List<LogLikelihoodRequest> requests) {
        return requests.stream().map(request -> Loopback.expected(bigram, request)).toList();
    }
}
