package org.easy2hard.model.llama;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.easy2hard.model.llama.internal.HalfFloats;
import org.easy2hard.model.llama.internal.HostTensor;
import org.easy2hard.model.llama.internal.SafeTensors;
import org.easy2hard.model.llama.internal.SafeTensorsWriter;

/**
 * Generates tiny Llama-family models for tests: random weights (fixed seed) in Hugging Face layout, a
 * {@code config.json}, and a word-level {@code tokenizer.json} (whitespace pre-tokenizer, {@code <unk>}, {@code <s>},
 * {@code </s>}, the {@link #WORDS} and filler words {@code w<i>}) that DJL's Hugging Face tokenizer loads. Weights
 * can be changed before writing (e.g. the known-answer model), and written as F32, F16 or BF16, single-file or
 * sharded.
 *
 * <pre>{@code
 * TinyLlamaFixture tiny = TinyLlamaFixture.random(TinyLlamaFixture.Spec.llama(), 7);
 * Path dir = tiny.write(tempDir);
 * try (LlamaModel model = LlamaModel.builder().setModel(dir).build()) { ... }
 * }</pre>
 */
public final class TinyLlamaFixture {

    /** Words every fixture vocabulary has (after the three special tokens), in this order. */
    public static final List<String> WORDS = List.of("the", "capital", "of", "france", "is", "paris", "no", "blue",
            "dog", "Question", "Answer", ":", ")", ".", ",", "?", "A", "B", "C", "D", "Q", "yes", "red", "cat",
            "sky", "green", "grass", "what", "color", "stop");

    /** Id of {@code <unk>}. */
    public static final int UNK = 0;
    /** Id of {@code <s>}, the BOS token. */
    public static final int BOS = 1;
    /** Id of {@code </s>}, the EOS token. */
    public static final int EOS = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A model shape.
     *
     * @param modelType    llama, mistral or qwen2 (qwen2 gets q/k/v biases)
     * @param vocab        vocabulary size (at least 3 + WORDS)
     * @param hidden       residual width
     * @param intermediate MLP width
     * @param layers       blocks
     * @param heads        attention heads
     * @param kvHeads      key/value heads
     * @param headDim      head width, or 0 for hidden / heads (then not written to the config)
     * @param tied         whether the head is the embedding matrix
     * @param maxPositions max_position_embeddings
     */
    public record Spec(String modelType, int vocab, int hidden, int intermediate, int layers, int heads,
            int kvHeads, int headDim, boolean tied, int maxPositions) {

        /** A small Llama with grouped-query attention (4 heads, 2 KV heads) and an untied head. */
        public static Spec llama() {
            return new Spec("llama", 48, 32, 56, 2, 4, 2, 0, false, 128);
        }

        /** Odd dimensions: hidden 30, 3 heads of width 10, 3 KV heads, intermediate 37, three layers, tied. */
        public static Spec odd() {
            return new Spec("llama", 45, 30, 37, 3, 3, 3, 0, true, 96);
        }

        /** Qwen2 style: q/k/v biases, 6 heads / 2 KV heads with an explicit head_dim 6, tied head. */
        public static Spec qwen2() {
            return new Spec("qwen2", 50, 24, 40, 2, 6, 2, 6, true, 128);
        }

        /** Multi-query attention (one KV head), untied. */
        public static Spec mistral() {
            return new Spec("mistral", 40, 16, 24, 1, 4, 1, 0, false, 64);
        }

        /** The head width this spec implies. */
        public int effectiveHeadDim() {
            return headDim > 0 ? headDim : hidden / heads;
        }

        /** Whether q/k/v have biases. */
        public boolean qkvBias() {
            return modelType.equals("qwen2");
        }

        /** The same shape with another vocabulary size. */
        public Spec withVocab(int newVocab) {
            return new Spec(modelType, newVocab, hidden, intermediate, layers, heads, kvHeads, headDim, tied,
                    maxPositions);
        }
    }

    private final Spec spec;
    private final Map<String, HostTensor> weights;
    private final List<String> vocabulary;

    private TinyLlamaFixture(Spec spec, Map<String, HostTensor> weights, List<String> extraWords) {
        this.spec = spec;
        this.weights = weights;
        List<String> vocab = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        vocab.addAll(WORDS);
        for (String word : extraWords) {
            if (vocab.contains(word) || word.isEmpty() || !word.matches("\\w+|[^\\w\\s]+")) {
                throw new IllegalArgumentException("extra word '" + word + "' is a duplicate or not one whitespace "
                        + "pre-tokenizer piece");
            }
            vocab.add(word);
        }
        while (vocab.size() < spec.vocab()) {
            vocab.add("w" + vocab.size());
        }
        if (vocab.size() > spec.vocab()) {
            throw new IllegalArgumentException("vocabulary needs at least " + vocab.size() + " entries");
        }
        this.vocabulary = List.copyOf(vocab);
    }

    /**
     * Random weights: embeddings ~ N(0, 1), projections uniform with scale 1.5/√in (so activations and log-probs
     * vary by several nats), norm weights 1 ± 0.2, biases ± 0.3.
     */
    public static TinyLlamaFixture random(Spec spec, long seed) {
        return random(spec, seed, List.of());
    }

    /**
     * As {@link #random(Spec, long)}, with {@code extraWords} in the vocabulary after {@link #WORDS} (each a run of
     * word characters or of punctuation, as the whitespace pre-tokenizer splits; the spec's vocabulary must have
     * room for them).
     */
    public static TinyLlamaFixture random(Spec spec, long seed, List<String> extraWords) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, HostTensor> weights = new TreeMap<>();
        int d = spec.hidden();
        int q = spec.heads() * spec.effectiveHeadDim();
        int kv = spec.kvHeads() * spec.effectiveHeadDim();
        weights.put("model.embed_tokens.weight", gaussian(random, spec.vocab(), d, 1.0));
        for (int layer = 0; layer < spec.layers(); layer++) {
            String p = "model.layers." + layer + ".";
            weights.put(p + "input_layernorm.weight", around(random, d, 1.0, 0.2));
            weights.put(p + "post_attention_layernorm.weight", around(random, d, 1.0, 0.2));
            weights.put(p + "self_attn.q_proj.weight", uniform(random, q, d));
            weights.put(p + "self_attn.k_proj.weight", uniform(random, kv, d));
            weights.put(p + "self_attn.v_proj.weight", uniform(random, kv, d));
            weights.put(p + "self_attn.o_proj.weight", uniform(random, d, q));
            weights.put(p + "mlp.gate_proj.weight", uniform(random, spec.intermediate(), d));
            weights.put(p + "mlp.up_proj.weight", uniform(random, spec.intermediate(), d));
            weights.put(p + "mlp.down_proj.weight", uniform(random, d, spec.intermediate()));
            if (spec.qkvBias()) {
                weights.put(p + "self_attn.q_proj.bias", around(random, q, 0, 0.3));
                weights.put(p + "self_attn.k_proj.bias", around(random, kv, 0, 0.3));
                weights.put(p + "self_attn.v_proj.bias", around(random, kv, 0, 0.3));
            }
        }
        weights.put("model.norm.weight", around(random, d, 1.0, 0.2));
        if (!spec.tied()) {
            weights.put("lm_head.weight", uniform(random, spec.vocab(), d));
        }
        return new TinyLlamaFixture(spec, weights, extraWords);
    }

    private static HostTensor gaussian(SplittableRandom random, int rows, int cols, double scale) {
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            // Box-Muller from the splittable stream, for reproducibility across JDKs
            double u = random.nextDouble(1e-12, 1.0);
            double v = random.nextDouble();
            values[i] = (float) (scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
        }
        return new HostTensor(new long[] {rows, cols}, values);
    }

    private static HostTensor uniform(SplittableRandom random, int out, int in) {
        float[] values = new float[out * in];
        double bound = 1.5 / Math.sqrt(in);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-bound, bound);
        }
        return new HostTensor(new long[] {out, in}, values);
    }

    private static HostTensor around(SplittableRandom random, int n, double center, double spread) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (center + random.nextDouble(-spread, spread));
        }
        return new HostTensor(new long[] {n}, values);
    }

    /**
     * Zeroes every block's o_proj and down_proj, so that no block changes the residual stream: the model becomes a
     * bigram model, {@code logits(next | t) = head · rmsnorm(embed[t])}, whose preferences {@link #favour} sets.
     *
     * @return this fixture
     */
    public TinyLlamaFixture makeBigram() {
        for (int layer = 0; layer < spec.layers(); layer++) {
            java.util.Arrays.fill(weight("model.layers." + layer + ".self_attn.o_proj.weight"), 0f);
            java.util.Arrays.fill(weight("model.layers." + layer + ".mlp.down_proj.weight"), 0f);
        }
        return this;
    }

    /**
     * In a bigram model ({@link #makeBigram}), makes {@code next} follow {@code previous} with a logit about
     * {@code strength} (so log p(next | previous) ≈ 0 for a strength of 30 or more): adds strength × the normalised
     * final state after {@code previous} to the head row of {@code next}. Needs an untied head (the embedding row
     * would change too).
     *
     * @return this fixture
     */
    public TinyLlamaFixture favour(String previous, String next, double strength) {
        if (spec.tied()) {
            throw new IllegalStateException("favour needs an untied head");
        }
        float[] embed = weight("model.embed_tokens.weight");
        float[] norm = weight("model.norm.weight");
        int d = spec.hidden();
        int from = id(previous);
        double ms = 0;
        for (int i = 0; i < d; i++) {
            ms += embed[from * d + i] * embed[from * d + i];
        }
        double rms = Math.sqrt(ms / d + 1e-5);
        float[] head = head();
        int to = id(next);
        for (int i = 0; i < d; i++) {
            // final state s_i = embed_i / rms * norm_i; the row s / |s|² · strength gives a logit of strength
            head[to * d + i] += (float) (strength * embed[from * d + i] / rms * norm[i] / (d * meanSquare(norm)));
        }
        return this;
    }

    private static double meanSquare(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return sum / values.length;
    }

    /** The shape. */
    public Spec spec() {
        return spec;
    }

    /** The weights by Hugging Face name (mutable: change them before writing). */
    public Map<String, HostTensor> weights() {
        return weights;
    }

    /** One weight's values (the live array: writes change the model). */
    public float[] weight(String name) {
        HostTensor tensor = weights.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("no weight " + name);
        }
        return tensor.values();
    }

    /** The output head's values: lm_head, or the embedding matrix when tied. */
    public float[] head() {
        return weight(spec.tied() ? "model.embed_tokens.weight" : "lm_head.weight");
    }

    /** The vocabulary, by id. */
    public List<String> vocabulary() {
        return vocabulary;
    }

    /** A word's id. */
    public int id(String word) {
        int id = vocabulary.indexOf(word);
        if (id < 0) {
            throw new IllegalArgumentException("'" + word + "' is not in the fixture vocabulary");
        }
        return id;
    }

    /** The ids of a text split on spaces (every word must be in the vocabulary). */
    public long[] ids(String text) {
        return java.util.Arrays.stream(text.trim().split("\\s+")).mapToLong(this::id).toArray();
    }

    /** Rounds every weight as storing it in {@code dtype} would (what a reference must use for F16/BF16 files). */
    public TinyLlamaFixture roundedTo(SafeTensors.DType dtype) {
        Map<String, HostTensor> rounded = new TreeMap<>();
        weights.forEach((name, tensor) -> {
            float[] values = tensor.values().clone();
            for (int i = 0; i < values.length; i++) {
                values[i] = switch (dtype) {
                    case F32 -> values[i];
                    case F16 -> HalfFloats.toFloat(HalfFloats.fromFloat(values[i]));
                    case BF16 -> HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(values[i]));
                };
            }
            rounded.put(name, new HostTensor(tensor.shape(), values));
        });
        return new TinyLlamaFixture(spec, rounded, vocabulary.subList(3 + WORDS.size(), vocabulary.size()).stream()
                .filter(word -> !word.matches("w\\d+")).toList());
    }

    /** Writes config, tokenizer and float32 weights into {@code dir} and returns it. */
    public Path write(Path dir) {
        return write(dir, SafeTensors.DType.F32);
    }

    /** Writes config, tokenizer and weights of the given element type into {@code dir}. */
    public Path write(Path dir, SafeTensors.DType dtype) {
        writeTextFiles(dir);
        SafeTensorsWriter.write(dir.resolve(SafeTensors.SINGLE_FILE), weights, dtype, Map.of("format", "pt"));
        return dir;
    }

    /** Writes the weights in {@code shards} files with a {@code model.safetensors.index.json}. */
    public Path writeSharded(Path dir, int shards) {
        writeTextFiles(dir);
        List<Map<String, HostTensor>> parts = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            parts.add(new LinkedHashMap<>());
        }
        int n = 0;
        for (Map.Entry<String, HostTensor> entry : weights.entrySet()) {
            parts.get(n++ % shards).put(entry.getKey(), entry.getValue());
        }
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", 0);
        ObjectNode map = index.putObject("weight_map");
        for (int i = 0; i < shards; i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards);
            SafeTensorsWriter.write(dir.resolve(name), parts.get(i));
            for (String tensor : parts.get(i).keySet()) {
                map.put(tensor, name);
            }
        }
        writeJson(dir.resolve(SafeTensors.INDEX_FILE), index);
        return dir;
    }

    /** Writes config.json, tokenizer.json and tokenizer_config.json. */
    public void writeTextFiles(Path dir) {
        writeJson(dir.resolve("config.json"), config());
        writeJson(dir.resolve("tokenizer.json"), tokenizer());
        ObjectNode tokenizerConfig = JSON.createObjectNode();
        tokenizerConfig.put("bos_token", "<s>").put("eos_token", "</s>").put("unk_token", "<unk>")
                .put("add_bos_token", true);
        writeJson(dir.resolve("tokenizer_config.json"), tokenizerConfig);
    }

    /** The config.json content. */
    public ObjectNode config() {
        ObjectNode config = JSON.createObjectNode();
        config.putArray("architectures").add(spec.modelType().equals("qwen2") ? "Qwen2ForCausalLM"
                : spec.modelType().equals("mistral") ? "MistralForCausalLM" : "LlamaForCausalLM");
        config.put("model_type", spec.modelType());
        config.put("vocab_size", spec.vocab());
        config.put("hidden_size", spec.hidden());
        config.put("intermediate_size", spec.intermediate());
        config.put("num_hidden_layers", spec.layers());
        config.put("num_attention_heads", spec.heads());
        config.put("num_key_value_heads", spec.kvHeads());
        if (spec.headDim() > 0) {
            config.put("head_dim", spec.headDim());
        }
        config.put("hidden_act", "silu");
        config.put("rms_norm_eps", 1e-5);
        config.put("rope_theta", 10000.0);
        config.put("max_position_embeddings", spec.maxPositions());
        config.put("tie_word_embeddings", spec.tied());
        config.put("bos_token_id", BOS);
        config.put("eos_token_id", EOS);
        config.put("torch_dtype", "float32");
        if (spec.modelType().equals("mistral")) {
            config.putNull("sliding_window");
        }
        return config;
    }

    /**
     * Replaces {@code tokenizer.json} in {@code dir} with a SentencePiece-style one (Metaspace: every text gets a
     * leading "▁", spaces become "▁"), word ids unchanged ("▁the" has the id of "the"); the last id becomes the
     * lone "▁" that a doubled space produces.
     */
    public void writeMetaspaceTokenizer(Path dir) {
        ObjectNode root = tokenizer();
        ObjectNode metaspace = JSON.createObjectNode().put("type", "Metaspace").put("replacement", "\u2581")
                .put("prepend_scheme", "always").put("split", true);
        root.set("pre_tokenizer", metaspace);
        root.set("decoder", metaspace.deepCopy());
        ObjectNode vocab = JSON.createObjectNode();
        for (int id = 0; id < vocabulary.size(); id++) {
            String token = id < 3 ? vocabulary.get(id) : id == vocabulary.size() - 1 ? "\u2581"
                    : "\u2581" + vocabulary.get(id);
            vocab.put(token, id);
        }
        ((ObjectNode) root.get("model")).set("vocab", vocab);
        writeJson(dir.resolve("tokenizer.json"), root);
    }

    private ObjectNode tokenizer() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < 3; id++) {
            added.addObject().put("id", id).put("content", vocabulary.get(id)).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "Whitespace");
        root.putNull("post_processor");
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < vocabulary.size(); id++) {
            vocab.put(vocabulary.get(id), id);
        }
        model.put("unk_token", "<unk>");
        return root;
    }

    private static void writeJson(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
