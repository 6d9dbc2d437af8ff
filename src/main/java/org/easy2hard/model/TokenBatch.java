package org.easy2hard.model;

import ai.djl.huggingface.tokenizers.Encoding;

/**
 * A tokenised batch padded to its longest text, as the three BERT inputs in row-major {@code [batch, length]}
 * arrays.
 *
 * @param batch         number of texts
 * @param length        padded sequence length
 * @param inputIds      token ids
 * @param attentionMask 1 for real tokens, 0 for padding
 * @param typeIds       segment ids (all 0 for single texts)
 */
record TokenBatch(int batch, int length, long[] inputIds, long[] attentionMask, long[] typeIds) {

    /** The graph inputs a batch can feed. */
    static final java.util.Set<String> INPUTS = java.util.Set.of("input_ids", "attention_mask", "token_type_ids");

    /** Flattens the tokenizer's encodings, which must all have the same (padded) length. */
    static TokenBatch of(Encoding[] encodings) {
        int batch = encodings.length;
        int length = batch == 0 ? 0 : encodings[0].getIds().length;
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        long[] types = new long[batch * length];
        for (int row = 0; row < batch; row++) {
            Encoding encoding = encodings[row];
            if (encoding.getIds().length != length) {
                throw new IllegalStateException("tokenizer did not pad the batch: lengths " + length + " and "
                        + encoding.getIds().length);
            }
            System.arraycopy(encoding.getIds(), 0, ids, row * length, length);
            System.arraycopy(encoding.getAttentionMask(), 0, mask, row * length, length);
            System.arraycopy(encoding.getTypeIds(), 0, types, row * length, length);
        }
        return new TokenBatch(batch, length, ids, mask, types);
    }

    /** The input array a graph input of this name takes. */
    long[] input(String name) {
        return switch (name) {
            case "input_ids" -> inputIds;
            case "attention_mask" -> attentionMask;
            case "token_type_ids" -> typeIds;
            default -> throw new EncoderException("the encoder cannot feed graph input '" + name
                    + "' (it feeds input_ids, attention_mask and token_type_ids)");
        };
    }
}
