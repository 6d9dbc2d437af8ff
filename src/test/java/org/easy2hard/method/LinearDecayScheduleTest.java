package org.easy2hard.method;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LinearDecayScheduleTest {

    private final LinearDecaySchedule paper = new LinearDecaySchedule(0.05, 100, 0.1);

    @Test
    void firstUpdateUsesTheFullRate() {
        assertEquals(0.05, paper.valueAt(0), 1e-15);
        // DJL's optimizer numbers its first update 1.
        assertEquals(0.05f, paper.getNewValue(1));
    }

    @Test
    void decaysByNinePermilleOfTheStartPerUpdate() {
        // HF linear schedule over T = 100 / 0.9 updates: 0.05 * (T - t) / T = 0.05 * (1 - 0.009 t).
        assertEquals(0.05 * (1 - 0.009), paper.valueAt(1), 1e-15);
        assertEquals(0.05 * (1 - 0.009 * 50), paper.valueAt(50), 1e-15);
    }

    @Test
    void lastUpdateIsJustAboveTenPercent() {
        assertEquals(0.05 * 0.109, paper.valueAt(99), 1e-15);
        assertEquals(0.005, paper.valueAt(100), 1e-15);
    }

    @Test
    void learningRateAtFollowsTheSameSchedule() {
        LinearProbe probe = LinearProbe.builder().optLearningRate(0.2).optEpochs(10).build();
        assertEquals(0.2 * (1 - 0.9 * 3 / 10.0), probe.learningRateAt(3), 1e-15);
    }
}
