package org.easy2hard.model.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * llama.cpp's per-step top-k log-probabilities, from {@code scripts/llama-cpp-node/top-logprobs.mjs} (node-llama-cpp
 * 3.21.1's prebuilt CPU build of llama.cpp), for {@link LlamaCppComparisonTest}.
 *
 * <p>Why node and not java-llama.cpp 4.2.0, which the test uses for token ids and greedy text: its
 * {@code receiveCompletion} reads each entry of {@code completion_probabilities} as {@code entry["probs"]} with
 * {@code tok_str}/{@code prob} inside, the layout of llama.cpp's server before it was renamed; the llama.cpp it
 * bundles writes {@code top_logprobs} (or {@code top_probs} with {@code post_sampling_probs}) instead. Reading a missing
 * key through nlohmann::json's const {@code operator[]} trips its {@code JSON_ASSERT}, which llama.cpp maps to
 * {@code GGML_ASSERT}: the JVM aborts for every {@code n_probs > 0}, whatever the other parameters, and the binding
 * has no other way to logits ({@code embed} returns a pooled, L2-normalised hidden state).
 *
 * <p>Two tolerances, from float32 arithmetic (ε = 6·10⁻⁸). Both engines compute in float32 (the script asks llama.cpp
 * for float32 keys and values: its default float16 cache alone moved log-probabilities by up to 1.8·10⁻³ here), in
 * different orders: matmul accumulation, rotary tables (llama.cpp evaluates θ·p in float32 per position) and the
 * softmax. The softmax's normaliser is the largest term: node-llama-cpp sorts the vocabulary by logit and sums the
 * exponentials in a float from the largest down, so once the running sum is near 1 every term under half an ulp
 * (6·10⁻⁸) is rounded away or to the ulp; over a vocabulary of V tokens that can shift every log-probability of a
 * step by the same amount, up to V·ε/2 (≈ 4·10⁻³ at 152k) in the worst case. Redoing that float sum on our own
 * log-probabilities predicts the shift seen on every step to ~10⁻⁵ (Qwen3, 0305, first step: seen −1.85·10⁻⁴,
 * predicted −1.92·10⁻⁴). So {@link #TOLERANCE} (10⁻³) bounds each log-probability, and {@link #SHAPE} (10⁻⁴) bounds
 * the spread of the differences within a step, which the common shift leaves out: what remains is the forward pass
 * (a few float32 roundings of logits of order 1–10, ~10⁻⁶).
 * Measured on the paper's prompts (6 greedy steps each, top 5): largest difference 5.9·10⁻⁶ (Llama-2 vocabulary),
 * 1.8·10⁻⁵ (Llama-3, llama3 scaling), 2.6·10⁻⁴ (Qwen3, 152k vocabulary: the normaliser); largest spread 9.6·10⁻⁷,
 * 2.0·10⁻⁶, 5.9·10⁻⁶. Rotary θ written 1% off moves the spread to 2–4·10⁻⁴ (caught by {@link #SHAPE} only: tiny random
 * models barely use position); leaving out the q/k permutation moves log-probabilities by 10⁻² and more, leaving out
 * llama3 scaling's rope_freqs by 6.5·10⁻³.
 */
final class LlamaCppLogProbs {

    /** Largest allowed difference of a log-probability, in nats (see the class comment). */
    static final double TOLERANCE = 1e-3;

    /**
     * Largest allowed spread, in nats, of the differences within one step: what is left once the softmax's
     * normaliser (a shift common to the step) is taken out, i.e. the forward pass itself (see the class comment).
     */
    static final double SHAPE = 1e-4;

    private static final Path SCRIPT_DIR = Path.of("scripts", "llama-cpp-node");
    private static final String INSTALL =
            "NODE_LLAMA_CPP_SKIP_DOWNLOAD=true npm ci --prefix scripts/llama-cpp-node --no-audit --no-fund";

    /** One greedy step of llama.cpp: the chosen id and the top ids with their log-probabilities, best first. */
    record Step(long token, long[] ids, double[] logProbs) {}

    private final Path script;

    private LlamaCppLogProbs(Path script) {
        this.script = script;
    }

    /**
     * The script with its node dependencies; without them the test is skipped on a developer's machine and fails in
     * CI (environment variable {@code CI} set), where .ci/run installs them.
     */
    static LlamaCppLogProbs locate() {
        Path script = SCRIPT_DIR.resolve("top-logprobs.mjs").toAbsolutePath();
        boolean installed = Files.isDirectory(SCRIPT_DIR.resolve("node_modules").resolve("node-llama-cpp"))
                && nodeRuns();
        if (!installed) {
            String message = "node and node-llama-cpp are needed for llama.cpp's log-probabilities: run `" + INSTALL
                    + "` (node 20+)";
            if (System.getenv("CI") != null) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return new LlamaCppLogProbs(script);
    }

    private static boolean nodeRuns() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** llama.cpp's greedy steps (at most {@code steps}, fewer after an end-of-generation token) for each prompt. */
    List<List<Step>> run(Path gguf, List<long[]> prompts, int steps, int k) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode request = json.createObjectNode().put("model", gguf.toAbsolutePath().toString())
                .put("steps", steps).put("k", k);
        ArrayNode list = request.putArray("prompts");
        for (long[] prompt : prompts) {
            ArrayNode ids = list.addArray();
            for (long id : prompt) {
                ids.add(id);
            }
        }
        Path stderr = Files.createTempFile(gguf.getParent(), "node", ".log");
        Process process = new ProcessBuilder("node", script.toString()).directory(script.getParent().toFile())
                .redirectError(stderr.toFile()).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(json.writeValueAsBytes(request));
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            fail("node " + script + " failed: " + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        List<List<Step>> result = new ArrayList<>();
        for (JsonNode prompt : json.readTree(out)) {
            List<Step> stepsOut = new ArrayList<>();
            for (JsonNode step : prompt) {
                JsonNode top = step.get("top");
                long[] ids = new long[top.size()];
                double[] logProbs = new double[top.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = top.get(i).get(0).asLong();
                    logProbs[i] = top.get(i).get(1).asDouble();
                }
                stepsOut.add(new Step(step.get("token").asLong(), ids, logProbs));
            }
            result.add(stepsOut);
        }
        return result;
    }

    /**
     * Asserts that llama.cpp's top ids are ours in our order (neighbours may trade places only where our
     * log-probabilities of them are within {@link #SHAPE}), that each of its log-probabilities is ours within
     * {@link #TOLERANCE}, and that the differences between them (the logits' differences: the forward pass without
     * the softmax's normaliser) are ours within {@link #SHAPE}.
     *
     * @return the largest absolute difference and the largest spread of the differences within the step
     */
    static double[] assertAgrees(double[] ours, Step theirs, String what) {
        int k = theirs.ids().length;
        long[] mine = topIds(ours, k);
        double largest = 0;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            long id = theirs.ids()[i];
            if (id != mine[i]) {
                double gap = Math.abs(ours[(int) mine[i]] - ours[(int) id]);
                assertTrue(gap <= SHAPE, what + ": rank " + i + " is " + id + " in llama.cpp, " + mine[i]
                        + " in ours, " + gap + " apart in ours");
            }
            double difference = ours[(int) id] - theirs.logProbs()[i];
            assertEquals(ours[(int) id], theirs.logProbs()[i], TOLERANCE, what + ": log-probability of " + id
                    + " (rank " + i + ")");
            largest = Math.max(largest, Math.abs(difference));
            low = Math.min(low, difference);
            high = Math.max(high, difference);
        }
        assertTrue(high - low <= SHAPE, what + ": the top-" + k + " log-probabilities differ from ours by "
                + low + " to " + high + ", more than " + SHAPE + " apart");
        return new double[] {largest, high - low};
    }

    private static long[] topIds(double[] values, int k) {
        long[] best = new long[k];
        for (int i = 0; i < k; i++) {
            int top = -1;
            for (int v = 0; v < values.length; v++) {
                if ((top < 0 || values[v] > values[top]) && !taken(best, i, v)) {
                    top = v;
                }
            }
            best[i] = top;
        }
        return best;
    }

    private static boolean taken(long[] chosen, int count, int id) {
        for (int i = 0; i < count; i++) {
            if (chosen[i] == id) {
                return true;
            }
        }
        return false;
    }
}
