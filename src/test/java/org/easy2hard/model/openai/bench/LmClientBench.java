package org.easy2hard.model.openai.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.RequestCache;
import org.easy2hard.model.openai.LoopbackCompletionsServer;
import org.easy2hard.model.openai.OpenAiCompatibleModel;

/**
 * Benchmark of the OpenAI-compatible client (issue 6) against the loopback bigram server running in its own JVM, so
 * that this process's CPU time is the client's alone:
 * <ol>
 *   <li>requests/s the client sustains with 64 in flight, for scoring with short prompts (about 30 tokens) and long
 *       ones (about 600 tokens, an in-context-learning prompt's size, so the echoed log-probs make big responses),
 *       for generation (16 tokens), and with 1 in flight (latency-bound) for the ratio;</li>
 *   <li>client CPU per request (process CPU time of this JVM, JIT and GC included) beside the server's (the child
 *       JVM's CPU time), and the share of the client's spent parsing response JSON (measured alone on a captured
 *       response);</li>
 *   <li>the request cache: a cold run writing every answer, a warm run reading them all;</li>
 *   <li>peak heap (sum of heap pools' peaks per phase) and peak resident memory (VmHWM).</li>
 * </ol>
 *
 * <p>Run with {@code bench/lm-client-bench.sh}; options {@code --requests N} (short-prompt scoring requests, default
 * 20000), {@code --in-flight K} (default 64).
 */
public final class LmClientBench {

    private static final String NAME = "bigram";

    private LmClientBench() {
    }

    /** Runs the benchmark and prints the results. */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int n = Integer.parseInt(options.getOrDefault("requests", "20000"));
        int inFlight = Integer.parseInt(options.getOrDefault("in-flight", "64"));
        Path cacheDir = Path.of(options.getOrDefault("cache", "target/lm-client-bench-cache"));
        deleteRecursively(cacheDir);

        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsun.net.httpserver.nodelay=true", "-cp", System.getProperty("java.class.path"),
                LoopbackCompletionsServer.class.getName(), "--bos", "--name", NAME)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String baseUrl = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            System.out.printf(Locale.ROOT, "loopback bigram server in its own JVM at %s; %d processors; client "
                    + "in-flight limit %d%n", baseUrl, Runtime.getRuntime().availableProcessors(), inFlight);
            Bench bench = new Bench(server);

            bench.run("warm-up (not reported)", model(baseUrl, inFlight, null), scoring(2000, 20, "w"), false);
            Result shortScoring = bench.run("scoring, ~30-token prompts", model(baseUrl, inFlight, null),
                    scoring(n, 20, "s"), true);
            Result longScoring = bench.run("scoring, ~600-token prompts", model(baseUrl, inFlight, null),
                    scoring(Math.max(200, n / 10), 600, "l"), true);
            Result generation = bench.run("generation, 16 tokens", model(baseUrl, inFlight, null),
                    generation(Math.max(200, n / 2)), true);
            Result serial = bench.run("scoring, ~30-token prompts, 1 in flight", model(baseUrl, 1, null),
                    scoring(Math.max(200, n / 10), 20, "1"), true);
            RequestCache cache = RequestCache.at(cacheDir);
            Result cold = bench.run("scoring into an empty request cache", model(baseUrl, inFlight, cache),
                    scoring(n, 20, "c"), true);
            Result warm = bench.run("scoring, every answer in the cache", model(baseUrl, inFlight, cache),
                    scoring(n, 20, "c"), true);

            double shortParse = parseMicros(baseUrl, scoring(1, 20, "p").get(0));
            double longParse = parseMicros(baseUrl, scoring(1, 600, "p").get(0));
            System.out.println();
            System.out.printf(Locale.ROOT, "ratios: %d in flight / 1 in flight = %.1fx requests/s; client CPU / "
                    + "server CPU per request = %.2f (short scoring), %.2f (long scoring), %.2f (generation)%n",
                    inFlight, shortScoring.perSecond() / serial.perSecond(),
                    shortScoring.clientMs() / shortScoring.serverMs(), longScoring.clientMs() / longScoring.serverMs(),
                    generation.clientMs() / generation.serverMs());
            System.out.printf(Locale.ROOT, "JSON parse of one response alone (Jackson readTree, one thread, warm): "
                    + "%.0f us short, %.0f us long = %.0f%% / %.0f%% of the client's CPU per request%n",
                    shortParse, longParse, 100 * shortParse / 1000 / shortScoring.clientMs(),
                    100 * longParse / 1000 / longScoring.clientMs());
            System.out.printf(Locale.ROOT, "request cache: cold run %.2fx and warm run %.1fx the requests/s of no "
                    + "cache; client CPU per request %.3f ms cold vs %.3f ms without cache%n",
                    cold.perSecond() / shortScoring.perSecond(), warm.perSecond() / shortScoring.perSecond(),
                    cold.clientMs(), shortScoring.clientMs());
            double cores = Runtime.getRuntime().availableProcessors();
            System.out.printf(Locale.ROOT, "CPU busy during short scoring: client %.2f + server %.2f of %.0f cores "
                    + "(1.00 per core = the machine is the limit)%n", shortScoring.clientMs() * shortScoring
                    .perSecond() / 1000, shortScoring.serverMs() * shortScoring.perSecond() / 1000, cores);
            System.out.printf(Locale.ROOT, "peak resident memory (VmHWM) of the client JVM: %s%n", vmHwm());
        } finally {
            server.getOutputStream().close();
            server.destroy();
            server.waitFor();
        }
    }

    private static OpenAiCompatibleModel model(String baseUrl, int inFlight, RequestCache cache) {
        OpenAiCompatibleModel.Builder builder = OpenAiCompatibleModel.builder().setModel(NAME).setBaseUrls(baseUrl)
                .optApiKey(() -> null).optMaxInFlight(inFlight);
        return (cache == null ? builder.optNoRequestCache() : builder.optRequestCache(cache)).build();
    }

    /** Distinct scoring requests with contexts of about {@code words} word tokens. */
    private static List<LogLikelihoodRequest> scoring(int n, int words, String tag) {
        StringBuilder filler = new StringBuilder();
        List<String> cycle = List.of(" the", " cat", " sat", " on");
        for (int i = 0; i < words; i++) {
            filler.append(cycle.get(i % cycle.size()));
        }
        List<String> options = List.of(" cat", " mat", " cat sat on the mat", " yes");
        List<LogLikelihoodRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            requests.add(new LogLikelihoodRequest("Question " + tag + (i / 4) + ":" + filler + " the",
                    options.get(i % 4)));
        }
        return requests;
    }

    private static List<GenerationRequest> generation(int n) {
        List<GenerationRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            requests.add(new GenerationRequest("Question g" + i + ": the", 16, List.of("\n\n")));
        }
        return requests;
    }

    /** One phase's figures: requests/s, client and server CPU ms per request. */
    private record Result(double perSecond, double clientMs, double serverMs) {
    }

    /** Runs phases and measures them. */
    private static final class Bench {
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final Process server;

        Bench(Process server) {
            this.server = server;
        }

        <R> Result run(String what, OpenAiCompatibleModel model, List<R> requests, boolean report) {
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long cpu = os.getProcessCpuTime();
            long serverCpu = serverCpuNanos();
            long start = System.nanoTime();
            try (model) {
                Function<List<R>, List<?>> call = list -> list.get(0) instanceof LogLikelihoodRequest
                        ? model.logLikelihoods(cast(list)) : model.generate(cast(list));
                int size = call.apply(requests).size();
                if (size != requests.size()) {
                    throw new IllegalStateException(size + " results for " + requests.size() + " requests");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double clientMs = (os.getProcessCpuTime() - cpu) / 1e6 / requests.size();
            double serverMs = (serverCpuNanos() - serverCpu) / 1e6 / requests.size();
            long peakHeap = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            Result result = new Result(requests.size() / seconds, clientMs, serverMs);
            if (report) {
                System.out.printf(Locale.ROOT, "%-45s %6d requests in %6.2f s = %7.0f requests/s; CPU per request: "
                        + "client %.3f ms, server %.3f ms; peak heap %d MiB%n", what, requests.size(), seconds,
                        result.perSecond(), clientMs, serverMs, peakHeap >> 20);
            }
            return result;
        }

        private long serverCpuNanos() {
            return server.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }

        @SuppressWarnings("unchecked")
        private static <T> List<T> cast(List<?> list) {
            return (List<T>) list;
        }
    }

    /** Microseconds to parse one captured scoring response with Jackson, warm, one thread. */
    private static double parseMicros(String baseUrl, LogLikelihoodRequest request) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String body = json.createObjectNode().put("model", NAME)
                .put("prompt", request.context() + request.continuation()).put("max_tokens", 1)
                .put("temperature", 0).put("echo", true).put("logprobs", 1).toString();
        String response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        int rounds = Math.max(500, 200_000_000 / response.length()); // about 200 MB parsed
        long sink = 0;
        for (int i = 0; i < rounds / 4; i++) {
            sink += json.readTree(response).size();
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            sink += json.readTree(response).size();
        }
        double micros = (System.nanoTime() - start) / 1e3 / rounds;
        System.out.printf(Locale.ROOT, "(captured response of %d bytes parsed %d times; checksum %d)%n",
                response.length(), rounds, sink);
        return micros;
    }

    private static String vmHwm() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmHWM"))
                .map(line -> line.replaceAll("\\s+", " ").substring(7)).findFirst().orElse("unknown");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
