package org.easy2hard.model.llama.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.Generation;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.llama.TinyLlamaFixture;
import org.easy2hard.model.llama.internal.LlamaConfig;

/**
 * Benchmark of the in-JVM Llama backend (issue 8) on a random-weight model with SmolLM2-135M's shape (30 layers,
 * hidden 576, 9 heads / 3 KV heads, intermediate 1536, vocabulary 49,152, tied head; 134.5 M parameters, 513 MB
 * as F32 safetensors):
 * <ol>
 *   <li>scoring throughput: {@code --requests} log-likelihood requests of {@code --context} context tokens plus a
 *       5-token continuation, batched ({@code --batch}), in tokens/s of whole sequences;</li>
 *   <li>multiple-choice scoring: items of four options sharing a {@code --context}-token context (the context
 *       passes once), in <em>computed</em> tokens/s (the shared context counted once, each option's tokens once) and
 *       in items/s against scoring the four full sequences separately;</li>
 *   <li>generation throughput: greedy decoding of {@code --new-tokens} tokens for {@code --gen-prompts} prompts of
 *       {@code --gen-context} tokens, as one batch and one prompt at a time, in generated tokens/s;</li>
 *   <li>peak resident memory (VmHWM) of the benchmarking process.</li>
 * </ol>
 *
 * <p>Every figure is the median of {@code --rounds} (default 3) timed rounds after an untimed warm-up round, printed
 * with the slowest and fastest round. {@code --write-model DIR} only generates the model into DIR (the script runs
 * it in a separate JVM, so the
 * generator's heap does not count in the peak memory); {@code --model DIR} benchmarks a model directory (also a real
 * one). Run with {@code bench/llama-bench.sh}.
 */
public final class LlamaBench {

    /** SmolLM2-135M's shape. */
    static final TinyLlamaFixture.Spec SMOLLM2_135M = new TinyLlamaFixture.Spec("llama", 49152, 576, 1536, 30, 9, 3,
            0, true, 2048);

    private LlamaBench() {
    }

    /** Runs the benchmark (or writes the model) and prints the results. */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        if (options.containsKey("write-model")) {
            writeModel(Path.of(options.get("write-model")));
            return;
        }
        Path modelDir = Path.of(options.getOrDefault("model", "target/llama-bench-model"));
        int context = Integer.parseInt(options.getOrDefault("context", "250"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "16"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "8"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int newTokens = Integer.parseInt(options.getOrDefault("new-tokens", "32"));
        int genPrompts = Integer.parseInt(options.getOrDefault("gen-prompts", "4"));
        int genContext = Integer.parseInt(options.getOrDefault("gen-context", "60"));

        Engine engine = Engine.getEngine("PyTorch");
        System.out.printf(Locale.ROOT, "engine %s %s, device %s, %d GPUs, %d processors, PyTorch threads %s%n",
                engine.getEngineName(), engine.getVersion(), engine.defaultDevice(), engine.getGpuCount(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("ai.djl.pytorch.num_threads", "default"));
        long start = System.nanoTime();
        try (LlamaModel model = LlamaModel.builder().setModel(modelDir).optBatchSize(batch)
                .optCache(CacheDirectory.fromSettings()).build()) {
            System.out.printf(Locale.ROOT, "loaded %s (%d layers, hidden %d, vocab %d) in %.1f s; RSS %d MB%n",
                    modelDir, model.config().layers(), model.config().hiddenSize(), model.config().vocabSize(),
                    seconds(start), memoryMb("VmRSS"));
            LlamaConfig c = model.config();
            // weights a step reads: the blocks' projections plus the embedding (the head, once when tied)
            double perLayer = 2.0 * c.hiddenSize() * c.heads() * c.headDim()
                    + 2.0 * c.hiddenSize() * c.kvHeads() * c.headDim() + 3.0 * c.hiddenSize() * c.intermediateSize();
            double blockParams = perLayer * c.layers();
            double allParams = blockParams + (double) c.vocabSize() * c.hiddenSize() * (c.tieWordEmbeddings() ? 1 : 2);
            List<String> vocabulary = words(model);
            SplittableRandom random = new SplittableRandom(1);

            List<LogLikelihoodRequest> scoring = new ArrayList<>();
            for (int r = 0; r < requests; r++) {
                scoring.add(new LogLikelihoodRequest(text(vocabulary, random, context),
                        " " + text(vocabulary, random, 5)));
            }
            int sequenceTokens = scoring.stream().mapToInt(r -> model.scoredSequence(r).tokens().length).sum();
            Rounds scoringRounds = Rounds.time(rounds, () -> model.logLikelihoods(scoring));
            double scoringRate = sequenceTokens / scoringRounds.median();
            int length = sequenceTokens / requests;
            // per token: 2 FLOPs per block weight, plus attention (QK^T and AV over length/2 keys on average)
            double flopsPerToken = 2 * blockParams + 2.0 * c.layers() * length * c.heads() * c.headDim();
            double gflops = scoringRate * flopsPerToken / 1e9;
            System.out.printf(Locale.ROOT, "scoring: %d requests x %d tokens, batch %d: median %.1f tokens/s %s "
                    + "(%.2f s per request); %.1f GFLOP/s%n", requests, length, batch, scoringRate,
                    scoringRounds.range(sequenceTokens), length / scoringRate, gflops);

            // Multiple-choice items: four options share each context, which then passes through the network once.
            List<LogLikelihoodRequest> choices = new ArrayList<>();
            List<LogLikelihoodRequest> separate = new ArrayList<>();
            for (int item = 0; item < Math.max(1, requests / 4); item++) {
                String rest = text(vocabulary, random, context - 1);
                String prompt = vocabulary.get(4) + " " + rest;
                for (int option = 0; option < 4; option++) {
                    String continuation = " " + text(vocabulary, random, 2 + option);
                    choices.add(new LogLikelihoodRequest(prompt, continuation));
                    // as many tokens with a context of its own (another first word), so nothing is shared
                    separate.add(new LogLikelihoodRequest(vocabulary.get(option) + " " + rest, continuation));
                }
            }
            int items = choices.size() / 4;
            // computed tokens: each item's BOS + context once, then every option's tokens
            int computed = 0;
            for (int i = 0; i < choices.size(); i++) {
                LlamaModel.ScoredSequence sequence = model.scoredSequence(choices.get(i));
                computed += sequence.continuation() + (i % 4 == 0 ? sequence.tokens().length - sequence.continuation()
                        : 0);
            }
            Rounds shared = Rounds.time(rounds, () -> model.logLikelihoods(choices));
            Rounds apart = Rounds.time(rounds, () -> model.logLikelihoods(separate));
            System.out.printf(Locale.ROOT, "multiple choice: %d items x 4 options sharing a %d-token context: %.1f "
                    + "computed tokens/s %s, %.2f s per item; %.2fx the items/s of scoring the 4 sequences apart "
                    + "(%.2f s per item)%n", items, context, computed / shared.median(), shared.range(computed),
                    shared.median() / items, apart.median() / shared.median(), apart.median() / items);

            List<GenerationRequest> prompts = new ArrayList<>();
            for (int p = 0; p < genPrompts; p++) {
                prompts.add(new GenerationRequest(text(vocabulary, random, genContext), newTokens, List.of()));
            }
            List<Generation> together = model.generate(prompts);
            int generatedTokens = together.stream().mapToInt(Generation::tokens).sum();
            int steps = together.stream().mapToInt(Generation::tokens).max().orElse(0);
            Rounds batchedRounds = Rounds.time(rounds, () -> model.generate(prompts));
            double batched = generatedTokens / batchedRounds.median();
            GenerationRequest first = prompts.get(0);
            int alone = model.generate(List.of(first)).get(0).tokens();
            Rounds singleRounds = Rounds.time(rounds, () -> model.generate(List.of(first)));
            double single = alone / singleRounds.median();
            System.out.printf(Locale.ROOT, "generation: %d prompts of %d tokens, up to %d new tokens each: batch of %d "
                    + "%.1f tokens/s %s; one prompt at a time %.1f tokens/s %s (%d tokens generated in the batch)%n",
                    genPrompts, genContext, newTokens, genPrompts, batched, batchedRounds.range(generatedTokens),
                    single, singleRounds.range(alone), generatedTokens);
            double togetherSeconds = batchedRounds.median();
            // every step reads every weight once (shared by the batch); the prompt pass is included in the time
            double bandwidth = 4 * allParams * steps / 1e9 / togetherSeconds;
            System.out.printf(Locale.ROOT, "generation steps read %.2f GB/s of weights in the batched run%n", bandwidth);
            System.out.printf(Locale.ROOT, "peak RSS (VmHWM) %d MB; load average %s%n", memoryMb("VmHWM"),
                    loadAverage());
            // measured last: its 512 MB array would otherwise count in the peak memory
            double[] peak = enginePeak(model);
            System.out.printf(Locale.ROOT, "engine reference: matmul [256x576]x[576x1536] %.1f GFLOP/s, summing 512 MB"
                    + " %.1f GB/s; scoring reached %.0f%% of that matmul rate, generation %.0f%% of that bandwidth%n",
                    peak[0], peak[1], 100 * gflops / peak[0], 100 * bandwidth / peak[1]);
        }
    }

    /** Seconds of timed rounds after one untimed warm-up round. */
    public record Rounds(double[] seconds) {

        /** Runs {@code work} once to warm up, then {@code rounds} timed times. */
        public static Rounds time(int rounds, Runnable work) {
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be >= 1, was " + rounds);
            }
            work.run();
            double[] seconds = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                long t = System.nanoTime();
                work.run();
                seconds[i] = LlamaBench.seconds(t);
            }
            return new Rounds(seconds);
        }

        /** The median round's seconds (the mean of the middle two for an even count). */
        public double median() {
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        /** "(rounds: slowest..fastest units/s)" for {@code units} done per round. */
        public String range(double units) {
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "(%d rounds: %.1f..%.1f)", sorted.length, units / sorted[sorted.length - 1],
                    units / sorted[0]);
        }
    }

    /** A plain matmul's GFLOP/s and a streaming sum's GB/s on the model's device: what the engine can do here. */
    private static double[] enginePeak(LlamaModel model) {
        try (NDManager manager = model.manager().newSubManager()) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(256, 576));
            NDArray b = manager.randomUniform(-1, 1, new Shape(576, 1536));
            a.matMul(b).sum().getFloat();
            double best = 0;
            for (int round = 0; round < 3; round++) {
                long t = System.nanoTime();
                NDArray total = manager.zeros(new Shape());
                for (int i = 0; i < 20; i++) {
                    total = total.add(a.matMul(b).get(0, 0));
                }
                total.getFloat();
                best = Math.max(best, 20 * 2.0 * 256 * 576 * 1536 / 1e9 / seconds(t));
            }
            NDArray big = manager.ones(new Shape(128L << 20));
            big.sum().getFloat();
            double bandwidth = 0;
            for (int round = 0; round < 3; round++) {
                long t = System.nanoTime();
                big.sum().getFloat();
                bandwidth = Math.max(bandwidth, 0.5 * 1.073741824 / seconds(t));
            }
            return new double[] {best, bandwidth};
        }
    }

    public static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static void writeModel(Path dir) throws IOException {
        Path marker = dir.resolve("bench-spec.txt");
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(SMOLLM2_135M.toString())) {
            System.out.println("model already at " + dir);
            return;
        }
        long start = System.nanoTime();
        TinyLlamaFixture.random(SMOLLM2_135M, 135).write(dir);
        Files.writeString(marker, SMOLLM2_135M.toString());
        System.out.printf(Locale.ROOT, "wrote %s (%d MB) in %.1f s%n", dir,
                Files.size(dir.resolve("model.safetensors")) >> 20, seconds(start));
    }

    /** Words that are single tokens: the fixture's filler words when present, else decoded ids. */
    public static List<String> words(LlamaModel model) {
        List<String> words = new ArrayList<>();
        for (int id = 100; id < Math.min(model.config().vocabSize(), 5000) && words.size() < 2000; id++) {
            String word = model.tokenizer().decode(new long[] {id}).trim();
            if (!word.isEmpty() && word.chars().allMatch(Character::isLetterOrDigit)
                    && model.tokenizer().encode(" " + word).length == 1) {
                words.add(word);
            }
        }
        if (words.isEmpty()) {
            throw new IllegalStateException("no single-token words found in the vocabulary");
        }
        return words;
    }

    public static String text(List<String> words, SplittableRandom random, int tokens) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            text.append(i == 0 ? "" : " ").append(words.get(random.nextInt(words.size())));
        }
        return text.toString();
    }

    public static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public static long memoryMb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options are --name value pairs; got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
