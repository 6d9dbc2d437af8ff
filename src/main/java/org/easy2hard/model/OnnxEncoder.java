package org.easy2hard.model;

import ai.djl.Device;
import ai.djl.ModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An {@link Encoder} that runs a BERT-style ONNX encoder with DJL's ONNX Runtime engine and tokenises with DJL's
 * Hugging Face tokenizer: texts are grouped into batches of similar length, tokenised (padded to the longest text of
 * the batch, truncated to the maximum length), run through the graph, and the requested hidden states are pooled in
 * Java over the attention mask and concatenated. Features come back in the order of the texts.
 *
 * <pre>{@code
 * try (OnnxEncoder encoder = OnnxEncoder.builder().setModel(BundledModel.BGE_SMALL_EN_V15).build()) {
 *     float[][] features = encoder.encode(texts, progress);   // 768 = middle + last layer, CLS pooled
 * }
 * }</pre>
 *
 * <p><b>Middle layers.</b> The exported graphs return only {@code last_hidden_state}. To return another hidden
 * state, a copy of the graph is written (once, into the cache directory) whose output list also names the tensor
 * that block's final LayerNorm produces, {@code /encoder/layer.N/output/LayerNorm/Add_1_output_0}; a graph without
 * that tensor is refused with a clear message.
 *
 * <p><b>Batch independence.</b> Batch size and thread count are not part of the {@link #identity()}: they must not
 * change the features. For float models padding is masked out, and features agree across batch sizes to float
 * rounding. Dynamically quantised models ({@code DynamicQuantizeLinear}, e.g. the int8 MiniLM) choose their int8
 * scale from the whole input tensor, padding and other texts included, so their features would depend on which
 * texts share a batch; such models are therefore run one text at a time, whatever batch size is asked for.
 *
 * <p>Not safe for concurrent use: calls to {@link #encode} are serialised.
 *
 * <p><i>Why this file is over 450 lines (540):</i> a third of it is the {@link Builder}, which stays nested so that
 * {@code OnnxEncoder.builder()...build()} reads as every other builder here; the graph editing already lives in
 * {@link OnnxGraph} and the pooling in {@link Pooling}. What remains is one session's life cycle (open the edited
 * graph and tokenizer, batch by length, run, pool, close) plus plain accessors the identity and the tests read;
 * splitting it further would pass the session, tokenizer and settings between classes for no reader's benefit.
 */
public final class OnnxEncoder implements Encoder {

    static {
        // Before this class touches DJL: keep it offline and untracked unless the user chose otherwise.
        DjlOffline.ensure();
    }

    private static final String ENGINE = "OnnxRuntime";
    private static final String LAST_HIDDEN_STATE = "last_hidden_state";
    private static final String DYNAMIC_QUANTIZATION = "DynamicQuantizeLinear";
    /** Texts are sorted by length within windows of this many batches (bounding the memory of the encodings). */
    private static final int SORT_WINDOW_BATCHES = 64;
    /** Stands for the last hidden state of a graph whose blocks are not named, so whose L is unknown. */
    private static final int LAST_UNNUMBERED = -1;

    private final ModelIdentity identity;
    private final HuggingFaceTokenizer tokenizer;
    /** Same tokenizer without padding: gives each text's token count, for grouping texts of similar length. */
    private final HuggingFaceTokenizer lengthTokenizer;
    private final ZooModel<TokenBatch, float[][]> model;
    private final Predictor<TokenBatch, float[][]> predictor;
    private final Path modelFile;
    private final Path tokenizerFile;
    private final List<String> stateOutputs;
    private final List<String> graphInputs;
    private final int[] hiddenStates;
    private final int blocks;
    private final int hidden;
    private final int batchSize;
    private final int threads;
    private final int maxLength;
    private final Pooling pooling;
    private boolean closed;

    private OnnxEncoder(Builder builder) {
        CacheDirectory cache = builder.cache != null ? builder.cache : CacheDirectory.fromSettings();
        ModelFiles modelFiles = new ModelFiles(cache.models());
        Resolved files = builder.resolve(modelFiles);
        OnnxGraph graph = OnnxGraph.read(files.onnx().path());
        this.graphInputs = graph.inputs();
        if (!graphInputs.contains("input_ids") || !graphInputs.contains("attention_mask")) {
            throw new EncoderException("ONNX graph " + files.onnx().path() + " takes inputs " + graphInputs
                    + "; an encoder needs at least input_ids and attention_mask");
        }
        for (String input : graphInputs) {
            if (!TokenBatch.INPUTS.contains(input)) {
                throw new EncoderException("ONNX graph " + files.onnx().path() + " takes input '" + input
                        + "'; the encoder feeds only " + TokenBatch.INPUTS);
            }
        }

        this.blocks = graph.blockCount();
        this.hiddenStates = builder.hiddenStates != null
                ? builder.hiddenStates.clone()
                : blocks > 0 ? builder.layers.hiddenStates(blocks) : new int[] {LAST_UNNUMBERED};
        this.stateOutputs = new ArrayList<>();
        List<String> extraOutputs = new ArrayList<>();
        for (int index : hiddenStates) {
            String name = stateTensor(graph, index);
            stateOutputs.add(name);
            if (!graph.outputs().contains(name) && !extraOutputs.contains(name)) {
                extraOutputs.add(name);
            }
        }
        long width = graph.outputWidth(LAST_HIDDEN_STATE);
        if (width <= 0) {
            throw new EncoderException("ONNX graph " + files.onnx().path()
                    + " does not declare the width of its last_hidden_state output");
        }
        this.hidden = (int) width;

        this.modelFile = extraOutputs.isEmpty()
                ? files.onnx().path()
                : modelFiles.withExtraOutputs(files.onnx(), graph, extraOutputs);
        this.tokenizerFile = files.tokenizer().path();
        this.maxLength = builder.maxLength;
        this.pooling = files.pooling();
        this.threads = builder.threads;
        this.batchSize = graph.operatorTypes().contains(DYNAMIC_QUANTIZATION) ? 1 : builder.batchSize;

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("pooling", pooling.name());
        settings.put("hiddenStates", Arrays.stream(hiddenStates)
                .mapToObj(index -> index == LAST_UNNUMBERED ? "last" : Integer.toString(index))
                .collect(Collectors.joining("+")));
        settings.put("maxLength", Integer.toString(maxLength));
        settings.put("normalize", Boolean.toString(builder.normalize));
        settings.put("tokenizerSha256", files.tokenizer().sha256());
        this.identity = new ModelIdentity(files.name(), files.source(), files.onnx().sha256(), settings);

        this.tokenizer = newTokenizer(tokenizerFile, maxLength, true);
        this.lengthTokenizer = newTokenizer(tokenizerFile, maxLength, false);
        try {
            Criteria<TokenBatch, float[][]> criteria = Criteria.builder()
                    .setTypes(TokenBatch.class, float[][].class)
                    .optEngine(ENGINE)
                    .optDevice(Device.cpu())
                    .optModelPath(modelFile)
                    .optTranslator(new HiddenStateTranslator(graphInputs, stateOutputs, pooling, builder.normalize,
                            hidden))
                    // DJL applies intraOpNumThreads only when interOpNumThreads is given too. One inter-op thread:
                    // an encoder graph is a chain of blocks with nothing to run side by side.
                    .optOption("interOpNumThreads", "1")
                    .optOption("intraOpNumThreads", Integer.toString(threads))
                    .optOption("optLevel", "ALL_OPT")
                    .build();
            this.model = criteria.loadModel();
            this.predictor = model.newPredictor();
        } catch (IOException | ModelException e) {
            tokenizer.close();
            lengthTokenizer.close();
            throw new EncoderException("cannot load ONNX model " + modelFile + " with DJL's " + ENGINE
                    + " engine: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            tokenizer.close();
            lengthTokenizer.close();
            throw e;
        }
    }

    /** A new builder; a model (bundled or a directory) must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The graph tensor holding hidden state {@code index}: {@code last_hidden_state} for the last, the embedding
     * LayerNorm's output for 0, block {@code index - 1}'s output LayerNorm otherwise.
     */
    private String stateTensor(OnnxGraph graph, int index) {
        if (index == LAST_UNNUMBERED || index == blocks && graph.outputs().contains(LAST_HIDDEN_STATE)) {
            if (!graph.outputs().contains(LAST_HIDDEN_STATE)) {
                throw new EncoderException("ONNX graph " + graph.file() + " has no output named last_hidden_state "
                        + "(outputs: " + graph.outputs() + ")");
            }
            return LAST_HIDDEN_STATE;
        }
        if (blocks == 0) {
            throw new EncoderException("ONNX graph " + graph.file() + " has no nodes named /encoder/layer.N/...,"
                    + " so its intermediate hidden states cannot be found; use Layers.LAST");
        }
        if (index < 0 || index > blocks) {
            throw new EncoderException("hidden state " + index + " does not exist: the model has " + blocks
                    + " blocks, so hidden states 0.." + blocks);
        }
        String name = index == 0
                ? "/embeddings/LayerNorm/Add_1_output_0"
                : "/encoder/layer." + (index - 1) + "/output/LayerNorm/Add_1_output_0";
        if (!graph.nodeOutputs().contains(name)) {
            throw new EncoderException("ONNX graph " + graph.file() + " has no tensor named '" + name
                    + "', where a BERT-style export keeps hidden state " + index + "; this graph was exported "
                    + "differently: use Layers.LAST");
        }
        return name;
    }

    /**
     * DJL's tokenizer for a {@code tokenizer.json}, truncating to {@code maxLength} tokens and, when {@code pad},
     * padding each batch to its longest text. These options override whatever the file itself says.
     */
    static HuggingFaceTokenizer newTokenizer(Path file, int maxLength, boolean pad) {
        Map<String, String> options = Map.of(
                "padding", Boolean.toString(pad),
                "truncation", "true",
                "maxLength", Integer.toString(maxLength),
                "addSpecialTokens", "true");
        try {
            return HuggingFaceTokenizer.newInstance(file, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + file, e);
        } catch (RuntimeException e) {
            throw new EncoderException("cannot load tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ModelIdentity identity() {
        return identity;
    }

    @Override
    public int dimension() {
        return hidden * hiddenStates.length;
    }

    @Override
    public synchronized float[][] encode(List<String> texts, Progress progress) {
        Objects.requireNonNull(progress, "progress");
        if (closed) {
            throw new IllegalStateException("encoder " + identity.name() + " is closed");
        }
        for (int i = 0; i < texts.size(); i++) {
            Objects.requireNonNull(texts.get(i), () -> "text is null");
        }
        float[][] features = new float[texts.size()][];
        String task = "encoding with " + identity.name();
        int done = 0;
        for (int windowStart = 0; windowStart < texts.size(); windowStart += SORT_WINDOW_BATCHES * batchSize) {
            int windowEnd = Math.min(texts.size(), windowStart + SORT_WINDOW_BATCHES * batchSize);
            int[] order = byLength(texts.subList(windowStart, windowEnd));
            for (int start = 0; start < order.length; start += batchSize) {
                int end = Math.min(order.length, start + batchSize);
                List<String> batchTexts = new ArrayList<>(end - start);
                for (int j = start; j < end; j++) {
                    batchTexts.add(texts.get(windowStart + order[j]));
                }
                float[][] batch = run(batchTexts);
                for (int j = start; j < end; j++) {
                    features[windowStart + order[j]] = batch[j - start];
                }
                done += end - start;
                progress.update(task, done, texts.size());
            }
        }
        return features;
    }

    /**
     * Positions of the texts ordered by token count (ties in input order), so that each batch holds texts of similar
     * length and little padding: on ARC's probe texts this makes bge about 1.4 times faster. Padding is masked, so a
     * text's features do not depend on which texts share its batch (see the class comment).
     */
    private int[] byLength(List<String> window) {
        if (batchSize == 1) {
            return java.util.stream.IntStream.range(0, window.size()).toArray();
        }
        Encoding[] unpadded = lengthTokenizer.batchEncode(window);
        return java.util.stream.IntStream.range(0, window.size()).boxed()
                .sorted(java.util.Comparator.comparingInt(i -> unpadded[i].getIds().length))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Tokenises one batch (padded to its longest text) and runs it through the graph. */
    private float[][] run(List<String> batchTexts) {
        Encoding[] encodings = tokenizer.batchEncode(batchTexts);
        try {
            return predictor.predict(TokenBatch.of(encodings));
        } catch (TranslateException e) {
            throw new EncoderException("encoding failed with " + identity.name() + ": " + e.getMessage(), e);
        }
    }

    /** The ONNX file actually run (an edited copy when a middle layer is returned). */
    public Path modelFile() {
        return modelFile;
    }

    /** The {@code tokenizer.json} used. */
    public Path tokenizerFile() {
        return tokenizerFile;
    }

    /** The graph inputs fed, in the graph's order. */
    public List<String> graphInputs() {
        return List.copyOf(graphInputs);
    }

    /** The graph outputs pooled into the features, in order (e.g. the middle layer's tensor, then last). */
    public List<String> stateOutputs() {
        return List.copyOf(stateOutputs);
    }

    /**
     * The hidden-state indices returned (0 = embeddings, L = last), in feature order; -1 stands for the last
     * hidden state of a graph whose blocks are not named.
     */
    public int[] hiddenStates() {
        return hiddenStates.clone();
    }

    /** Number of transformer blocks L found in the graph (0 when the graph does not name them). */
    public int blocks() {
        return blocks;
    }

    /** Width of one hidden state. */
    public int hiddenWidth() {
        return hidden;
    }

    /** The pooling applied. */
    public Pooling pooling() {
        return pooling;
    }

    /** Maximum number of tokens per text, special tokens included; longer texts are truncated. */
    public int maxLength() {
        return maxLength;
    }

    /** Texts per graph call actually used: 1 for dynamically quantised models, else the requested size. */
    public int batchSize() {
        return batchSize;
    }

    /** ONNX Runtime intra-op threads. */
    public int threads() {
        return threads;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            predictor.close();
            model.close();
        } finally {
            tokenizer.close();
            lengthTokenizer.close();
        }
    }

    @Override
    public String toString() {
        return "OnnxEncoder[" + identity.cacheKey() + ", batch " + batchSize + ", threads " + threads + "]";
    }

    /** Where the model's files are and what it is called, before anything is loaded. */
    private record Resolved(String name, String source, ModelFiles.HashedFile onnx, ModelFiles.HashedFile tokenizer,
                            Pooling pooling) {
    }

    /** Configures an {@link OnnxEncoder}; DJL-style {@code set…} for required and {@code opt…} for optional. */
    public static final class Builder {

        private BundledModel bundled;
        private Path directory;
        private String name;
        private Pooling pooling;
        private Layers layers = Layers.MIDDLE_AND_LAST;
        private int[] hiddenStates;
        private int maxLength = 512;
        private int batchSize = 16;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean normalize;
        private CacheDirectory cache;

        private Builder() {
        }

        /** Uses a model bundled on the classpath (replaces any directory set before). */
        public Builder setModel(BundledModel model) {
            this.bundled = Objects.requireNonNull(model, "model");
            this.directory = null;
            return this;
        }

        /**
         * Uses a local model directory holding {@code model.onnx} and {@code tokenizer.json} (replaces any bundled
         * model set before). Its pooling must be given with {@link #optPooling} unless the directory has a
         * sentence-transformers {@code 1_Pooling/config.json}.
         */
        public Builder setModelDirectory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            this.bundled = null;
            return this;
        }

        /** Name in the identity for a local model (default: the directory's name). */
        public Builder optName(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Pooling (default: as the model was trained: CLS for BGE, MEAN for MiniLM). */
        public Builder optPooling(Pooling pooling) {
            this.pooling = Objects.requireNonNull(pooling, "pooling");
            return this;
        }

        /** Which hidden states (default {@link Layers#MIDDLE_AND_LAST}, as the paper's probes). */
        public Builder optLayers(Layers layers) {
            this.layers = Objects.requireNonNull(layers, "layers");
            this.hiddenStates = null;
            return this;
        }

        /**
         * Explicit hidden-state indices, in feature order (0 = embeddings, L = last); overrides
         * {@link #optLayers}.
         */
        public Builder optHiddenStates(int... indices) {
            if (indices.length == 0) {
                throw new IllegalArgumentException("at least one hidden state is needed");
            }
            this.hiddenStates = indices.clone();
            return this;
        }

        /** Maximum tokens per text, special tokens included (default 512, BERT's limit); longer texts are cut. */
        public Builder optMaxLength(int maxLength) {
            if (maxLength < 2) {
                throw new IllegalArgumentException("maxLength must leave room for [CLS] and [SEP]: " + maxLength);
            }
            this.maxLength = maxLength;
            return this;
        }

        /** Texts per graph call (default 16); does not change the features. */
        public Builder optBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** ONNX Runtime intra-op threads (default: available processors); does not change the features. */
        public Builder optThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be positive: " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Whether each pooled layer vector is scaled to unit L2 norm (default false: probes z-score their features
         * themselves; normalised vectors suit cosine similarity).
         */
        public Builder optNormalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** Where edited graphs and copies of bundled files go (default {@link CacheDirectory#fromSettings()}). */
        public Builder optCacheDirectory(CacheDirectory cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /**
         * Loads the model.
         *
         * @throws EncoderException when no model is set, a file is missing or the graph is unusable
         */
        public OnnxEncoder build() {
            return new OnnxEncoder(this);
        }

        private Resolved resolve(ModelFiles files) {
            if (bundled != null) {
                return new Resolved(bundled.modelName(),
                        "maven:" + bundled.mavenCoordinates() + "!/" + bundled.onnxResource(),
                        files.bundled(bundled.onnxResource()), files.bundled(bundled.tokenizerResource()),
                        pooling != null ? pooling : bundled.trainedPooling());
            }
            if (directory == null) {
                throw new EncoderException("no model set: call setModel(BundledModel) or setModelDirectory(Path)");
            }
            Path dir = directory.toAbsolutePath().normalize();
            Path onnx = dir.resolve("model.onnx");
            Path tokenizerJson = dir.resolve("tokenizer.json");
            if (!Files.isRegularFile(onnx)) {
                throw new EncoderException("model file " + onnx + " does not exist: a model directory must hold "
                        + "model.onnx and tokenizer.json");
            }
            if (!Files.isRegularFile(tokenizerJson)) {
                throw new EncoderException("tokenizer file " + tokenizerJson + " does not exist: a model directory "
                        + "must hold model.onnx and tokenizer.json");
            }
            Pooling chosen = pooling != null ? pooling : poolingFromSentenceTransformers(dir);
            String modelName = name != null ? name : String.valueOf(dir.getFileName());
            return new Resolved(modelName, "file:" + dir, files.local(onnx), files.local(tokenizerJson), chosen);
        }

        /** The pooling a sentence-transformers directory declares in {@code 1_Pooling/config.json}. */
        private static Pooling poolingFromSentenceTransformers(Path dir) {
            Path config = dir.resolve("1_Pooling").resolve("config.json");
            if (!Files.isRegularFile(config)) {
                throw new EncoderException("cannot tell how to pool " + dir + ": it has no 1_Pooling/config.json; "
                        + "add one as sentence-transformers writes it, e.g. {\"pooling_mode_cls_token\": true} or "
                        + "{\"pooling_mode_mean_tokens\": true} (from Java: optPooling)");
            }
            try {
                JsonNode json = new ObjectMapper().readTree(config.toFile());
                boolean cls = json.path("pooling_mode_cls_token").asBoolean(false);
                boolean mean = json.path("pooling_mode_mean_tokens").asBoolean(false);
                if (cls == mean) {
                    throw new EncoderException(config + " asks for neither or both of CLS and mean pooling (or "
                            + "another kind); set exactly one of pooling_mode_cls_token and pooling_mode_mean_tokens "
                            + "to true (from Java: optPooling)");
                }
                return cls ? Pooling.CLS : Pooling.MEAN;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + config, e);
            }
        }
    }
}
