package org.easy2hard.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.List;

/**
 * DJL translator between a tokenised batch and pooled features: feeds the graph inputs by name, then pools each
 * requested hidden-state output over the attention mask and concatenates the pooled vectors per text (output order:
 * as listed, e.g. middle then last layer). The whole batch goes through the graph in one call, so DJL's own
 * batchifier is not used.
 */
final class HiddenStateTranslator implements NoBatchifyTranslator<TokenBatch, float[][]> {

    private static final String TOKENS = "tokens";

    private final List<String> graphInputs;
    private final List<String> stateOutputs;
    private final Pooling pooling;
    private final boolean normalize;
    private final int hidden;

    /**
     * @param graphInputs  the graph's inputs, all of which are fed
     * @param stateOutputs graph outputs holding {@code [batch, length, hidden]} states, pooled in this order
     * @param pooling      how token states become one vector
     * @param normalize    whether each pooled vector is scaled to unit L2 norm (per layer)
     * @param hidden       state width
     */
    HiddenStateTranslator(List<String> graphInputs, List<String> stateOutputs, Pooling pooling, boolean normalize,
                          int hidden) {
        this.graphInputs = List.copyOf(graphInputs);
        this.stateOutputs = List.copyOf(stateOutputs);
        this.pooling = pooling;
        this.normalize = normalize;
        this.hidden = hidden;
    }

    @Override
    public NDList processInput(TranslatorContext context, TokenBatch tokens) {
        NDManager manager = context.getNDManager();
        NDList inputs = new NDList(graphInputs.size());
        Shape shape = new Shape(tokens.batch(), tokens.length());
        for (String name : graphInputs) {
            NDArray array = manager.create(tokens.input(name), shape);
            array.setName(name);
            inputs.add(array);
        }
        context.setAttachment(TOKENS, tokens);
        return inputs;
    }

    @Override
    public float[][] processOutput(TranslatorContext context, NDList outputs) {
        TokenBatch tokens = (TokenBatch) context.getAttachment(TOKENS);
        float[][] features = new float[tokens.batch()][hidden * stateOutputs.size()];
        for (int k = 0; k < stateOutputs.size(); k++) {
            String name = stateOutputs.get(k);
            NDArray states = outputs.get(name);
            if (states == null) {
                throw new EncoderException("the graph returned no output named '" + name + "'");
            }
            Shape expected = new Shape(tokens.batch(), tokens.length(), hidden);
            if (!states.getShape().equals(expected)) {
                throw new EncoderException("graph output '" + name + "' has shape " + states.getShape()
                        + ", expected " + expected);
            }
            float[] values = states.toFloatArray();
            for (int row = 0; row < tokens.batch(); row++) {
                pooling.pool(values, row, tokens.length(), hidden, tokens.attentionMask(), features[row], k * hidden);
                if (normalize) {
                    normalizeInPlace(features[row], k * hidden, hidden);
                }
            }
        }
        return features;
    }

    /** Scales {@code values[offset .. offset+length)} to unit L2 norm (left as is when all zero). */
    static void normalizeInPlace(float[] values, int offset, int length) {
        double squares = 0;
        for (int i = offset; i < offset + length; i++) {
            squares += (double) values[i] * values[i];
        }
        if (squares > 0) {
            double scale = 1.0 / Math.sqrt(squares);
            for (int i = offset; i < offset + length; i++) {
                values[i] = (float) (values[i] * scale);
            }
        }
    }
}
