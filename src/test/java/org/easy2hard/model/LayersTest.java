package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LayersTest {

    @Test
    void middleLayerIsCeilingOfHalfTheHiddenStates() {
        assertArrayEquals(new int[] {7, 12}, Layers.MIDDLE_AND_LAST.hiddenStates(12));
        assertArrayEquals(new int[] {4, 6}, Layers.MIDDLE_AND_LAST.hiddenStates(6));
        assertArrayEquals(new int[] {3, 5}, Layers.MIDDLE_AND_LAST.hiddenStates(5));
        assertArrayEquals(new int[] {12}, Layers.LAST.hiddenStates(12));
        assertEquals(1, Layers.middle(1));
    }

    @Test
    void aModelWithoutBlocksIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Layers.LAST.hiddenStates(0));
    }
}
