package org.easy2hard.method;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.easy2hard.model.Encoder;
import org.easy2hard.model.Progress;

/**
 * Encodes many texts in one {@link Encoder#encode} call, each distinct text once (StrategyQA's "yes" and "no", for
 * example, would otherwise be encoded once per item), and hands the vectors back grouped per item.
 */
final class OptionFeatures {

    private OptionFeatures() {
    }

    /**
     * The vectors of groups of texts.
     *
     * @param encoder  the encoder
     * @param groups   per item, its texts
     * @param progress passed to the encoder
     * @return per item, one vector per text, in order
     */
    static List<float[][]> encode(Encoder encoder, List<List<String>> groups, Progress progress) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (List<String> texts : groups) {
            for (String text : texts) {
                index.putIfAbsent(text, index.size());
            }
        }
        float[][] vectors = encoder.encode(new ArrayList<>(index.keySet()), progress);
        if (vectors.length != index.size()) {
            throw new IllegalStateException("encoder returned " + vectors.length + " vectors for " + index.size()
                    + " texts");
        }
        List<float[][]> grouped = new ArrayList<>(groups.size());
        for (List<String> texts : groups) {
            float[][] item = new float[texts.size()][];
            for (int t = 0; t < item.length; t++) {
                item[t] = vectors[index.get(texts.get(t))];
            }
            grouped.add(item);
        }
        return grouped;
    }
}
