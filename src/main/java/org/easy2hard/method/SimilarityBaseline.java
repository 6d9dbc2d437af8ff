package org.easy2hard.method;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.easy2hard.data.Item;
import org.easy2hard.model.Encoder;
import org.easy2hard.model.Progress;

/**
 * The unsupervised baseline for an encoder, in the role the paper gives zero-shot prompting ({@code decoding} with
 * k = 0, the "Unsupervised" arm of SGR): it answers with no training at all, from what the pretrained model already
 * encodes. A sentence encoder cannot score an answer's likelihood, so the analogue is its own pretraining objective:
 * how close the answer's embedding is to the question's.
 *
 * <p>For each item: the embedding q of the <b>plain question text</b> and the embedding a_o of each <b>plain option
 * text</b>; score_o = cos(q, a_o); p = softmax(score / tau); prediction = argmax. Plain texts, not the paper's
 * prompt: a prompt would list every option inside the question's text (diluting q toward all options equally) and
 * add the same scaffolding ("Question:", "Answer:") to every text; sentence encoders were trained to match a query
 * with a passage as bare texts. This is also the baseline measured while planning (feasibility.md, "U").
 *
 * <p>tau defaults to {@link #DEFAULT_TEMPERATURE} = 0.05, the inverse of the default similarity scale (20) of
 * sentence-transformers' in-batch contrastive loss (MultipleNegativesRankingLoss), the kind of objective these
 * sentence encoders were trained with: p then reads as the encoder's own query-passage matching distribution
 * restricted to the options, rather than the near-uniform softmax of raw cosines (which differ by a few hundredths).
 * tau changes only the probabilities (label confidence), never the chosen option.
 *
 * <p>{@link #fit} ignores its items: nothing is learned. The encoder is borrowed, not owned.
 */
public final class SimilarityBaseline implements MultipleChoiceMethod {

    /** The method's name. */
    public static final String NAME = "similarity";
    /** The default softmax temperature applied to cosine similarities. */
    public static final double DEFAULT_TEMPERATURE = 0.05;

    private final Encoder encoder;
    private final double temperature;

    /** The baseline with the default temperature. */
    public SimilarityBaseline(Encoder encoder) {
        this(encoder, DEFAULT_TEMPERATURE);
    }

    /**
     * @param encoder     embeds questions and options
     * @param temperature tau in softmax(cosine / tau); positive
     */
    public SimilarityBaseline(Encoder encoder, double temperature) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite: " + temperature);
        }
        this.temperature = temperature;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supervised() {
        return false;
    }

    /** The method, the encoder's identity (its cache key), the texts compared and the temperature. */
    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("method", NAME);
        settings.put("encoder", encoder.identity().cacheKey());
        settings.put("encoder.dimension", Integer.toString(encoder.dimension()));
        settings.put("similarity", "cosine(plain question, plain option)");
        settings.put("temperature", Double.toString(temperature));
        settings.put("role", "unsupervised baseline (paper: decoding, k=0)");
        return settings;
    }

    /** Nothing to learn: the items and the seed are ignored. */
    @Override
    public Fitted fit(List<Item> train, long seed, Progress progress) {
        return this::predict;
    }

    private List<Prediction> predict(List<Item> items, Progress progress) {
        List<List<String>> texts = new ArrayList<>(items.size());
        for (Item item : items) {
            if (!item.isMultipleChoice()) {
                throw new IllegalArgumentException("item " + item.id() + " has no options to choose from");
            }
            List<String> group = new ArrayList<>(item.options().size() + 1);
            group.add(item.question());
            group.addAll(item.options());
            texts.add(group);
        }
        List<float[][]> vectors = OptionFeatures.encode(encoder, texts, progress);
        List<Prediction> predictions = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            float[][] group = vectors.get(i);
            double[] similarities = new double[group.length - 1];
            for (int o = 0; o < similarities.length; o++) {
                similarities[o] = cosine(group[0], group[o + 1]);
            }
            predictions.add(Prediction.argmax(items.get(i).id(), Softmax.of(similarities, temperature)));
        }
        return predictions;
    }

    /** Cosine similarity in double precision; 0 when either vector is zero. */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int j = 0; j < a.length; j++) {
            dot += (double) a[j] * b[j];
            aa += (double) a[j] * a[j];
            bb += (double) b[j] * b[j];
        }
        return aa == 0 || bb == 0 ? 0.0 : dot / Math.sqrt(aa * bb);
    }
}
