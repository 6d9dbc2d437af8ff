package org.easy2hard.model.llama;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.easy2hard.model.DjlOffline;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.OptionTokens;
import org.easy2hard.model.llama.internal.LlamaConfig;

/**
 * A model's tokenizer ({@code tokenizer.json} through DJL's Hugging Face tokenizer) and its special tokens. Texts
 * are always encoded <em>without</em> special tokens; callers prepend {@link #withBos the BOS prefix} themselves,
 * once, as the paper does (paper-spec §5.1).
 *
 * <p>Which BOS follows a {@link BosRule}: by default the paper's ({@code tokenizer.bos_token_id} when not None: the
 * {@code bos_token} of {@code tokenizer_config.json} when that file exists, a null or absent one meaning none as for
 * Qwen2, else the config's {@code bos_token_id}); or what the tokenizer's post-processor template adds; or none.
 *
 * <p>Generation ends at the config's EOS ids and those of {@code generation_config.json} (Llama-3 instruct models
 * list several there). Decoding honours {@code clean_up_tokenization_spaces} as transformers does.
 */
public final class LlamaTokenizer implements AutoCloseable {

    static {
        // Before this class touches DJL: keep it offline and untracked unless the user chose otherwise.
        DjlOffline.ensure();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final long[] bosPrefix;
    private final long pad;
    private final List<Integer> eos;
    private final boolean marksWordStarts;
    private final boolean cleanUpSpaces;

    private LlamaTokenizer(HuggingFaceTokenizer tokenizer, long[] bosPrefix, long pad, List<Integer> eos,
            boolean marksWordStarts, boolean cleanUpSpaces) {
        this.tokenizer = tokenizer;
        this.bosPrefix = bosPrefix.clone();
        this.pad = pad;
        this.eos = List.copyOf(eos);
        this.marksWordStarts = marksWordStarts;
        this.cleanUpSpaces = cleanUpSpaces;
    }

    /**
     * Loads {@code tokenizer.json} (and {@code tokenizer_config.json}, {@code generation_config.json} when present)
     * from a model directory.
     *
     * @param config the model's config (fallback BOS id, EOS ids)
     * @param rule   which BOS to prepend
     */
    public static LlamaTokenizer load(Path directory, LlamaConfig config, BosRule rule) {
        Path file = directory.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new LanguageModelException("model directory " + directory + " has no tokenizer.json");
        }
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "false",
                    "truncation", "false", "padding", "false", "maxLength", "1000000"));
        } catch (IOException | RuntimeException e) {
            throw new LanguageModelException("cannot load tokenizer " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode tokenizerConfig = readJson(directory.resolve("tokenizer_config.json"));
            long[] prefix = switch (rule) {
                case AUTHORS -> {
                    long bos = -1;
                    if (tokenizerConfig != null) {
                        String content = tokenContent(tokenizerConfig.get("bos_token"));
                        if (content != null) {
                            bos = tokenId(tokenizer, content, file);
                        }
                    } else if (config.bosTokenId() >= 0) {
                        bos = config.bosTokenId();
                    }
                    yield bos < 0 ? new long[0] : new long[] {bos};
                }
                case TOKENIZER_TEMPLATE -> templatePrefix(tokenizer, file);
                case NONE -> new long[0];
            };
            // Pad = unk, otherwise eos (paper-spec §5.1); padding is masked, so only validity matters.
            long pad = 0;
            String unk = tokenizerConfig == null ? null : tokenContent(tokenizerConfig.get("unk_token"));
            if (unk != null) {
                pad = tokenId(tokenizer, unk, file);
            } else if (!config.eosTokenIds().isEmpty()) {
                pad = config.eosTokenIds().get(0);
            }
            Set<Integer> eos = new LinkedHashSet<>(config.eosTokenIds());
            Path generationConfig = directory.resolve("generation_config.json");
            eos.addAll(ids(readJson(generationConfig), "eos_token_id", generationConfig));
            // transformers' default when a tokenizer_config does not say (Llama 3's says true, Qwen's false)
            boolean cleanUp = tokenizerConfig != null
                    && tokenizerConfig.path("clean_up_tokenization_spaces").asBoolean(false);
            return new LlamaTokenizer(tokenizer, prefix, pad, new ArrayList<>(eos), marksWordStarts(file), cleanUp);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** The special tokens the post-processor template puts before a text (what {@code tokenizer(text)} adds). */
    private static long[] templatePrefix(HuggingFaceTokenizer tokenizer, Path file) {
        String probe = "a";
        long[] plain = tokenizer.encode(probe, false, false).getIds();
        long[] special = tokenizer.encode(probe, true, false).getIds();
        for (int start = 0; start + plain.length <= special.length; start++) {
            if (Arrays.equals(Arrays.copyOfRange(special, start, start + plain.length), plain)) {
                return Arrays.copyOf(special, start);
            }
        }
        throw new LanguageModelException(file + ": the post-processor template changes the text's own tokens; "
                + "cannot tell which special tokens it adds before a text");
    }

    /** A number-or-list field of ids; empty when the file or field is absent. */
    private static List<Integer> ids(JsonNode root, String field, Path file) {
        List<Integer> out = new ArrayList<>();
        JsonNode node = root == null ? null : root.get(field);
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            for (JsonNode id : node) {
                if (!id.canConvertToInt()) {
                    throw new LanguageModelException(file + ": \"" + field + "\" holds a non-integer " + id);
                }
                out.add(id.asInt());
            }
        } else if (node.canConvertToInt()) {
            out.add(node.asInt());
        } else {
            throw new LanguageModelException(file + ": \"" + field + "\" is neither an id nor a list of ids");
        }
        return out;
    }

    /**
     * Whether the tokenizer prepends the word-start mark "▁" to every text it encodes, as SentencePiece-style
     * tokenizers do (Llama 2, Mistral: a {@code Prepend "▁"} normalizer, or a {@code Metaspace} pre-tokenizer that
     * prepends); byte-level BPE (Llama 3, SmolLM, Qwen2) does not.
     */
    private static boolean marksWordStarts(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new LanguageModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return anyStep(root.get("normalizer"), step -> step.path("type").asText().equals("Prepend")
                && step.path("prepend").asText().equals("\u2581"))
                || anyStep(root.get("pre_tokenizer"), step -> step.path("type").asText().equals("Metaspace")
                && (step.path("add_prefix_space").asBoolean(false)
                        || List.of("always", "first").contains(step.path("prepend_scheme").asText(""))));
    }

    /** Whether the component or any step of a Sequence component matches. */
    private static boolean anyStep(JsonNode component, java.util.function.Predicate<JsonNode> test) {
        if (component == null || component.isNull()) {
            return false;
        }
        for (String list : List.of("normalizers", "pretokenizers")) {
            if (component.get(list) != null) {
                for (JsonNode step : component.get(list)) {
                    if (anyStep(step, test)) {
                        return true;
                    }
                }
            }
        }
        return test.test(component);
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new LanguageModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A special token's text: a string, or an object with "content"; null when absent or null. */
    private static String tokenContent(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        JsonNode content = node.get("content");
        return content != null && content.isTextual() ? content.asText() : null;
    }

    private static long tokenId(HuggingFaceTokenizer tokenizer, String content, Path file) {
        long[] ids = tokenizer.encode(content, false, false).getIds();
        if (ids.length != 1) {
            throw new LanguageModelException(file + " does not encode the special token '" + content
                    + "' as one token (got " + ids.length + ")");
        }
        return ids[0];
    }

    /** The token ids of a text, without special tokens. */
    public long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /**
     * The paper's option tokens ({@link OptionTokens#AUTHORS}): the continuation without one leading space, encoded
     * on its own. SentencePiece-style tokenizers mark the word start themselves (" Paris" → "▁Paris"); byte-level
     * ones give "Paris", the prompt's trailing space (when kept) having been its own "Ġ".
     */
    public long[] encodeOption(String continuation) {
        return encode(OptionTokens.answerText(continuation));
    }

    /** Whether the tokenizer prepends a word-start mark ("▁") to every text, as SentencePiece does. */
    public boolean marksWordStarts() {
        return marksWordStarts;
    }

    /** The text of token ids, special tokens left out, spaces cleaned up when the tokenizer config says so. */
    public String decode(long[] ids) {
        String text = tokenizer.decode(ids, true);
        return cleanUpSpaces ? cleanUpTokenizationSpaces(text) : text;
    }

    /** Whether decoding removes spaces before punctuation and contractions ({@code clean_up_tokenization_spaces}). */
    public boolean cleansUpSpaces() {
        return cleanUpSpaces;
    }

    /** transformers' {@code clean_up_tokenization}: spaces before punctuation and English contractions go. */
    static String cleanUpTokenizationSpaces(String text) {
        return text.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",")
                .replace(" ' ", "'").replace(" n't", "n't").replace(" 'm", "'m").replace(" 's", "'s")
                .replace(" 've", "'ve").replace(" 're", "'re");
    }

    /**
     * The text that {@code generated} adds after {@code previous} (the prompt's last token, or -1): decoding the
     * pair and removing the previous token's text keeps a leading space that SentencePiece decoders strip from the
     * start of a text.
     */
    public String continuationText(long previous, long[] generated) {
        if (previous < 0) {
            return decode(generated);
        }
        long[] pair = new long[generated.length + 1];
        pair[0] = previous;
        System.arraycopy(generated, 0, pair, 1, generated.length);
        String prefix = decode(new long[] {previous});
        String whole = decode(pair);
        return whole.startsWith(prefix) ? whole.substring(prefix.length()) : decode(generated);
    }

    /** The BOS id prepended to every sequence (the first, should a template add several), or -1 for none. */
    public long bos() {
        return bosPrefix.length == 0 ? -1 : bosPrefix[0];
    }

    /** The id used for padding (never attended to). */
    public long pad() {
        return pad;
    }

    /** The ids that end a generation. */
    public List<Integer> eos() {
        return eos;
    }

    /** The BOS prefix (the rule's tokens, usually one or none) followed by {@code ids}. */
    public long[] withBos(long[] ids) {
        long[] out = new long[bosPrefix.length + ids.length];
        System.arraycopy(bosPrefix, 0, out, 0, bosPrefix.length);
        System.arraycopy(ids, 0, out, bosPrefix.length, ids.length);
        return out;
    }

    /** The underlying DJL tokenizer. */
    public HuggingFaceTokenizer huggingFace() {
        return tokenizer;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
