package org.easy2hard.model.openai;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny deterministic language model whose probabilities a test can write down by hand.
 *
 * <p><b>Vocabulary</b> (token ids in this order): the 95 printable ASCII characters (space = id 0 ... '~' = id 94),
 * then the words of {@link #WORDS}, then the end-of-sequence token {@value #EOS}: {@value #VOCABULARY_SIZE} tokens.
 * Texts are tokenized greedily, longest word first, else one character. A character outside printable ASCII (a
 * newline, an accented letter) is a token of its own outside the table, id {@value #VOCABULARY_SIZE} + its code: it
 * gets the weight 1 of any unlisted pair when it follows, and its row is the default one; generation never picks it.
 * That keeps real dataset prompts scoreable (the hand-computed tests use ASCII only).
 *
 * <p><b>Probabilities.</b> Every (previous, next) pair has weight 1 except those in {@link #weights()};
 * p(next | previous) = weight / the sum of the previous token's weights over the whole vocabulary. The table
 * (previous → next: weight, with the normaliser Z):
 * <pre>
 *   &lt;s&gt;      → "Question": 5                      Z = 104 + 5  = 109
 *   " the"   → " cat": 20, " mat": 10            Z = 103 + 30 = 133
 *   " cat"   → " sat": 30                        Z = 104 + 30 = 134
 *   " sat"   → " on": 30                         Z = 134
 *   " on"    → " the": 30                        Z = 134
 *   " mat"   → &lt;/s&gt;: 50                         Z = 104 + 50 = 154
 *   ":"      → " yes": 8, " no": 4               Z = 103 + 12 = 115
 *   any other token: all weights 1               Z = 105
 * </pre>
 * The most probable next token is the heaviest, ties going to the lowest id (so a space after unlisted tokens).
 * With {@code bos} the model conditions a text's first token on {@value #BOS}; without it the first token has no
 * probability.
 */
public final class BigramLanguageModel {

    /** The beginning-of-sequence token (conditioned on, never predicted). */
    public static final String BOS = "<s>";
    /** The end-of-sequence token. */
    public static final String EOS = "</s>";
    /** The multi-character tokens. */
    public static final List<String> WORDS = List.of(" the", " cat", " sat", " on", " mat", " yes", " no", "Question",
            "Answer");
    /** Characters + words + EOS. */
    public static final int VOCABULARY_SIZE = 95 + 9 + 1;

    private final boolean bos;
    private final List<String> vocabulary = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, Map<String, Double>> weights = new LinkedHashMap<>();
    private final List<String> wordsLongestFirst;

    /** @param bos whether texts start with {@value #BOS} */
    public BigramLanguageModel(boolean bos) {
        this.bos = bos;
        for (char c = ' '; c <= '~'; c++) {
            add(String.valueOf(c));
        }
        WORDS.forEach(this::add);
        add(EOS);
        weights.put(BOS, Map.of("Question", 5.0));
        weights.put(" the", Map.of(" cat", 20.0, " mat", 10.0));
        weights.put(" cat", Map.of(" sat", 30.0));
        weights.put(" sat", Map.of(" on", 30.0));
        weights.put(" on", Map.of(" the", 30.0));
        weights.put(" mat", Map.of(EOS, 50.0));
        weights.put(":", Map.of(" yes", 8.0, " no", 4.0));
        wordsLongestFirst = WORDS.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    private void add(String token) {
        ids.put(token, vocabulary.size());
        vocabulary.add(token);
    }

    /** Whether texts start with BOS. */
    public boolean bos() {
        return bos;
    }

    /** The explicit weights (previous → next → weight). */
    public Map<String, Map<String, Double>> weights() {
        return weights;
    }

    /** A token's id. */
    public int id(String token) {
        Integer id = ids.get(token);
        if (id == null && token.length() == 1 && outsideTable(token.charAt(0))) {
            return VOCABULARY_SIZE + token.charAt(0);
        }
        if (id == null) {
            throw new IllegalArgumentException("not a token: '" + token + "'");
        }
        return id;
    }

    /** The token of an id ({@link #id}'s inverse; the loopback's BOS id is {@link #VOCABULARY_SIZE}). */
    public String token(int id) {
        if (id == VOCABULARY_SIZE) {
            return BOS;
        }
        if (id > VOCABULARY_SIZE) {
            return String.valueOf((char) (id - VOCABULARY_SIZE));
        }
        return vocabulary.get(id);
    }

    /** The tokens of a text (no BOS). */
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int at = 0;
        outer:
        while (at < text.length()) {
            for (String word : wordsLongestFirst) {
                if (text.startsWith(word, at)) {
                    tokens.add(word);
                    at += word.length();
                    continue outer;
                }
            }
            tokens.add(String.valueOf(text.charAt(at)));
            at++;
        }
        return tokens;
    }

    private static boolean outsideTable(char c) {
        return c < ' ' || c > '~';
    }

    private double weight(String previous, String next) {
        return weights.getOrDefault(previous, Map.of()).getOrDefault(next, 1.0);
    }

    private double normaliser(String previous) {
        Map<String, Double> row = weights.getOrDefault(previous, Map.of());
        return VOCABULARY_SIZE - row.size() + row.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** ln p(next | previous). */
    public double logProb(String previous, String next) {
        id(next);
        return Math.log(weight(previous, next) / normaliser(previous));
    }

    /** The most probable token after {@code previous}. */
    public String argmax(String previous) {
        String best = vocabulary.get(0);
        for (String token : vocabulary) {
            if (weight(previous, token) > weight(previous, best)) {
                best = token;
            }
        }
        return best;
    }

    /** 1 + the number of tokens strictly more probable than {@code next} after {@code previous}. */
    public int rank(String previous, String next) {
        double w = weight(previous, next);
        int rank = 1;
        for (String token : vocabulary) {
            if (weight(previous, token) > w) {
                rank++;
            }
        }
        return rank;
    }
}
