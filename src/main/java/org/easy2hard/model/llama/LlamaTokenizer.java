package org.easy2hard.model.llama;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.easy2hard.model.DjlOffline;
import org.easy2hard.model.LanguageModelException;

/**
 * A model's tokenizer ({@code tokenizer.json} through DJL's Hugging Face tokenizer) and its special tokens. Texts
 * are always encoded <em>without</em> special tokens; callers prepend {@link #bos()} themselves, once, as the paper
 * does (paper-spec §5.1).
 *
 * <p>Which BOS: the {@code bos_token} of {@code tokenizer_config.json} when that file exists (a null or absent
 * {@code bos_token} there means the tokenizer has none, as for Qwen2), else the config's {@code bos_token_id}. This
 * is what Hugging Face's {@code tokenizer.bos_token_id} gives, the test the paper's code applies.
 */
public final class LlamaTokenizer implements AutoCloseable {

    static {
        // Before this class touches DJL: keep it offline and untracked unless the user chose otherwise.
        DjlOffline.ensure();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final long bos;
    private final long pad;
    private final List<Integer> eos;
    private final boolean marksWordStarts;

    private LlamaTokenizer(HuggingFaceTokenizer tokenizer, long bos, long pad, List<Integer> eos,
            boolean marksWordStarts) {
        this.tokenizer = tokenizer;
        this.bos = bos;
        this.pad = pad;
        this.eos = List.copyOf(eos);
        this.marksWordStarts = marksWordStarts;
    }

    /**
     * Loads {@code tokenizer.json} (and {@code tokenizer_config.json} when present) from a model directory.
     *
     * @param config     the model's config (fallback BOS id, EOS ids)
     * @param prependBos null to follow the tokenizer, or an explicit choice
     */
    public static LlamaTokenizer load(Path directory, LlamaConfig config, Boolean prependBos) {
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
            JsonNode tokenizerConfig = readTokenizerConfig(directory.resolve("tokenizer_config.json"));
            long bos = -1;
            if (tokenizerConfig != null) {
                String content = tokenContent(tokenizerConfig.get("bos_token"));
                if (content != null) {
                    bos = tokenId(tokenizer, content, file);
                }
            } else if (config.bosTokenId() >= 0) {
                bos = config.bosTokenId();
            }
            if (Boolean.FALSE.equals(prependBos)) {
                bos = -1;
            } else if (Boolean.TRUE.equals(prependBos) && bos < 0) {
                if (config.bosTokenId() < 0) {
                    throw new LanguageModelException("a BOS token was asked for, but neither " + directory
                            + "/tokenizer_config.json nor config.json names one");
                }
                bos = config.bosTokenId();
            }
            // Pad = unk, otherwise eos (paper-spec §5.1); padding is masked, so only validity matters.
            long pad = 0;
            String unk = tokenizerConfig == null ? null : tokenContent(tokenizerConfig.get("unk_token"));
            if (unk != null) {
                pad = tokenId(tokenizer, unk, file);
            } else if (!config.eosTokenIds().isEmpty()) {
                pad = config.eosTokenIds().get(0);
            }
            return new LlamaTokenizer(tokenizer, bos, pad, config.eosTokenIds(), marksWordStarts(file));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
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

    private static JsonNode readTokenizerConfig(Path file) {
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
     * The token ids of a continuation scored after a separately tokenized context. Byte-level tokenizers encode it
     * as written (" Paris" → "ĠParis", the token the joined text has). SentencePiece-style tokenizers put a
     * word-start mark before every text they encode, so one leading space is dropped first (" Paris" → "▁Paris",
     * not "▁", "▁Paris"): the option tokens the paper's separate tokenization gives (paper-spec §5.3, §9 item 1).
     */
    public long[] encodeContinuation(String text) {
        return encode(marksWordStarts && text.startsWith(" ") ? text.substring(1) : text);
    }

    /** Whether the tokenizer prepends a word-start mark ("▁") to every text, as SentencePiece does. */
    public boolean marksWordStarts() {
        return marksWordStarts;
    }

    /** The text of token ids, special tokens left out. */
    public String decode(long[] ids) {
        return tokenizer.decode(ids, true);
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

    /** The BOS id prepended to every sequence, or -1 for none. */
    public long bos() {
        return bos;
    }

    /** The id used for padding (never attended to). */
    public long pad() {
        return pad;
    }

    /** The ids that end a generation. */
    public List<Integer> eos() {
        return eos;
    }

    /** {@code [BOS] + ids} when there is a BOS, else {@code ids}. */
    public long[] withBos(long[] ids) {
        if (bos < 0) {
            return ids.clone();
        }
        long[] out = new long[ids.length + 1];
        out[0] = bos;
        System.arraycopy(ids, 0, out, 1, ids.length);
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
