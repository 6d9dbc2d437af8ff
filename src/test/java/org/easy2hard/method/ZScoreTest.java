package org.easy2hard.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZScoreTest {

    @Test
    void poolsAllOptionsOfAllItemsWithTheSampleStd() {
        // Values 1, 2, 3 (item 1, two options) and 6 (item 2, one option): mean 3, sample variance 14/3.
        ZScore z = ZScore.fit(List.of(new float[][] {{1}, {2}}, new float[][] {{3}, {6}}));
        assertEquals(3.0, z.mean()[0], 1e-12);
        assertEquals(Math.sqrt(14.0 / 3.0), z.std()[0], 1e-12);
    }

    @Test
    void constantDimensionsGetDivisorOne() {
        ZScore z = ZScore.fit(List.of(new float[][] {{0.1f, 1}, {0.1f, 3}}, new float[][] {{0.1f, 5}}));
        assertEquals(1.0, z.std()[0]);
        assertArrayEquals(new double[] {0.9f - (double) 0.1f, 0.0}, z.apply(new float[] {0.9f, 3}), 1e-7);
    }

    @Test
    void appliesMeanAndStd() {
        ZScore z = new ZScore(new double[] {1, -2}, new double[] {2, 4});
        assertArrayEquals(new double[] {1.5, 0.5}, z.apply(new float[] {4, 0}), 1e-15);
    }
}
