package org.easy2hard.method;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.easy2hard.model.Encoder;
import org.easy2hard.model.ModelIdentity;
import org.easy2hard.model.Progress;

/**
 * A deterministic stand-in for a real encoder: a function from text to vector, with a record of every
 * {@link #encode} call so that tests can check batching.
 */
final class FakeEncoder implements Encoder {

    private final int dimension;
    private final Function<String, float[]> features;
    private final List<List<String>> calls = new ArrayList<>();

    FakeEncoder(int dimension, Function<String, float[]> features) {
        this.dimension = dimension;
        this.features = features;
    }

    /**
     * Bag of words hashed into {@code dimension} buckets with a +1/-1 sign per word: texts sharing words get
     * similar vectors, and a word that marks an option shows up as a fixed direction.
     */
    static FakeEncoder hashedWords(int dimension) {
        return new FakeEncoder(dimension, text -> {
            float[] vector = new float[dimension];
            for (String word : text.toLowerCase().split("[^a-z0-9]+")) {
                if (!word.isEmpty()) {
                    int hash = word.hashCode();
                    vector[Math.floorMod(hash, dimension)] += (hash >>> 16 & 1) == 0 ? 1f : -1f;
                }
            }
            return vector;
        });
    }

    /** Every call's texts, in call order. */
    List<List<String>> calls() {
        return calls;
    }

    @Override
    public ModelIdentity identity() {
        return new ModelIdentity("fake-encoder", "test", "0".repeat(64), Map.of("dimension",
                Integer.toString(dimension)));
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[][] encode(List<String> texts, Progress progress) {
        calls.add(List.copyOf(texts));
        float[][] vectors = new float[texts.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = features.apply(texts.get(i));
            progress.update("fake encoding", i + 1, texts.size());
        }
        return vectors;
    }

    @Override
    public void close() {
        // nothing native to release
    }
}
