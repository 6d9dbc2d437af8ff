package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PoolingTest {

    /** Two texts, padded length 3, width 2: row 0 has 3 real tokens, row 1 has 2 and one padding position. */
    private static final float[] STATES = {
            1, 2, 3, 4, 5, 6,
            10, 20, 30, 40, 99, 99};
    private static final long[] MASK = {1, 1, 1, 1, 1, 0};

    @Test
    void clsTakesTheFirstPositionOfEachText() {
        float[][] pooled = Pooling.CLS.pool(STATES, 2, 3, 2, MASK);
        assertArrayEquals(new float[] {1, 2}, pooled[0]);
        assertArrayEquals(new float[] {10, 20}, pooled[1]);
    }

    @Test
    void meanAveragesOnlyTheRealTokens() {
        float[][] pooled = Pooling.MEAN.pool(STATES, 2, 3, 2, MASK);
        assertArrayEquals(new float[] {3, 4}, pooled[0]);
        assertArrayEquals(new float[] {20, 30}, pooled[1]);
    }

    @Test
    void meanOfAnAllPaddingRowIsZeroNotNaN() {
        float[][] pooled = Pooling.MEAN.pool(new float[] {5, 7}, 1, 1, 2, new long[] {0});
        assertArrayEquals(new float[] {0, 0}, pooled[0]);
    }

    @Test
    void arraysThatDoNotFitTheShapeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Pooling.MEAN.pool(STATES, 2, 3, 3, MASK));
    }

    @Test
    void normalisationScalesEachLayerBlockToUnitLength() {
        float[] features = {3, 4, 0, 5};
        HiddenStateTranslator.normalizeInPlace(features, 0, 2);
        HiddenStateTranslator.normalizeInPlace(features, 2, 2);
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 1}, features, 1e-7f);
    }
}
