package org.easy2hard.model.openai.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
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
 * Every phase runs twice with fresh requests; only the second pass is reported, so that JIT compilation (on a
 * two-core machine, most of the client's CPU in a first pass) is not counted as the client's cost.
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

            // Every phase runs twice; the first pass, JIT compilation included, is not reported.
            Result[] results = null;
            for (int pass = 0; pass < 2; pass++) {
                boolean report = pass == 1;
                System.out.println(report ? "measured pass:" : "warm-up pass (every phase once, not reported)...");
                String tag = "p" + pass;
                RequestCache cache = RequestCache.at(cacheDir.resolve(tag));
                results = new Result[] {
                    bench.run("scoring, ~30-token prompts", model(baseUrl, inFlight, null), scoring(n, 20, tag + "s"),
                            report),
                    bench.run("scoring, ~600-token prompts", model(baseUrl, inFlight, null),
                            scoring(Math.max(200, n / 10), 600, tag + "l"), report),
                    bench.run("generation, 16 tokens", model(baseUrl, inFlight, null),
                            generation(Math.max(200, n / 2), tag), report),
                    bench.run("scoring, ~30-token prompts, 1 in flight", model(baseUrl, 1, null),
                            scoring(Math.max(200, n / 10), 20, tag + "1"), report),
                    bench.run("scoring into an empty request cache", model(baseUrl, inFlight, cache),
                            scoring(n, 20, tag + "c"), report),
                    bench.run("scoring, every answer in the cache", model(baseUrl, inFlight, cache),
                            scoring(n, 20, tag + "c"), report)};
            }
            Result shortScoring = results[0];
            Result longScoring = results[1];
            Result generation = results[2];
            Result serial = results[3];
            Result cold = results[4];
            Result warm = results[5];

            ObjectMapper fast = new ObjectMapper(JsonFactory.builder()
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());
            double shortParse = parseMicros(fast, baseUrl, scoring(1, 20, "p").get(0));
            double longParse = parseMicros(fast, baseUrl, scoring(1, 600, "p").get(0));
            double longParseJdk = parseMicros(new ObjectMapper(), baseUrl, scoring(1, 600, "p").get(0));
            System.out.println();
            System.out.printf(Locale.ROOT, "ratios: %d in flight / 1 in flight = %.1fx requests/s; client CPU / "
                    + "server CPU per request = %.2f (short scoring), %.2f (long scoring), %.2f (generation)%n",
                    inFlight, shortScoring.perSecond() / serial.perSecond(),
                    shortScoring.clientMs() / shortScoring.serverMs(), longScoring.clientMs() / longScoring.serverMs(),
                    generation.clientMs() / generation.serverMs());
            System.out.printf(Locale.ROOT, "JSON parse of one response alone (Jackson readTree from bytes, fast doubles, one thread, warm): "
                    + "%.0f us short, %.0f us long = %.0f%% / %.0f%% of the client's CPU per request%n",
                    shortParse, longParse, 100 * shortParse / 1000 / shortScoring.clientMs(),
                    100 * longParse / 1000 / longScoring.clientMs());
            System.out.printf(Locale.ROOT, "the same long response with the JDK's double parser (Jackson's default): "
                    + "%.0f us = %.1fx the fast double parser the client uses%n", longParseJdk, longParseJdk / longParse);
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

    private static List<GenerationRequest> generation(int n, String tag) {
        List<GenerationRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            requests.add(new GenerationRequest("Question " + tag + "g" + i + ": the", 16, List.of("\n\n")));
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
            long[] ticks = userAndSystemTicks();
            Map<Long, Long> threadsBefore = threadCpu();
            long gc = gcMillis();
            long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            long serverCpu = serverCpuNanos();
            long start = System.nanoTime();
            Map<String, Double> byGroup;
            try (model) {
                Function<List<R>, List<?>> call = list -> list.get(0) instanceof LogLikelihoodRequest
                        ? model.logLikelihoods(cast(list)) : model.generate(cast(list));
                int size = call.apply(requests).size();
                if (size != requests.size()) {
                    throw new IllegalStateException(size + " results for " + requests.size() + " requests");
                }
                // Measured before closing: closing ends the client's threads, and their CPU time with them.
                byGroup = threadGroupsMs(threadsBefore, requests.size());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double clientMs = (os.getProcessCpuTime() - cpu) / 1e6 / requests.size();
            long[] ticksAfter = userAndSystemTicks();
            double kernelShare = (double) (ticksAfter[1] - ticks[1])
                    / Math.max(1, ticksAfter[0] - ticks[0] + ticksAfter[1] - ticks[1]);
            double gcMs = (double) (gcMillis() - gc) / requests.size();
            double jitMs = (double) (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit)
                    / requests.size();
            double javaThreads = byGroup.values().stream().mapToDouble(Double::doubleValue).sum();
            double serverMs = (serverCpuNanos() - serverCpu) / 1e6 / requests.size();
            long peakHeap = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            Result result = new Result(requests.size() / seconds, clientMs, serverMs);
            if (report) {
                System.out.printf(Locale.ROOT, "%-40s %6d requests in %6.2f s = %6.0f requests/s; CPU per request: "
                        + "client %.3f ms (%.0f%% kernel, GC %.3f ms), server %.3f ms; peak heap %d MiB%n", what,
                        requests.size(), seconds, result.perSecond(), clientMs, 100 * kernelShare, gcMs, serverMs,
                        peakHeap >> 20);
                StringBuilder groups = new StringBuilder();
                byGroup.forEach((group, ms) -> groups.append(String.format(Locale.ROOT, "%s %.3f, ", group, ms)));
                System.out.printf(Locale.ROOT, "%40s client CPU ms per request by thread: %sJVM's own threads "
                        + "%.3f (JIT compiler threads busy %.3f ms)%n", "", groups, Math.max(0, clientMs - javaThreads),
                        jitMs);
            }
            return result;
        }

        /** This process's user and system CPU time in clock ticks (fields 14 and 15 of /proc/self/stat). */
        private static long[] userAndSystemTicks() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
            } catch (IOException | RuntimeException e) {
                return new long[] {0, 0};
            }
        }

        /** CPU time of every live Java thread, by id. */
        private static Map<Long, Long> threadCpu() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<Long, Long> cpu = new HashMap<>();
            for (long id : threads.getAllThreadIds()) {
                long nanos = threads.getThreadCpuTime(id);
                if (nanos >= 0) {
                    cpu.put(id, nanos);
                }
            }
            return cpu;
        }

        /**
         * CPU ms per request since {@code before}, by thread group: the calling thread, the client's HTTP executor
         * (response reading, JSON, cache writes), the HTTP client's selector, others.
         */
        private static Map<String, Double> threadGroupsMs(Map<Long, Long> before, int requests) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<String, Double> groups = new java.util.LinkedHashMap<>();
            for (String group : List.of("caller", "client executor", "selector", "other Java")) {
                groups.put(group, 0.0);
            }
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long now = threads.getThreadCpuTime(info.getThreadId());
                if (now < 0) {
                    continue;
                }
                String name = info.getThreadName();
                String group = name.equals("main") ? "caller" : name.startsWith("openai-client-") ? "client executor"
                        : name.contains("SelectorManager") ? "selector" : "other Java";
                double ms = (now - before.getOrDefault(info.getThreadId(), 0L)) / 1e6 / requests;
                groups.merge(group, ms, Double::sum);
            }
            return groups;
        }

        private static long gcMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(bean -> Math.max(0, bean.getCollectionTime())).sum();
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
    private static double parseMicros(ObjectMapper json, String baseUrl, LogLikelihoodRequest request)
            throws Exception {
        String body = json.createObjectNode().put("model", NAME)
                .put("prompt", request.context() + request.continuation()).put("max_tokens", 1)
                .put("temperature", 0).put("echo", true).put("logprobs", 1).toString();
        byte[] response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        int rounds = Math.max(500, 200_000_000 / response.length); // about 200 MB parsed
        long sink = 0;
        for (int i = 0; i < rounds / 4; i++) {
            sink += json.readTree(response).size();
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            sink += json.readTree(response).size();
        }
        double micros = (System.nanoTime() - start) / 1e3 / rounds;
        System.out.printf(Locale.ROOT, "(captured response of %d bytes parsed %d times from bytes; checksum %d)%n",
                response.length, rounds, sink);
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
