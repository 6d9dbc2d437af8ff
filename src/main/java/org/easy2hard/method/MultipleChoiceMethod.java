package org.easy2hard.method;

import java.util.List;
import java.util.Map;
import org.easy2hard.data.Item;
import org.easy2hard.model.Progress;

/**
 * A way of answering multiple-choice items, supervised or not: the linear probe, the encoder similarity baseline,
 * later zero-shot / in-context prompting and fine-tuning. The experiment runner calls {@link #fit} once per
 * bootstrap and train pool, then {@link Fitted#predict} on that draw's test items.
 */
public interface MultipleChoiceMethod {

    /** The paper's method name where there is one ({@code learned}, {@code decoding}, ...) or a new one. */
    String name();

    /** Whether {@link #fit} uses its training items; false for unsupervised baselines. */
    boolean supervised();

    /**
     * Everything that determines this method's output (hyper-parameters, the model's identity, the feature
     * template), for the run manifest and to refuse resuming a run with different settings.
     */
    Map<String, String> settings();

    /**
     * Where the method computes, for the run manifest's provenance: engine, its version, device. Unlike
     * {@link #settings()}, a different runtime does not stop a run from resuming.
     */
    default Map<String, String> runtime() {
        return Map.of();
    }

    /**
     * Fits the method on labelled training items (ignored by unsupervised methods).
     *
     * @param train    training items, each with its gold option; empty for the unsupervised condition
     * @param seed     seed of everything random in fitting (initialisation, shuffling)
     * @param progress reports of long work (feature extraction, epochs)
     */
    Fitted fit(List<Item> train, long seed, Progress progress);

    /** A fitted method, ready to answer items. */
    interface Fitted {

        /** One prediction per item, in order. */
        List<Prediction> predict(List<Item> items, Progress progress);

        /** Diagnostics of the fit for the run records, e.g. final training loss and weight norm. */
        default Map<String, Double> diagnostics() {
            return Map.of();
        }
    }
}
