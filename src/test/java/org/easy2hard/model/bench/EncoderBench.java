package org.easy2hard.model.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.Datasets;
import org.easy2hard.data.Item;
import org.easy2hard.model.BundledModel;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.CacheStatistics;
import org.easy2hard.model.CachingEncoder;
import org.easy2hard.model.FeatureCache;
import org.easy2hard.model.OnnxEncoder;
import org.easy2hard.model.Pooling;
import org.easy2hard.model.Progress;

/**
 * Benchmark of the encoder path (issue 4), in one run on the same texts:
 * <ol>
 *   <li>features/s of the toolkit's encoder ({@link OnnxEncoder}: DJL's ONNX Runtime engine) against ONNX Runtime's
 *       Java API called directly on the same graph file, with the same tokenizer settings, batch size, threads and
 *       pooling; alternated over several rounds, best and median reported, and the ratio (target at least 0.9);</li>
 *   <li>feature extraction for the whole ARC probing set's probe texts (every item, every option) through
 *       {@link CachingEncoder} into an empty cache;</li>
 *   <li>a fully cached rerun (new encoder and cache wrapper, so entries come from disk, not memory): wall time
 *       (target under 15 s);</li>
 *   <li>peak resident memory of the process (VmHWM; target under 2 GB).</li>
 * </ol>
 *
 * <p>Run with {@code bench/encoder-bench.sh}. Options: {@code --limit N} (only the first N probe texts),
 * {@code --model bge|minilm-q} (default bge, the toolkit's default), {@code --compare N} (texts in the throughput
 * comparison, default 400), {@code --rounds R} (default 3), {@code --threads T} (default: available processors).
 */
public final class EncoderBench {

    private EncoderBench() {
    }

    /** Runs the benchmark and prints the results. */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int limit = Integer.parseInt(options.getOrDefault("limit", "-1"));
        int compareCount = Integer.parseInt(options.getOrDefault("compare", "400"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int threads = Integer.parseInt(options.getOrDefault("threads",
                Integer.toString(Runtime.getRuntime().availableProcessors())));
        BundledModel model = switch (options.getOrDefault("model", "bge")) {
            case "bge" -> BundledModel.BGE_SMALL_EN_V15;
            case "minilm-q" -> BundledModel.ALL_MINILM_L6_V2_Q;
            default -> throw new IllegalArgumentException("--model bge or minilm-q");
        };

        Path dataDir = Path.of(System.getProperty("easy2hard.data.dir", "../shared/datasets"));
        Dataset arc = Datasets.arc(DataStore.at(dataDir));
        List<String> texts = probeTexts(arc);
        if (limit >= 0 && limit < texts.size()) {
            texts = texts.subList(0, limit);
        }
        CacheDirectory cacheDirectory = CacheDirectory.fromSettings();
        System.out.printf(Locale.ROOT, "ARC probing set: %d items, %d probe texts used (of %d); model %s; %d threads;"
                        + " %d CPUs visible; %s %s; cache %s%n", arc.size(), texts.size(), probeTexts(arc).size(),
                model.modelName(), threads, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), cacheDirectory);

        Supplier<OnnxEncoder> newEncoder = () -> OnnxEncoder.builder().setModel(model).optThreads(threads)
                .optCacheDirectory(cacheDirectory).build();

        // 1. Toolkit path against ONNX Runtime called directly, alternating, on the same texts.
        List<String> compareTexts = texts.subList(0, Math.min(compareCount, texts.size()));
        try (OnnxEncoder encoder = newEncoder.get();
             DirectOrt direct = new DirectOrt(encoder, threads)) {
            System.out.printf(Locale.ROOT, "encoder: %s, hidden states %s, dimension %d, batch %d%n",
                    encoder.identity().name(), Arrays.toString(encoder.hiddenStates()), encoder.dimension(),
                    encoder.batchSize());
            List<String> warmUp = compareTexts.subList(0, Math.min(32, compareTexts.size()));
            encoder.encode(warmUp);
            direct.encode(warmUp);
            double[] toolkitRates = new double[rounds];
            double[] directRates = new double[rounds];
            float[][] toolkitFeatures = null;
            float[][] directFeatures = null;
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                toolkitFeatures = encoder.encode(compareTexts);
                toolkitRates[round] = compareTexts.size() / seconds(start);
                start = System.nanoTime();
                directFeatures = direct.encode(compareTexts);
                directRates[round] = compareTexts.size() / seconds(start);
                System.out.printf(Locale.ROOT, "  round %d: toolkit %.1f texts/s, direct ONNX Runtime %.1f texts/s%n",
                        round + 1, toolkitRates[round], directRates[round]);
            }
            System.out.printf(Locale.ROOT, "throughput on %d texts x %d rounds: toolkit (DJL) best %.1f / median %.1f"
                            + " texts/s; direct ONNX Runtime best %.1f / median %.1f texts/s; ratio best %.3f, median"
                            + " %.3f (target >= 0.9); max |difference| of features %.3g%n", compareTexts.size(), rounds,
                    max(toolkitRates), median(toolkitRates), max(directRates), median(directRates),
                    max(toolkitRates) / max(directRates), median(toolkitRates) / median(directRates),
                    maxDifference(toolkitFeatures, directFeatures));
        }

        // 2. Whole-set extraction into an empty cache.
        Path featureDir = cacheDirectory.root().resolve("encoder-bench-features");
        deleteRecursively(featureDir);
        FeatureCache cache = FeatureCache.at(featureDir);
        long start = System.nanoTime();
        try (CachingEncoder cold = new CachingEncoder(newEncoder.get(), cache)) {
            double built = seconds(start);
            cold.encode(texts, everyTenth());
            double total = seconds(start);
            System.out.printf(Locale.ROOT, "extraction of %d texts into an empty cache: %.1f s wall (encoder load "
                            + "%.1f s), %.1f texts/s; %s%n", texts.size(), total, built, texts.size() / (total - built),
                    cold.statistics());
        }

        // 3. Fully cached rerun: new encoder and wrapper, so every entry is read from disk.
        start = System.nanoTime();
        try (CachingEncoder warm = new CachingEncoder(newEncoder.get(), cache)) {
            double built = seconds(start);
            float[][] features = warm.encode(texts);
            double total = seconds(start);
            CacheStatistics statistics = warm.statistics();
            System.out.printf(Locale.ROOT, "fully cached rerun of %d texts: %.2f s wall (encoder load %.2f s, "
                            + "lookups %.2f s; target < 15 s); %s; %d vectors%n", texts.size(), total, built,
                    total - built, statistics, features.length);
        }

        // 4. Peak memory of the whole run.
        System.out.printf(Locale.ROOT, "peak resident memory (VmHWM) of this process: %s (target < 2 GB); heap max "
                + "%d MB%n", peakResident(), Runtime.getRuntime().maxMemory() >> 20);
    }

    /**
     * The probe texts of the issue: for each item and each of its options, the zero-shot prompt with all options
     * followed by that option as the answer.
     */
    static List<String> probeTexts(Dataset dataset) {
        List<String> texts = new ArrayList<>();
        for (Item item : dataset) {
            StringBuilder prompt = new StringBuilder("Question: ").append(item.question()).append(" ");
            for (int i = 0; i < item.options().size(); i++) {
                prompt.append('\n').append((char) ('A' + i)).append(") ").append(item.options().get(i));
            }
            prompt.append("\nAnswer: ");
            for (String option : item.options()) {
                texts.add(prompt + option);
            }
        }
        return texts;
    }

    /** ONNX Runtime's Java API called directly, mirroring what the toolkit does, for the throughput comparison. */
    private static final class DirectOrt implements AutoCloseable {
        private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final HuggingFaceTokenizer tokenizer;
        private final HuggingFaceTokenizer lengthTokenizer;
        private final List<String> inputs;
        private final List<String> outputs;
        private final Pooling pooling;
        private final int hidden;
        private final int batchSize;

        DirectOrt(OnnxEncoder encoder, int threads) throws OrtException, IOException {
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                session = environment.createSession(encoder.modelFile().toString(), options);
            }
            tokenizer = tokenizer(encoder, true);
            lengthTokenizer = tokenizer(encoder, false);
            inputs = encoder.graphInputs();
            outputs = encoder.stateOutputs();
            pooling = encoder.pooling();
            hidden = encoder.hiddenWidth();
            batchSize = encoder.batchSize();
        }

        private static HuggingFaceTokenizer tokenizer(OnnxEncoder encoder, boolean pad) throws IOException {
            return HuggingFaceTokenizer.newInstance(encoder.tokenizerFile(), Map.of("padding", Boolean.toString(pad),
                    "truncation", "true", "maxLength", Integer.toString(encoder.maxLength()),
                    "addSpecialTokens", "true"));
        }

        /** The same batches as the toolkit: texts sorted by token count within windows of 64 batches. */
        float[][] encode(List<String> texts) throws OrtException {
            float[][] features = new float[texts.size()][];
            int window = 64 * batchSize;
            for (int windowStart = 0; windowStart < texts.size(); windowStart += window) {
                List<String> windowTexts = texts.subList(windowStart, Math.min(texts.size(), windowStart + window));
                Integer[] order = new Integer[windowTexts.size()];
                Arrays.setAll(order, i -> i);
                if (batchSize > 1) {
                    Encoding[] unpadded = lengthTokenizer.batchEncode(windowTexts);
                    Arrays.sort(order, Comparator.comparingInt(i -> unpadded[i].getIds().length));
                }
                for (int start = 0; start < order.length; start += batchSize) {
                    int end = Math.min(order.length, start + batchSize);
                    List<String> batchTexts = new ArrayList<>();
                    for (int j = start; j < end; j++) {
                        batchTexts.add(windowTexts.get(order[j]));
                    }
                    float[][] batchFeatures = run(batchTexts);
                    for (int j = start; j < end; j++) {
                        features[windowStart + order[j]] = batchFeatures[j - start];
                    }
                }
            }
            return features;
        }

        /** One batch through the session: tokenise with padding, feed, pool each state output, concatenate. */
        private float[][] run(List<String> texts) throws OrtException {
            Encoding[] encodings = tokenizer.batchEncode(texts);
            int batch = encodings.length;
            int length = encodings[0].getIds().length;
            Map<String, long[]> arrays = Map.of(
                    "input_ids", new long[batch * length],
                    "attention_mask", new long[batch * length],
                    "token_type_ids", new long[batch * length]);
            for (int row = 0; row < batch; row++) {
                System.arraycopy(encodings[row].getIds(), 0, arrays.get("input_ids"), row * length, length);
                System.arraycopy(encodings[row].getAttentionMask(), 0, arrays.get("attention_mask"), row * length,
                        length);
                System.arraycopy(encodings[row].getTypeIds(), 0, arrays.get("token_type_ids"), row * length, length);
            }
            float[][] features = new float[batch][hidden * outputs.size()];
            Map<String, OnnxTensor> feed = new HashMap<>();
            try {
                for (String name : inputs) {
                    feed.put(name, OnnxTensor.createTensor(environment, LongBuffer.wrap(arrays.get(name)),
                            new long[] {batch, length}));
                }
                try (OrtSession.Result result = session.run(feed)) {
                    for (int k = 0; k < outputs.size(); k++) {
                        OnnxValue value = result.get(outputs.get(k)).orElseThrow();
                        FloatBuffer buffer = ((OnnxTensor) value).getFloatBuffer();
                        float[] states = new float[buffer.remaining()];
                        buffer.get(states);
                        float[][] pooled = pooling.pool(states, batch, length, hidden, arrays.get("attention_mask"));
                        for (int row = 0; row < batch; row++) {
                            System.arraycopy(pooled[row], 0, features[row], k * hidden, hidden);
                        }
                    }
                }
            } finally {
                feed.values().forEach(OnnxTensor::close);
            }
            return features;
        }

        @Override
        public void close() throws OrtException {
            session.close();
            tokenizer.close();
            lengthTokenizer.close();
        }
    }

    private static Progress everyTenth() {
        long[] next = {0};
        return (task, done, total) -> {
            if (done >= next[0] || done == total) {
                System.err.printf(Locale.ROOT, "  %s: %d / %d%n", task, done, total);
                next[0] = done + Math.max(1, total / 10);
            }
        };
    }

    private static String peakResident() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                long kilobytes = Long.parseLong(line.replaceAll("\\D+", ""));
                return String.format(Locale.ROOT, "%.0f MB", kilobytes / 1024.0);
            }
        }
        return "unknown (no VmHWM in /proc/self/status)";
    }

    private static double maxDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                max = Math.max(max, Math.abs(a[i][k] - b[i][k]));
            }
        }
        return max;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: [--limit N] [--model bge|minilm-q] [--compare N] "
                        + "[--rounds R] [--threads T]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
