package org.easy2hard.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bounded uniform integers. */
class IndexSamplerTest {

    @Test
    void drawsAreUniformOverTheBound() {
        // 60,000 draws over 6 values: each count is 10,000 with standard deviation sqrt(60,000 * 1/6 * 5/6) = 91;
        // 400 is more than 4 standard deviations
        IndexSampler sampler = new IndexSampler(6);
        SplittableRandom random = new SplittableRandom(1);
        int[] counts = new int[6];
        for (int i = 0; i < 60_000; i++) {
            counts[sampler.next(random)]++;
        }
        for (int count : counts) {
            assertEquals(10_000, count, 400);
        }
    }

    @Test
    void drawsStayInsideALargeOddBound() {
        IndexSampler sampler = new IndexSampler(Integer.MAX_VALUE);
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 10_000; i++) {
            int drawn = sampler.next(random);
            assertTrue(drawn >= 0 && drawn < Integer.MAX_VALUE);
        }
    }

    @Test
    void boundOneAlwaysGivesZero() {
        IndexSampler sampler = new IndexSampler(1);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, sampler.next(random));
        }
    }

    @Test
    void nonPositiveBoundIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new IndexSampler(0));
    }
}
