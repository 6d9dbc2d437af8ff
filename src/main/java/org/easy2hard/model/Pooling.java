package org.easy2hard.model;

/**
 * How one vector is made from a text's token states: as the model was trained to be used. BGE models use the
 * state of the first ({@code [CLS]}) token; sentence-transformers MiniLM models average the states of the real
 * (non-padding) tokens.
 */
public enum Pooling {

    /** The state at position 0, the {@code [CLS]} token. */
    CLS {
        @Override
        void pool(float[] states, int row, int sequenceLength, int hidden, long[] mask, float[] into, int offset) {
            System.arraycopy(states, row * sequenceLength * hidden, into, offset, hidden);
        }
    },

    /** The mean of the states whose attention mask is 1 (padding excluded). */
    MEAN {
        @Override
        void pool(float[] states, int row, int sequenceLength, int hidden, long[] mask, float[] into, int offset) {
            // Sum in double: the order of float additions would otherwise make long texts differ in the last bits
            // from an independent implementation, and the division happens once at the end.
            double[] sum = new double[hidden];
            int count = 0;
            int base = row * sequenceLength;
            for (int position = 0; position < sequenceLength; position++) {
                if (mask[base + position] == 0) {
                    continue;
                }
                count++;
                int start = (base + position) * hidden;
                for (int k = 0; k < hidden; k++) {
                    sum[k] += states[start + k];
                }
            }
            // A text always has at least [CLS] and [SEP]; guard anyway so an empty mask gives zeros, not NaN.
            double scale = count == 0 ? 0.0 : 1.0 / count;
            for (int k = 0; k < hidden; k++) {
                into[offset + k] = (float) (sum[k] * scale);
            }
        }
    };

    /**
     * Pools the token states of one text of a batch.
     *
     * @param states         the batch's states, row-major {@code [batch, sequenceLength, hidden]}
     * @param row            which text of the batch
     * @param sequenceLength padded sequence length of the batch
     * @param hidden         state width
     * @param mask           attention mask, row-major {@code [batch, sequenceLength]}, 1 for real tokens
     * @param into           where the pooled vector goes
     * @param offset         index in {@code into} of its first element
     */
    abstract void pool(float[] states, int row, int sequenceLength, int hidden, long[] mask, float[] into, int offset);

    /**
     * Pools the token states of every text of a batch.
     *
     * @param states         row-major {@code [batch, sequenceLength, hidden]}
     * @param batch          number of texts
     * @param sequenceLength padded sequence length
     * @param hidden         state width
     * @param mask           row-major {@code [batch, sequenceLength]}, 1 for real tokens, 0 for padding
     * @return one vector of {@code hidden} floats per text
     */
    public float[][] pool(float[] states, int batch, int sequenceLength, int hidden, long[] mask) {
        if (states.length != (long) batch * sequenceLength * hidden || mask.length != batch * sequenceLength) {
            throw new IllegalArgumentException("states of length " + states.length + " and mask of length "
                    + mask.length + " do not fit [" + batch + ", " + sequenceLength + ", " + hidden + "]");
        }
        float[][] pooled = new float[batch][hidden];
        for (int row = 0; row < batch; row++) {
            pool(states, row, sequenceLength, hidden, mask, pooled[row], 0);
        }
        return pooled;
    }
}
