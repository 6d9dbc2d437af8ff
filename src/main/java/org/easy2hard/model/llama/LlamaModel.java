package org.easy2hard.model.llama;

import org.easy2hard.model.llama.internal.LlamaNetwork;
import org.easy2hard.model.llama.internal.KvCache;
import org.easy2hard.model.llama.internal.PaddedBatch;
import org.easy2hard.model.llama.internal.LinearHook;
import org.easy2hard.model.llama.internal.SafeTensors;
import org.easy2hard.model.llama.internal.ComputeTypes;
import org.easy2hard.model.llama.internal.MemoryEstimate;
import org.easy2hard.model.llama.internal.LlamaConfig;
import org.easy2hard.model.llama.internal.LayerPlacement;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.easy2hard.io.Sha256;
import org.easy2hard.model.CacheDirectory;
import org.easy2hard.model.DjlOffline;
import org.easy2hard.model.Encoder;
import org.easy2hard.model.EncoderException;
import org.easy2hard.model.Generation;
import org.easy2hard.model.GenerationRequest;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.Layers;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.ModelFiles;
import org.easy2hard.model.ModelIdentity;
import org.easy2hard.model.ModelReference;
import org.easy2hard.model.OptionTokens;
import org.easy2hard.model.Progress;

/**
 * A Llama-family causal LM (Llama, SmolLM, Mistral, Qwen2) from a Hugging Face model directory or a hub reference,
 * running on DJL's PyTorch engine (the engine's default device: CUDA when a CUDA libtorch is present, else CPU), as
 * a {@link LanguageModel} for the prompting methods and an {@link Encoder} for the linear probe.
 *
 * <pre>{@code
 * try (LlamaModel model = LlamaModel.builder().setModel(ModelReference.parse("hf:HuggingFaceTB/SmolLM2-360M")).build()) {
 *     List<LogLikelihood> scores = model.logLikelihoods(requests, progress);
 *     float[][] features = model.encode(texts);              // middle + last layer at the final token
 * }
 * }</pre>
 *
 * <p><b>Scoring</b> (paper-spec §5.3): by default context and continuation are tokenized separately without special
 * tokens and joined as BOS + context + continuation (BOS by {@link BosRule#AUTHORS}, §5.1); the continuation's
 * token log-probabilities are summed. The continuation is written with its leading space (" Paris") and tokenized
 * by the paper's rule ({@link OptionTokens#AUTHORS}: without that space, on its own: "▁Paris" for SentencePiece,
 * "Paris" for byte-level BPE); {@link OptionTokens#JOINT} is lm-evaluation-harness's split instead. Both rules are
 * in the identity. Requests with the same context (a multiple-choice item's options) share one pass over it through
 * a key/value cache; the rest are sorted by length and batched with left padding and attention masks;
 * padding changes results only by float rounding (≤ 1e-5).
 *
 * <p><b>Generation</b>: greedy, batched, with a key/value cache; it ends at an EOS token, a stop string (the text is
 * cut before it), the request's token limit or the context length.
 *
 * <p><b>Features</b>: the hidden states at each text's final token (BOS + text), by default the middle
 * ({@code ceil((L+1)/2)}) and last ({@code L}, after the final norm) of Hugging Face's {@code hidden_states}
 * (paper-spec §5.5), concatenated.
 *
 * <p><b>Data types</b> ({@link Builder#optDataType}): float32 (the default) or float16 weights and matrix products,
 * whatever the stored weight type; RMSNorm, softmax and log-probabilities are float32 either way, and features are
 * returned (and cached) as float32. Not safe for concurrent use.
 */
public final class LlamaModel implements LanguageModel, Encoder {

    static {
        // Before this class touches DJL: keep it offline and untracked unless the user chose otherwise.
        DjlOffline.ensure();
    }

    /** The paper's maximum sequence length. */
    public static final int DEFAULT_CONTEXT_LENGTH = 2048;

    private final NDManager manager;
    private final LlamaNetwork network;
    private final LlamaTokenizer tokenizer;
    private final LlamaConfig config;
    private final int contextLength;
    private final int batchSize;
    private final int[] hiddenStates;
    private final String name;
    private final String source;
    private final String weightsSha256;
    private final Map<String, String> settings;
    private final MemoryBudget budget;
    private final java.util.function.Consumer<String> log;
    private final OptionTokens optionTokens;
    private String adapter = "";
    private boolean closed;

    private LlamaModel(Builder builder) {
        // The native pairing first: a mismatched libtorch fails here with the command that fixes it.
        org.easy2hard.model.NativeRuntime.check();
        Path directory = builder.resolveDirectory();
        this.config = LlamaConfig.read(directory.resolve("config.json"));
        SafeTensors checkpoint = SafeTensors.openDirectory(directory);
        int window = config.maxPositionEmbeddings();
        if (config.slidingWindow() > 0) {
            window = Math.min(window, config.slidingWindow());
        }
        this.contextLength = Math.min(window, builder.contextLength);
        this.batchSize = builder.batchSize;
        this.hiddenStates = builder.hiddenStates != null ? builder.hiddenStates.clone()
                : builder.layers.hiddenStates(config.layers());
        for (int index : hiddenStates) {
            if (index < 0 || index > config.layers()) {
                throw new IllegalArgumentException("hidden state " + index + " outside 0.." + config.layers());
            }
        }
        if (!Files.isRegularFile(directory.resolve("tokenizer.json"))) {
            throw new LanguageModelException("model directory " + directory + " has no tokenizer.json");
        }
        // Hash before allocating native memory, so that a failure here leaks nothing.
        ModelFiles files = new ModelFiles((builder.cache != null ? builder.cache : CacheDirectory.fromSettings())
                .models());
        StringBuilder hashes = new StringBuilder();
        for (Path file : checkpoint.files()) {
            hashes.append(file.getFileName()).append(' ').append(files.local(file).sha256()).append('\n');
        }
        this.weightsSha256 = checkpoint.files().size() == 1
                ? files.local(checkpoint.files().get(0)).sha256() : Sha256.of(hashes.toString());
        String tokenizerSha256 = files.local(directory.resolve("tokenizer.json")).sha256();
        builder.applyEnvironment();
        if (builder.placement == null && builder.devices != null && builder.devices.size() > 1) {
            builder.placement = LayerPlacement.plan(config, builder.dataType, builder.devices.stream()
                    .map(d -> new LayerPlacement.DeviceMemory(d, (long) (MemoryBudget.freeBytes(d)
                            * LayerPlacement.WEIGHT_SHARE))).toList());
        }
        Device device = builder.placement != null ? builder.placement.device(0)
                : builder.device != null ? builder.device : Engine.getEngine("PyTorch").defaultDevice();
        this.tokenizer = LlamaTokenizer.load(directory, config, builder.bosRule);
        this.optionTokens = builder.optionTokens;
        NDManager base = null;
        try {
            base = NDManager.newBaseManager(device, "PyTorch");
            this.network = LlamaNetwork.load(config, checkpoint, base, contextLength, builder.dataType,
                    builder.placement);
        } catch (RuntimeException e) {
            tokenizer.close();
            if (base != null) {
                base.close();
            }
            throw e;
        }
        this.manager = base;
        this.log = builder.log;
        this.budget = MemoryBudget.resolve(device, builder.memoryBudget, builder.environment);
        log.accept("easy2hard: " + directory.getFileName() + ": weights "
                + MemoryEstimate.gib(MemoryEstimate.weightBytes(config, network.dataType())) + " in "
                + network.dataType() + " on " + (builder.placement != null ? builder.placement.stages() : device)
                + "; batches sized to " + MemoryEstimate.gib(budget.bytes()) + " (" + budget.source() + ")");

        HubReference hub = builder.hub;
        this.name = hub != null ? hub.repository() : directory.getFileName().toString();
        this.source = hub != null ? hub.toString() : directory.toAbsolutePath().normalize().toString();
        Map<String, String> s = new LinkedHashMap<>();
        if (hub != null) {
            s.put("revision", builder.resolvedRevision != null ? builder.resolvedRevision : hub.revision());
        }
        s.put("backend", "djl-pytorch");
        s.put("compute", builder.dataType.toString());
        s.put("storedDtypes", checkpoint.tensors().values().stream().map(t -> t.dtype().name()).distinct().sorted()
                .collect(Collectors.joining("+")));
        s.put("bos", builder.bosRule.label() + ":" + Arrays.stream(tokenizer.withBos(new long[0]))
                .mapToObj(Long::toString).collect(Collectors.joining("+")));
        s.put("optionTokens", optionTokens.label());
        s.put("contextLength", Integer.toString(contextLength));
        s.put("hiddenStates", Arrays.stream(hiddenStates).mapToObj(Integer::toString)
                .collect(Collectors.joining("+")));
        s.put("pooling", "final-token");
        s.put("tokenizerSha256", tokenizerSha256);
        this.settings = s;
    }

    /** A new builder; a model must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The decoder (for adapters: set a {@link LinearHook}, score under autograd). */
    public LlamaNetwork network() {
        return network;
    }

    /** The tokenizer. */
    public LlamaTokenizer tokenizer() {
        return tokenizer;
    }

    /** The architecture. */
    public LlamaConfig config() {
        return config;
    }

    /** The NDManager holding the model (its device is where computation runs). */
    public NDManager manager() {
        return manager;
    }

    /**
     * Installs a hook on every projection (e.g. trained adapters) and records what it is in the identity, so that
     * caches and manifests tell adapted outputs from base ones.
     *
     * @param hook        the hook, or {@link LinearHook#NONE}
     * @param description what the hook computes (e.g. adapter weights' SHA-256); empty for none
     */
    public void setLinearHook(LinearHook hook, String description) {
        network.setLinearHook(hook);
        this.adapter = Objects.requireNonNull(description, "description");
    }

    @Override
    public ModelIdentity identity() {
        Map<String, String> all = new LinkedHashMap<>(settings);
        if (!adapter.isEmpty()) {
            all.put("adapter", adapter);
        }
        return new ModelIdentity(name, source, weightsSha256, all);
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    @Override
    public int dimension() {
        return config.hiddenSize() * hiddenStates.length;
    }

    @Override
    public int[] tokenCounts(List<String> texts, Progress progress) {
        requireOpen();
        int[] counts = new int[texts.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = tokenizer.encode(texts.get(i)).length;
            if ((i + 1) % 256 == 0 || i + 1 == counts.length) {
                progress.update("counting tokens", i + 1, counts.length);
            }
        }
        return counts;
    }

    /**
     * The token sequence scored for a request, BOS + context + continuation, and how many of its final tokens are
     * the continuation: what {@link #logLikelihoods} feeds the network (adapters train on the same sequences).
     *
     * @param tokens       the sequence
     * @param continuation how many final tokens are the continuation
     */
    public record ScoredSequence(long[] tokens, int continuation) {
    }

    /** The sequence scored for one request under the model's {@link OptionTokens} rule (see {@link ScoredSequence}). */
    public ScoredSequence scoredSequence(LogLikelihoodRequest request) {
        long[] context;
        long[] continuation;
        if (optionTokens == OptionTokens.AUTHORS) {
            context = tokenizer.withBos(tokenizer.encode(request.context()));
            continuation = tokenizer.encodeOption(request.continuation());
        } else {
            // lm-evaluation-harness: the context's trailing whitespace joins the continuation, the joined text is
            // tokenized, and what follows the context's own tokens is the continuation.
            String text = request.context();
            int end = text.length();
            while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            long[] own = tokenizer.encode(text.substring(0, end));
            long[] whole = tokenizer.encode(text + request.continuation());
            context = tokenizer.withBos(own);
            continuation = Arrays.copyOfRange(whole, Math.min(own.length, whole.length), whole.length);
        }
        if (continuation.length == 0) {
            throw new LanguageModelException("continuation '" + request.continuation() + "' has no tokens");
        }
        if (context.length == 0) {
            throw new LanguageModelException("an empty context without a BOS token leaves the continuation's first "
                    + "token unpredicted; give a context");
        }
        long[] tokens = new long[context.length + continuation.length];
        System.arraycopy(context, 0, tokens, 0, context.length);
        System.arraycopy(continuation, 0, tokens, context.length, continuation.length);
        return new ScoredSequence(tokens, continuation.length);
    }

    @Override
    public List<LogLikelihood> logLikelihoods(List<LogLikelihoodRequest> requests, Progress progress) {
        requireOpen();
        List<ScoredSequence> sequences = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ScoredSequence sequence = scoredSequence(requests.get(i));
            if (sequence.tokens().length > contextLength) {
                throw new LanguageModelException("request " + i + " has " + sequence.tokens().length
                        + " tokens (BOS + context + continuation), more than the context length " + contextLength);
            }
            sequences.add(sequence);
        }
        LogLikelihood[] results = new LogLikelihood[requests.size()];
        // Requests that share their context (a multiple-choice item's options) share one pass over it; the others
        // are batched together.
        Map<String, List<Integer>> byContext = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            byContext.computeIfAbsent(requests.get(i).context(), key -> new ArrayList<>()).add(i);
        }
        List<Integer> alone = new ArrayList<>();
        int done = 0;
        for (List<Integer> group : byContext.values()) {
            if (group.size() == 1) {
                alone.add(group.get(0));
                continue;
            }
            try {
                scoreSharedContext(group, sequences, results);
            } catch (RuntimeException e) {
                ScoredSequence first = sequences.get(group.get(0));
                throw outOfMemoryOr(e, Math.min(batchSize, group.size()), first.tokens().length,
                        first.continuation(), true);
            }
            done += group.size();
            progress.update("scoring with " + name, done, requests.size());
        }
        int[] aloneLengths = alone.stream().mapToInt(i -> sequences.get(i).tokens().length).toArray();
        int longestContinuation = sequences.stream().mapToInt(ScoredSequence::continuation).max().orElse(1);
        announce("scoring " + requests.size() + " requests", aloneLengths, longestContinuation, false);
        for (int[] positions : batches(aloneLengths, longestContinuation, false)) {
            int[] batch = Arrays.stream(positions).map(alone::get).toArray();
            List<long[]> rows = new ArrayList<>();
            int[] continuation = new int[batch.length];
            for (int i = 0; i < batch.length; i++) {
                rows.add(sequences.get(batch[i]).tokens());
                continuation[i] = sequences.get(batch[i]).continuation();
            }
            try (NDManager scope = manager.newSubManager()) {
                LlamaNetwork.ContinuationScores scores;
                try {
                    scores = network.scoreContinuations(scope, PaddedBatch.leftPadded(rows, tokenizer.pad()),
                            continuation);
                } catch (RuntimeException e) {
                    throw outOfMemoryOr(e, rows.size(), aloneLengths[positions[0]], longestContinuation, false);
                }
                float[] logProbs = scores.logProbs().toFloatArray();
                boolean[] greedy = scores.greedy().toBooleanArray();
                int width = logProbs.length / batch.length;
                for (int i = 0; i < batch.length; i++) {
                    double[] tokens = new double[continuation[i]];
                    boolean allGreedy = true;
                    for (int c = 0; c < continuation[i]; c++) {
                        int at = i * width + width - continuation[i] + c;
                        tokens[c] = logProbs[at];
                        allGreedy &= greedy[at];
                    }
                    results[batch[i]] = LogLikelihood.ofTokens(tokens, allGreedy);
                }
            }
            done += batch.length;
            progress.update("scoring with " + name, done, requests.size());
        }
        return List.of(results);
    }

    /**
     * Scores continuations of one context: the context passes once through the network into a key/value cache;
     * its last position predicts every continuation's first token, and the continuations (right-padded, which
     * causal attention makes harmless to their real tokens) pass in batches over copies of that cache.
     */
    private void scoreSharedContext(List<Integer> group, List<ScoredSequence> sequences, LogLikelihood[] results) {
        ScoredSequence first = sequences.get(group.get(0));
        long[] context = Arrays.copyOf(first.tokens(), first.tokens().length - first.continuation());
        try (NDManager scope = manager.newSubManager(); KvCache cache = new KvCache(config.layers())) {
            LlamaNetwork.Output prefix = network.forward(scope, PaddedBatch.leftPadded(List.of(context),
                    tokenizer.pad()), cache);
            NDArray next = network.logits(prefix.last().get(new NDIndex(":, -1, :"))).logSoftmax(-1);
            float[] firstLogProbs = next.toFloatArray();
            long firstBest = next.argMax(-1).toLongArray()[0];
            for (int start = 0; start < group.size(); start += batchSize) {
                List<Integer> chunk = group.subList(start, Math.min(group.size(), start + batchSize));
                int longest = chunk.stream().mapToInt(i -> sequences.get(i).continuation()).max().orElseThrow();
                long[][] rows = new long[chunk.size()][longest];
                int[] lengths = new int[chunk.size()];
                for (int r = 0; r < rows.length; r++) {
                    ScoredSequence sequence = sequences.get(chunk.get(r));
                    Arrays.fill(rows[r], tokenizer.pad());
                    System.arraycopy(sequence.tokens(), context.length, rows[r], 0, sequence.continuation());
                    lengths[r] = longest;
                }
                float[] logProbs = new float[0];
                long[] best = new long[0];
                if (longest > 1) {
                    try (KvCache copies = cache.repeatedRows(rows.length)) {
                        LlamaNetwork.Output out = network.forward(scope, new PaddedBatch(rows, lengths), copies);
                        NDArray scores = network.logits(out.last().get(new NDIndex(":, :{}, :", longest - 1)))
                                .logSoftmax(-1);
                        long[] targets = new long[rows.length * (longest - 1)];
                        for (int r = 0; r < rows.length; r++) {
                            System.arraycopy(rows[r], 1, targets, r * (longest - 1), longest - 1);
                        }
                        NDArray targetIds = LlamaNetwork.beside(scope.create(targets,
                                new ai.djl.ndarray.types.Shape(rows.length, longest - 1, 1)), scores);
                        logProbs = scores.gather(targetIds, -1).toFloatArray();
                        best = scores.argMax(-1).toLongArray();
                    }
                }
                for (int r = 0; r < rows.length; r++) {
                    int length = sequences.get(chunk.get(r)).continuation();
                    double[] tokens = new double[length];
                    tokens[0] = firstLogProbs[(int) rows[r][0]];
                    boolean greedy = firstBest == rows[r][0];
                    for (int c = 1; c < length; c++) {
                        int at = r * (longest - 1) + c - 1;
                        tokens[c] = logProbs[at];
                        greedy &= best[at] == rows[r][c];
                    }
                    results[chunk.get(r)] = LogLikelihood.ofTokens(tokens, greedy);
                }
            }
        }
    }

    /**
     * Groups indices into {@code lengths} into batches: longest first (so padding is small), at most
     * {@code batchSize} each, and no more rows than the memory budget holds ({@link MemoryEstimate#rowsWithin}).
     *
     * @param scoredPerRow positions per row that go through the output head
     * @param cached       whether the batch fills a key/value cache
     */
    private List<int[]> batches(int[] lengths, int scoredPerRow, boolean cached) {
        Integer[] order = IntStream.range(0, lengths.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -lengths[i]).thenComparingInt(i -> i));
        List<int[]> batches = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            int longest = lengths[order[start]];
            int size = Math.min(batchSize, MemoryEstimate.rowsWithin(config, network.dataType(), longest,
                    scoredPerRow, cached, budget.bytes()));
            int end = Math.min(order.length, start + size);
            batches.add(Arrays.stream(order, start, end).mapToInt(Integer::intValue).toArray());
            start = end;
        }
        return batches;
    }

    /** Prints, before the work starts, the memory the largest batch is expected to take. */
    private void announce(String work, int[] lengths, int scoredPerRow, boolean cached) {
        if (lengths.length == 0) {
            return;
        }
        int longest = Arrays.stream(lengths).max().orElse(1);
        int rows = Math.min(Math.min(batchSize, lengths.length), MemoryEstimate.rowsWithin(config,
                network.dataType(), longest, scoredPerRow, cached, budget.bytes()));
        MemoryEstimate estimate = MemoryEstimate.of(config, network.dataType(), rows, longest, rows * scoredPerRow,
                cached);
        log.accept("easy2hard: " + work + " with " + name + ": largest batch " + rows + " x " + longest
                + " tokens: " + estimate.describe() + "; batch budget " + MemoryEstimate.gib(budget.bytes()) + " ("
                + budget.source() + ")");
    }

    /**
     * {@code failure} itself, or, when it is the device running out of memory, an error that names the batch, the
     * estimate and the setting to lower (the work finished before it is kept by the callers' caches and runs).
     */
    private RuntimeException outOfMemoryOr(RuntimeException failure, int rows, int tokens, int scoredPerRow,
            boolean cached) {
        if (!MemoryBudget.isOutOfMemory(failure)) {
            return failure;
        }
        MemoryEstimate estimate = MemoryEstimate.of(config, network.dataType(), rows, tokens, rows * scoredPerRow,
                cached);
        return new LanguageModelException("out of memory on " + manager.getDevice() + " in a batch of " + rows
                + " sequences x " + tokens + " tokens (estimate: " + estimate.describe() + "; batch budget "
                + MemoryEstimate.gib(budget.bytes()) + " from " + budget.source() + "): lower " + MemoryBudget.VARIABLE
                + " (or -D" + MemoryBudget.PROPERTY + ", LlamaModel.Builder.optMemoryBudget), or use float16; work "
                + "finished before this batch is kept, and a rerun resumes from it", failure);
    }

    @Override
    public List<Generation> generate(List<GenerationRequest> requests, Progress progress) {
        requireOpen();
        List<long[]> prompts = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            long[] prompt = tokenizer.withBos(tokenizer.encode(requests.get(i).prompt()));
            if (prompt.length == 0) {
                throw new LanguageModelException("request " + i + ": an empty prompt without a BOS token");
            }
            if (prompt.length >= contextLength) {
                throw new LanguageModelException("request " + i + ": prompt of " + prompt.length + " tokens leaves "
                        + "no room in the context length " + contextLength);
            }
            prompts.add(prompt);
        }
        Generation[] results = new Generation[requests.size()];
        int done = 0;
        int[] promptLengths = prompts.stream().mapToInt(p -> p.length).toArray();
        int[] generationLengths = new int[prompts.size()];
        for (int i = 0; i < generationLengths.length; i++) {
            generationLengths[i] = Math.min(contextLength, promptLengths[i] + requests.get(i).maxTokens());
        }
        announce("generating " + requests.size() + " answers", generationLengths, 1, true);
        for (int[] batch : batches(generationLengths, 1, true)) {
            List<long[]> rows = new ArrayList<>();
            List<GenerationRequest> batchRequests = new ArrayList<>();
            for (int index : batch) {
                rows.add(prompts.get(index));
                batchRequests.add(requests.get(index));
            }
            List<Generation> generated;
            try {
                generated = generateBatch(rows, batchRequests);
            } catch (RuntimeException e) {
                throw outOfMemoryOr(e, rows.size(), generationLengths[batch[0]], 1, true);
            }
            for (int i = 0; i < batch.length; i++) {
                results[batch[i]] = generated.get(i);
            }
            done += batch.length;
            progress.update("generating with " + name, done, requests.size());
        }
        return List.of(results);
    }

    /** Greedy generation for one batch of prompts, feeding one token per row per step through the cache. */
    private List<Generation> generateBatch(List<long[]> prompts, List<GenerationRequest> requests) {
        int rows = prompts.size();
        List<List<Long>> generated = new ArrayList<>();
        String[] texts = new String[rows];
        String[] finish = new String[rows];
        int[] room = new int[rows];
        for (int b = 0; b < rows; b++) {
            generated.add(new ArrayList<>());
            room[b] = Math.min(requests.get(b).maxTokens(), contextLength - prompts.get(b).length);
        }
        try (NDManager scope = manager.newSubManager(); KvCache cache = new KvCache(config.layers())) {
            PaddedBatch input = PaddedBatch.leftPadded(prompts, tokenizer.pad());
            int active = rows;
            while (active > 0) {
                long[] next = nextTokens(scope, input, cache);
                long[][] feed = new long[rows][1];
                for (int b = 0; b < rows; b++) {
                    feed[b][0] = next[b];
                    if (finish[b] != null) {
                        continue;
                    }
                    generated.get(b).add(next[b]);
                    long[] ids = generated.get(b).stream().mapToLong(Long::longValue).toArray();
                    long[] prompt = prompts.get(b);
                    boolean isEos = tokenizer.eos().contains((int) next[b]);
                    long[] textIds = isEos ? Arrays.copyOf(ids, ids.length - 1) : ids;
                    String text = tokenizer.continuationText(prompt[prompt.length - 1], textIds);
                    int stop = firstStop(text, requests.get(b).stop());
                    if (stop >= 0) {
                        texts[b] = text.substring(0, stop);
                        finish[b] = Generation.STOP;
                    } else if (isEos) {
                        texts[b] = text;
                        finish[b] = Generation.STOP;
                    } else if (ids.length >= room[b]) {
                        texts[b] = text;
                        finish[b] = Generation.LENGTH;
                    }
                    if (finish[b] != null) {
                        active--;
                    }
                }
                int[] ones = new int[rows];
                Arrays.fill(ones, 1);
                input = new PaddedBatch(feed, ones);
            }
        }
        List<Generation> out = new ArrayList<>();
        for (int b = 0; b < rows; b++) {
            out.add(new Generation(texts[b], generated.get(b).size(), finish[b]));
        }
        return out;
    }

    /** One forward step through the cache; returns each row's most probable next token. */
    private long[] nextTokens(NDManager scope, PaddedBatch input, KvCache cache) {
        try (NDScope step = new NDScope()) {
            step.suppressNotUsedWarning();
            LlamaNetwork.Output output = network.forward(scope, input, cache);
            NDList kept = cache.arrays();
            NDScope.unregister(kept);
            NDArray last = output.last().get(new NDIndex(":, -1, :"));
            return network.logits(last).argMax(-1).toLongArray();
        }
    }

    /** Index of the earliest occurrence of any stop string, or -1. */
    private static int firstStop(String text, List<String> stops) {
        int first = -1;
        for (String stop : stops) {
            int at = text.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    @Override
    public float[][] encode(List<String> texts, Progress progress) {
        requireOpen();
        List<long[]> sequences = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            long[] tokens = tokenizer.withBos(tokenizer.encode(texts.get(i)));
            if (tokens.length == 0 || tokens.length > contextLength) {
                throw new EncoderException("text " + i + " has " + tokens.length + " tokens; the model takes 1 to "
                        + contextLength);
            }
            sequences.add(tokens);
        }
        float[][] features = new float[texts.size()][];
        int done = 0;
        int d = config.hiddenSize();
        int[] lengths = sequences.stream().mapToInt(s -> s.length).toArray();
        announce("encoding " + texts.size() + " texts", lengths, 0, false);
        for (int[] batch : batches(lengths, 0, false)) {
            List<long[]> rows = new ArrayList<>();
            for (int index : batch) {
                rows.add(sequences.get(index));
            }
            try (NDManager scope = manager.newSubManager()) {
                LlamaNetwork.Output output;
                try {
                    output = network.forward(scope, PaddedBatch.leftPadded(rows, tokenizer.pad()), null,
                            hiddenStates);
                } catch (RuntimeException e) {
                    throw outOfMemoryOr(e, rows.size(), lengths[batch[0]], 0, false);
                }
                NDList parts = new NDList();
                for (int index : hiddenStates) {
                    // float32 on the model's first device whatever the compute type and the placement
                    NDArray part = LlamaNetwork.toFloat32(output.hiddenStates().get(index).get(new NDIndex(":, -1, :")));
                    parts.add(part.getDevice().equals(manager.getDevice()) ? part
                            : part.toDevice(manager.getDevice(), false));
                }
                float[] flat = NDArrays.concat(parts, -1).toFloatArray();
                int width = d * hiddenStates.length;
                for (int i = 0; i < batch.length; i++) {
                    features[batch[i]] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
                }
            }
            done += batch.length;
            progress.update("encoding with " + name, done, texts.size());
        }
        return features;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("model " + name + " is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            network.close();
            tokenizer.close();
            manager.close();
        }
    }

    /** Builds a {@link LlamaModel}. */
    public static final class Builder {

        /** The environment variable naming the compute type when none is set in code. */
        public static final String DTYPE_VARIABLE = "EASY2HARD_DTYPE";
        /** The environment variable that spreads a model over every visible GPU ({@code all}). */
        public static final String DEVICES_VARIABLE = "EASY2HARD_DEVICES";

        private Path directory;
        private HubReference hub;
        private String resolvedRevision;
        private int contextLength = DEFAULT_CONTEXT_LENGTH;
        private int batchSize = 8;
        private Device device;
        private ai.djl.ndarray.types.DataType dataType;
        private LayerPlacement placement;
        private List<Device> devices;
        private Layers layers = Layers.MIDDLE_AND_LAST;
        private int[] hiddenStates;
        private BosRule bosRule = BosRule.AUTHORS;
        private OptionTokens optionTokens = OptionTokens.AUTHORS;
        private CacheDirectory cache;
        private URI endpoint;
        private Map<String, String> environment = System.getenv();
        private long memoryBudget;
        private java.util.function.Consumer<String> log = System.err::println;

        private Builder() {
        }

        /** A local Hugging Face model directory (config.json, tokenizer.json, safetensors). */
        public Builder setModel(Path modelDirectory) {
            this.directory = Objects.requireNonNull(modelDirectory, "modelDirectory");
            this.hub = null;
            return this;
        }

        /**
         * A parsed {@link ModelReference}: {@code hf:owner/name[@revision]} (downloaded into the cache on first use) or
         * a causal LM directory.
         *
         * @throws IllegalArgumentException for any other kind of reference
         */
        public Builder setModel(ModelReference reference) {
            Objects.requireNonNull(reference, "reference");
            if (reference instanceof ModelReference.HubRepository hubRepository) {
                this.hub = HubReference.of(hubRepository);
                this.directory = null;
            } else if (reference instanceof ModelReference.CausalDirectory local) {
                this.directory = local.directory();
                this.hub = null;
            } else {
                throw new IllegalArgumentException("the in-JVM causal LM runs hf:owner/name[@revision] or a Hugging Face "
                        + "directory with config.json, not '" + reference.text() + "'");
            }
            return this;
        }

        /** The most tokens per sequence (default 2,048, the paper's; capped by the model's window). */
        public Builder optContextLength(int tokens) {
            if (tokens < 2) {
                throw new IllegalArgumentException("context length must be >= 2, was " + tokens);
            }
            this.contextLength = tokens;
            return this;
        }

        /** Sequences per forward pass (default 8); long sequences are batched smaller to bound memory. */
        public Builder optBatchSize(int sequences) {
            if (sequences < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, was " + sequences);
            }
            this.batchSize = sequences;
            return this;
        }

        /** The device (default: the PyTorch engine's default device, a GPU when there is one). */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /**
         * The type weights are kept and matrix products computed in: float32 (default) or float16, which halves the
         * weights' memory (Llama-2-7B in about 13.5 GB). bfloat16 is refused: see {@link ComputeTypes}.
         */
        public Builder optDataType(ai.djl.ndarray.types.DataType type) {
            this.dataType = ComputeTypes.require(Objects.requireNonNull(type, "type"));
            return this;
        }

        /**
         * Spreads the blocks over these devices (two or more GPUs), planned from their free memory at build time
         * ({@link LayerPlacement#plan}, {@link LayerPlacement#WEIGHT_SHARE} of each for weights); an explicit
         * {@link #optPlacement} wins.
         */
        public Builder optDevices(List<Device> devices) {
            this.devices = devices == null ? null : List.copyOf(devices);
            return this;
        }

        /**
         * Spreads the blocks over several devices (null: all on {@link #optDevice}'s). Its first device holds the
         * embedding and runs the model's own arrays; see {@link LayerPlacement#plan} for a plan from free memory.
         */
        public Builder optPlacement(LayerPlacement placement) {
            this.placement = placement;
            return this;
        }

        /**
         * Bytes one batch's cache and activations may use (default: {@value MemoryBudget#VARIABLE} or
         * {@code -D}{@value MemoryBudget#PROPERTY}, else 80% of a GPU's free memory, else 2 GiB): batches are split
         * to fit it ({@link MemoryEstimate}).
         */
        public Builder optMemoryBudget(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("memory budget must be positive, was " + bytes);
            }
            this.memoryBudget = bytes;
            return this;
        }

        /** Where the memory estimates go before work starts (default standard error). */
        public Builder optLog(java.util.function.Consumer<String> sink) {
            this.log = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** Which hidden states {@link #encode} returns (default middle and last). */
        public Builder optLayers(Layers layers) {
            this.layers = Objects.requireNonNull(layers, "layers");
            this.hiddenStates = null;
            return this;
        }

        /** Explicit hidden-state indices for {@link #encode} (0 = embeddings, L = last), concatenated in order. */
        public Builder optHiddenStates(int... indices) {
            if (indices.length == 0) {
                throw new IllegalArgumentException("at least one hidden state");
            }
            this.hiddenStates = indices.clone();
            return this;
        }

        /** Which BOS goes before every sequence (default {@link BosRule#AUTHORS}, the paper's). */
        public Builder optBos(BosRule rule) {
            this.bosRule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** How option tokens are formed when scoring (default {@link OptionTokens#AUTHORS}, the paper's). */
        public Builder optOptionTokens(OptionTokens rule) {
            this.optionTokens = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** The cache for downloads and weight hashes (default {@link CacheDirectory#fromSettings()}). */
        public Builder optCache(CacheDirectory cache) {
            this.cache = cache;
            return this;
        }

        /** The hub endpoint for {@code hf:} references (default {@code $HF_ENDPOINT}, else huggingface.co). */
        public Builder optEndpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** The environment read for HF_ENDPOINT and HF_TOKEN (tests pass their own). */
        Builder optEnvironment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * What the launchers set for every model: {@value #DTYPE_VARIABLE} (float32, float16) when no type was set
         * in code, and {@value #DEVICES_VARIABLE}{@code =all} to spread the blocks over every visible GPU.
         */
        private void applyEnvironment() {
            if (dataType == null) {
                String named = environment.get(DTYPE_VARIABLE);
                dataType = named == null || named.isBlank() ? ai.djl.ndarray.types.DataType.FLOAT32
                        : ComputeTypes.parse(named);
            }
            if (devices == null && placement == null && device == null
                    && "all".equals(environment.get(DEVICES_VARIABLE))) {
                int gpus = Engine.getEngine("PyTorch").getGpuCount();
                if (gpus > 1) {
                    devices = IntStream.range(0, gpus).mapToObj(Device::gpu).toList();
                }
            }
        }

        /** Loads the model (downloading a hub reference first when needed). */
        public LlamaModel build() {
            if (directory == null && hub == null) {
                throw new IllegalStateException("setModel(...) is required");
            }
            return new LlamaModel(this);
        }

        private Path resolveDirectory() {
            if (hub == null) {
                if (!Files.isDirectory(directory)) {
                    throw new LanguageModelException("model directory " + directory + " does not exist");
                }
                return directory;
            }
            CacheDirectory where = cache != null ? cache : CacheDirectory.fromSettings();
            try (HubDownloader downloader = HubDownloader.builder().optEndpoint(endpoint)
                    .optEnvironment(environment).setCache(where).build()) {
                HubDownloader.Snapshot snapshot = downloader.fetch(hub);
                resolvedRevision = snapshot.commit();
                return snapshot.directory();
            } catch (java.net.ConnectException | java.net.UnknownHostException
                    | java.net.http.HttpConnectTimeoutException e) {
                // These carry no message of their own (": null" otherwise); say what it means and what to do.
                throw new UncheckedIOException("cannot download " + hub + ": no connection to the model hub ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + "); offline, pass a local model directory instead (--model DIR)", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot download " + hub + ": " + (e.getMessage() != null
                        ? e.getMessage() : e.getClass().getSimpleName()), e);
            }
        }
    }
}
