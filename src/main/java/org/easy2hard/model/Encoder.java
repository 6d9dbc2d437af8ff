package org.easy2hard.model;

import java.util.List;

/**
 * Text in, hidden-state features out: the representation a linear probe is trained on. Implementations batch,
 * truncate and pool internally; callers pass any number of texts and get one vector per text, in order.
 *
 * <p>Encoders hold native resources (an ONNX session, a tokenizer); close them when done.
 */
public interface Encoder extends AutoCloseable {

    /** What produced the features: part of every cache key and run manifest. */
    ModelIdentity identity();

    /** Length of every feature vector (e.g. 768 for bge-small's middle + last layer, 2 × 384). */
    int dimension();

    /**
     * Features of each text, in order.
     *
     * @param texts    the texts; may be empty
     * @param progress told how many of the texts are done as work proceeds (never null; use {@link Progress#NONE})
     * @return one vector of {@link #dimension()} floats per text
     */
    float[][] encode(List<String> texts, Progress progress);

    /** As {@link #encode(List, Progress)} without progress reports. */
    default float[][] encode(List<String> texts) {
        return encode(texts, Progress.NONE);
    }

    /** Releases native resources; the encoder cannot be used afterwards. */
    @Override
    void close();
}
