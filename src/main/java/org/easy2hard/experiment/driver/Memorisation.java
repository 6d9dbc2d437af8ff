package org.easy2hard.experiment.driver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.Item;
import org.easy2hard.model.LanguageModel;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.LogLikelihood;
import org.easy2hard.model.LogLikelihoodRequest;
import org.easy2hard.model.Progress;

/**
 * Per-item memorisation scores from a causal language model's token log-probabilities, the contamination signals
 * the review of the paper asks about (ARC and MMLU are among the most contaminated benchmarks of web-scale
 * pre-training data). Two scores per item, both natural-log probabilities (&le; 0, higher = more familiar):
 *
 * <ul>
 *   <li><b>Min-K% Prob</b> (Shi et al., 2023, "Detecting Pretraining Data from Large Language Models"): the mean of
 *       the k% lowest token log-probabilities of the question text, k = 20 by default. A text seen in training has
 *       few very surprising tokens, so its lowest log-probabilities are higher than those of an unseen text. The
 *       question is scored as the continuation {@code " " + question} of the fixed context {@value #QUESTION_PREFIX}
 *       so that every backend predicts the question's first token (a model without a BOS token has nothing to
 *       predict it from). The k% are {@code max(1, floor(k · n / 100))} of the question's n tokens: the reference
 *       implementation's floor, with at least one token so that short questions get a score.</li>
 *   <li><b>Answer log-likelihood</b>: log p(gold answer's exact text | truncated question). Truncation rule: the
 *       question's first {@code max(1, ceil(keep · w))} whitespace-separated words of its w words are kept (keep =
 *       0.5 by default), so the answer cannot simply be read off or reasoned out of the whole question; the context
 *       is {@code "Question: " + kept words + "\nAnswer:"} and the continuation {@code " " + answer}. A model that
 *       memorised the item recalls its answer from the question's start; the value is the sum over the answer's
 *       tokens, not length-normalised (so long answers score lower whatever the model saw; the quantile bins of
 *       one dataset compare like with like only as far as answer lengths are alike).</li>
 * </ul>
 *
 * <p>Every request is scored on its own (its context is fixed by the item alone), so an item's scores do not depend
 * on which other items are scored or in which order, up to the backend's batch arithmetic (the in-JVM model pads
 * batches; results agree to float precision).
 *
 * <p>As hardness measures the scores are negated ({@link MemorisationScores}): a familiar item is "easy".
 */
public final class Memorisation {

    /** The fixed context before the scored question text. */
    public static final String QUESTION_PREFIX = "Question:";
    /** Shi et al.'s default k, in percent. */
    public static final double DEFAULT_K = 20;
    /** The share of the question's words kept before the answer, by default. */
    public static final double DEFAULT_KEEP = 0.5;

    private Memorisation() {
    }

    /**
     * The scoring settings.
     *
     * @param kPercent k of Min-K% Prob, in (0, 100]
     * @param keep     the share of the question's words kept before the answer, in (0, 1]
     */
    public record Options(double kPercent, double keep) {

        /** Checks the ranges: the one-line errors a user sees before any scoring. */
        public Options {
            if (!(kPercent > 0 && kPercent <= 100)) {
                throw new IllegalArgumentException("k of Min-K% Prob must be in (0, 100] percent, got " + kPercent);
            }
            if (!(keep > 0 && keep <= 1)) {
                throw new IllegalArgumentException("the kept share of the question before the answer must be in "
                        + "(0, 1], got " + keep);
            }
        }

        /** k = 20, keep = 0.5. */
        public static Options defaults() {
            return new Options(DEFAULT_K, DEFAULT_KEEP);
        }
    }

    /**
     * Min-K% Prob of a text's token log-probabilities: the mean of its {@code max(1, floor(k · n / 100))} lowest.
     *
     * @throws IllegalArgumentException for no tokens, a non-finite value or k outside (0, 100]
     */
    public static double minKPercent(double[] tokenLogProbabilities, double kPercent) {
        new Options(kPercent, DEFAULT_KEEP);
        if (tokenLogProbabilities.length == 0) {
            throw new IllegalArgumentException("Min-K% Prob needs at least one token log-probability");
        }
        double[] sorted = tokenLogProbabilities.clone();
        for (double value : sorted) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a token log-probability is " + value + ": Min-K% Prob needs "
                        + "finite values");
            }
        }
        Arrays.sort(sorted);
        int count = Math.max(1, (int) Math.floor(kPercent * sorted.length / 100.0));
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += sorted[i];
        }
        return sum / count;
    }

    /** The request whose per-token log-probabilities give an item's Min-K% Prob. */
    public static LogLikelihoodRequest questionRequest(Item item) {
        return new LogLikelihoodRequest(QUESTION_PREFIX, " " + item.question().strip());
    }

    /** The request whose log-probability is an item's answer log-likelihood (the truncation rule above). */
    public static LogLikelihoodRequest answerRequest(Item item, double keep) {
        String[] words = item.question().strip().split("\\s+");
        int kept = Math.max(1, (int) Math.ceil(keep * words.length));
        String truncated = String.join(" ", Arrays.asList(words).subList(0, Math.min(kept, words.length)));
        return new LogLikelihoodRequest("Question: " + truncated + "\nAnswer:", " " + item.answer().strip());
    }

    /**
     * Scores every item of {@code probing} with {@code model} (not closed here). The settings, the items and the
     * model's ability to return token log-probabilities (one request for the first item) are checked before the
     * rest is scored.
     *
     * @param probing   the items; each needs a question and a gold answer text
     * @param model     a causal language model returning per-token log-probabilities of prompts
     * @param modelName the model's name in tables
     * @param options   k and the truncation
     * @param progress  told of the scoring
     * @throws IllegalArgumentException for an empty set, an item without question or answer, or a model that
     *                                  returns no token log-probabilities
     */
    public static MemorisationScores score(Dataset probing, LanguageModel model, String modelName, Options options,
            Progress progress) {
        Objects.requireNonNull(probing, "probing");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        List<Item> items = probing.items();
        if (items.isEmpty()) {
            throw new IllegalArgumentException(probing.name() + " has no items to score for memorisation");
        }
        for (Item item : items) {
            if (item.question().isBlank() || item.answer().isBlank()) {
                throw new IllegalArgumentException("item " + item.id() + " of " + probing.name() + " has an empty "
                        + (item.question().isBlank() ? "question" : "gold answer")
                        + ": memorisation scores need both");
            }
        }
        // One request first, so that a backend without prompt log-probabilities fails before the long part.
        checkLogProbabilities(model, modelName, questionRequest(items.get(0)));
        List<LogLikelihoodRequest> requests = new ArrayList<>(2 * items.size());
        for (Item item : items) {
            requests.add(questionRequest(item));
            requests.add(answerRequest(item, options.keep()));
        }
        List<LogLikelihood> results = model.logLikelihoods(requests, progress);
        Map<String, Double> minK = new LinkedHashMap<>();
        Map<String, Double> answer = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String id = items.get(i).id();
            minK.put(id, minKPercent(results.get(2 * i).tokenLogProbabilities(), options.kPercent()));
            answer.put(id, results.get(2 * i + 1).logProbability());
        }
        return new MemorisationScores(modelName, options, minK, answer);
    }

    private static void checkLogProbabilities(LanguageModel model, String modelName, LogLikelihoodRequest probe) {
        LogLikelihood result;
        try {
            result = model.logLikelihoods(List.of(probe)).get(0);
        } catch (LanguageModelException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("model " + modelName + " returns no token log-probabilities, which "
                    + "memorisation scores need (an in-JVM Llama model, or a server that echoes prompt log-probs): "
                    + e.getMessage(), e);
        }
        for (double value : result.tokenLogProbabilities()) {
            if (!Double.isFinite(value) || value > 1e-9) {
                throw new IllegalArgumentException("model " + modelName + " returned the token log-probability "
                        + value + " for the question of the first item: memorisation scores need finite values <= 0");
            }
        }
    }
}
