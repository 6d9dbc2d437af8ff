package org.easy2hard.model;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.easy2hard.io.Sha256;

/**
 * A deterministic pure-Java encoder for cache tests: each text's features are derived from the SHA-256 of the text,
 * so they are known without a model. Records every call it receives.
 */
final class FakeEncoder implements Encoder {

    private final ModelIdentity identity;
    private final int dimension;
    private final List<List<String>> calls = new ArrayList<>();

    FakeEncoder(int dimension) {
        this(dimension, "fake");
    }

    FakeEncoder(int dimension, String variant) {
        this.dimension = dimension;
        this.identity = new ModelIdentity("fake-encoder", "test", Sha256.of("weights"), Map.of("variant", variant));
    }

    /** The features any FakeEncoder of this dimension gives a text. */
    static float[] expected(String text, int dimension) {
        float[] features = new float[dimension];
        ByteBuffer digest = ByteBuffer.wrap(Sha256.raw(text));
        for (int k = 0; k < dimension; k++) {
            features[k] = digest.get(k % 32) / 17.0f + k;
        }
        return features;
    }

    @Override
    public ModelIdentity identity() {
        return identity;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public synchronized float[][] encode(List<String> texts, Progress progress) {
        calls.add(List.copyOf(texts));
        float[][] features = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            features[i] = expected(texts.get(i), dimension);
            progress.update("fake", i + 1, texts.size());
        }
        return features;
    }

    /** The texts of every call so far, in order. */
    synchronized List<List<String>> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
    }
}
