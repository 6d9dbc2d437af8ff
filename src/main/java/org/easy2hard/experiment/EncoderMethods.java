package org.easy2hard.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.easy2hard.method.FeatureTemplate;
import org.easy2hard.method.LinearProbe;
import org.easy2hard.method.LinearProbeMethod;
import org.easy2hard.method.SimilarityBaseline;
import org.easy2hard.model.BundledModel;
import org.easy2hard.model.CachingEncoder;
import org.easy2hard.model.Encoder;
import org.easy2hard.model.FeatureCache;
import org.easy2hard.model.Layers;
import org.easy2hard.model.OnnxEncoder;

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
    private final SimilarityBaseline baseline;

    private EncoderMethods(String modelName, Encoder probeEncoder, Encoder embeddingEncoder, FeatureTemplate template,
            LinearProbe linearProbe) {
        this.modelName = modelName;
        this.probeEncoder = probeEncoder;
        this.embeddingEncoder = embeddingEncoder;
        this.probe = new LinearProbeMethod(probeEncoder, template, linearProbe);
        this.baseline = new SimilarityBaseline(embeddingEncoder);
    }

    /**
     * Opens a model by name: a bundled encoder ({@code bge-small-en-v1.5}, the default, or
     * {@code all-MiniLM-L6-v2-q}) or a directory holding {@code model.onnx} and {@code tokenizer.json}.
     *
     * @param model    bundled model name or directory
     * @param template the feature texts of the probe
     * @param probe    the probe's optimiser settings
     * @param cache    where features are cached
     */
    public static EncoderMethods open(String model, FeatureTemplate template, LinearProbe probe, FeatureCache cache) {
        Path directory = Path.of(model);
        if (Files.isDirectory(directory)) {
            Encoder features = new CachingEncoder(OnnxEncoder.builder().setModelDirectory(directory)
                    .optLayers(Layers.MIDDLE_AND_LAST).build(), cache);
            Encoder embedding = new CachingEncoder(OnnxEncoder.builder().setModelDirectory(directory)
                    .optLayers(Layers.LAST).optNormalize(true).build(), cache);
            return new EncoderMethods(directory.getFileName().toString(), features, embedding, template, probe);
        }
        BundledModel bundled = bundled(model);
        Encoder features = new CachingEncoder(OnnxEncoder.builder().setModel(bundled)
                .optLayers(Layers.MIDDLE_AND_LAST).build(), cache);
        Encoder embedding = new CachingEncoder(OnnxEncoder.builder().setModel(bundled)
                .optLayers(Layers.LAST).optNormalize(true).build(), cache);
        return new EncoderMethods(bundled.modelName(), features, embedding, template, probe);
    }

    /**
     * A bundled model by its name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the bundled models when none matches and no such directory exists
     */
    public static BundledModel bundled(String name) {
        return Arrays.stream(BundledModel.values())
                .filter(m -> m.modelName().equalsIgnoreCase(name) || m.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bundled encoder or model directory '" + name
                        + "'; bundled: " + Arrays.stream(BundledModel.values()).map(BundledModel::modelName)
                        .collect(Collectors.joining(", "))));
    }

    /** The model's name as records show it. */
    public String modelName() {
        return modelName;
    }

    /** The linear probe (supervised). */
    public LinearProbeMethod probe() {
        return probe;
    }

    /** The similarity baseline (unsupervised). */
    public SimilarityBaseline baseline() {
        return baseline;
    }

    /** The model's identity for the manifest: weights hash and the settings of both feature kinds. */
    public Map<String, String> identity() {
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("name", probeEncoder.identity().name());
        identity.put("source", probeEncoder.identity().source());
        identity.put("weights_sha256", probeEncoder.identity().weightsSha256());
        identity.put("probe_features", probeEncoder.identity().cacheKey());
        identity.put("baseline_features", embeddingEncoder.identity().cacheKey());
        return identity;
    }

    @Override
    public void close() {
        probeEncoder.close();
        embeddingEncoder.close();
    }

    @Override
    public String toString() {
        return "EncoderMethods[" + modelName.toLowerCase(Locale.ROOT) + "]";
    }
}
