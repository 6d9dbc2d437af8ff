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
 * The paper's {@code learned} method for an encoder: a {@link LinearProbe} on the encoder's features of each
 * (item, option) text given by a {@link FeatureTemplate}.
 *
 * <p>{@link #fit} encodes all training texts in one batched call, fits the z-scoring on them (training data only)
 * and trains the probe; {@link Fitted#predict} encodes the test texts, applies the training z-scoring and the
 * softmax over each item's options. Test items never influence the normalisation or each other.
 *
 * <p>The encoder is borrowed, not owned: whoever made it closes it, after the last prediction.
 */
public final class LinearProbeMethod implements MultipleChoiceMethod {

    /** The paper's name of the method. */
    public static final String NAME = "learned";

    private final Encoder encoder;
    private final FeatureTemplate template;
    private final LinearProbe probe;

    /**
     * @param encoder  features of the option texts
     * @param template which text stands for an (item, option) pair
     * @param probe    the probe's hyper-parameters
     */
    public LinearProbeMethod(Encoder encoder, FeatureTemplate template, LinearProbe probe) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.template = Objects.requireNonNull(template, "template");
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** The paper's setting: the zero-shot prompt + option texts, and the probe with the paper's values. */
    public LinearProbeMethod(Encoder encoder) {
        this(encoder, FeatureTemplate.ZERO_SHOT_PROMPT, LinearProbe.builder().build());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supervised() {
        return true;
    }

    /** The method, the encoder's identity (its cache key), the feature template and the probe's settings. */
    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("method", NAME);
        settings.put("encoder", encoder.identity().cacheKey());
        settings.put("encoder.dimension", Integer.toString(encoder.dimension()));
        settings.put("feature_template", template.id());
        settings.putAll(probe.settings());
        return settings;
    }

    /**
     * Encodes the training items' option texts and fits the probe.
     *
     * @throws IllegalArgumentException when there are no training items (the probe needs labels)
     */
    /** The PyTorch engine's version and the device fits run on (resolving them loads the engine). */
    @Override
    public Map<String, String> runtime() {
        return probe.runtime();
    }

    @Override
    public FittedProbe fit(List<Item> train, long seed, Progress progress) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("the linear probe needs training items; use an unsupervised method "
                    + "for the no-training condition");
        }
        List<float[][]> features = features(train, progress);
        int[] gold = new int[train.size()];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = train.get(i).goldIndex();
        }
        return new FittedProbe(probe.fit(features, gold, seed, progress));
    }

    private List<float[][]> features(List<Item> items, Progress progress) {
        List<List<String>> texts = new ArrayList<>(items.size());
        for (Item item : items) {
            texts.add(template.texts(item));
        }
        return OptionFeatures.encode(encoder, texts, progress);
    }

    /** A trained probe bound to this method's encoder and template. */
    public final class FittedProbe implements Fitted {

        private final TrainedProbe trained;

        private FittedProbe(TrainedProbe trained) {
            this.trained = trained;
        }

        /** The normalisation, weights and training record. */
        public TrainedProbe trained() {
            return trained;
        }

        /** Encodes the items' option texts and answers each with the softmax of the probe's scores. */
        @Override
        public List<Prediction> predict(List<Item> items, Progress progress) {
            List<float[][]> features = features(items, progress);
            List<Prediction> predictions = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                predictions.add(Prediction.argmax(items.get(i).id(), trained.probabilities(features.get(i))));
            }
            return predictions;
        }

        /** {@link TrainedProbe#diagnostics()}. */
        @Override
        public Map<String, Double> diagnostics() {
            return trained.diagnostics();
        }
    }
}
