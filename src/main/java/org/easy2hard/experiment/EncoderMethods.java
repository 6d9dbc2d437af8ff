package org.easy2hard.experiment;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.easy2hard.method.FeatureTemplate;
import org.easy2hard.method.LinearProbe;
import org.easy2hard.method.LinearProbeMethod;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.method.SimilarityBaseline;
import org.easy2hard.method.prompt.ZeroShotPrompting;
import org.easy2hard.model.CachingEncoder;
import org.easy2hard.model.Encoder;
import org.easy2hard.model.FeatureCache;
import org.easy2hard.model.Layers;
import org.easy2hard.model.ModelReference;
import org.easy2hard.model.llama.LlamaModel;
import org.easy2hard.model.open.ModelOpener;

/**
 * The two methods of an encoder experiment, wired to one model: the paper's linear probe on middle + last layer
 * features of (zero-shot prompt + option), and the unsupervised similarity baseline on the model's own sentence
 * embedding (last layer, pooled as trained, normalised). Both read through the on-disk feature cache, so reruns
 * reuse features. Close it to release the ONNX sessions.
 */
public final class EncoderMethods implements AutoCloseable {

    private final String modelName;
    private final Encoder probeEncoder;
    private final Encoder embeddingEncoder;
    private final LinearProbeMethod probe;
    private final MultipleChoiceMethod baseline;

    private EncoderMethods(String modelName, Encoder probeEncoder, Encoder embeddingEncoder, FeatureTemplate template,
            LinearProbe linearProbe) {
        this.modelName = modelName;
        this.probeEncoder = probeEncoder;
        this.embeddingEncoder = embeddingEncoder;
        this.probe = new LinearProbeMethod(probeEncoder, template, linearProbe);
        this.baseline = new SimilarityBaseline(embeddingEncoder);
    }

    /** A causal LM's methods: the probe on its hidden states, zero-shot prompting of the same model as baseline. */
    private EncoderMethods(String modelName, LlamaModel model, FeatureCache cache, FeatureTemplate template,
            LinearProbe linearProbe) {
        this.modelName = modelName;
        this.probeEncoder = new CachingEncoder(model, cache);
        this.embeddingEncoder = null;
        this.probe = new LinearProbeMethod(probeEncoder, template, linearProbe);
        this.baseline = new ZeroShotPrompting(model);
    }

    /**
     * Opens a model by name: a bundled encoder ({@code bge-small-en-v1.5}, the default, or
     * {@code all-MiniLM-L6-v2-q}), a directory holding {@code model.onnx} and {@code tokenizer.json}, or a causal LM
     * ({@code hf:owner/name[@revision]} or a Hugging Face directory with {@code config.json}). For a causal LM the
     * probe reads its middle and last hidden states (paper-spec §5.5) and the unsupervised baseline is zero-shot
     * prompting of the same model, as in the paper; for an encoder it is the similarity baseline.
     *
     * @param model    bundled model name or directory
     * @param template the feature texts of the probe
     * @param probe    the probe's optimiser settings
     * @param cache    where features are cached
     */
    public static EncoderMethods open(String model, FeatureTemplate template, LinearProbe probe, FeatureCache cache) {
        ModelReference reference = ModelReference.parse(model);
        if (reference.isInJvmCausal()) {
            LlamaModel llama = ModelOpener.openInJvm(reference);
            return new EncoderMethods(llama.identity().name(), llama, cache, template, probe);
        }
        Encoder features = new CachingEncoder(ModelOpener.openEncoder(reference, Layers.MIDDLE_AND_LAST, false), cache);
        Encoder embedding = new CachingEncoder(ModelOpener.openEncoder(reference, Layers.LAST, true), cache);
        return new EncoderMethods(reference.name(), features, embedding, template, probe);
    }

    /** The model's name as records show it. */
    public String modelName() {
        return modelName;
    }

    /** The linear probe (supervised). */
    public LinearProbeMethod probe() {
        return probe;
    }

    /** The unsupervised baseline: the similarity baseline of an encoder, zero-shot prompting of a causal LM. */
    public MultipleChoiceMethod baseline() {
        return baseline;
    }

    /** The model's identity for the manifest: weights hash and the settings of both feature kinds. */
    public Map<String, String> identity() {
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("name", probeEncoder.identity().name());
        identity.put("source", probeEncoder.identity().source());
        identity.put("weights_sha256", probeEncoder.identity().weightsSha256());
        identity.put("probe_features", probeEncoder.identity().cacheKey());
        identity.put("baseline", embeddingEncoder != null ? embeddingEncoder.identity().cacheKey()
                : "zero-shot prompting of " + probeEncoder.identity().cacheKey());
        return identity;
    }

    @Override
    public void close() {
        probeEncoder.close();
        if (embeddingEncoder != null) {
            embeddingEncoder.close();
        }
    }

    @Override
    public String toString() {
        return "EncoderMethods[" + modelName.toLowerCase(Locale.ROOT) + "]";
    }
}
