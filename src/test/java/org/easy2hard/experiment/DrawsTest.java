package org.easy2hard.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.easy2hard.data.Item;
import org.junit.jupiter.api.Test;

class DrawsTest {

    private final List<Item> items = Fixtures.dataset().items();

    @Test
    void nestedSubsetsAreEachInsideTheNextLarger() {
        List<List<Item>> subsets = Draws.nested(items, new int[] {5, 20, 80}, new SplittableRandom(3));
        assertEquals(List.of(5, 20, 80), subsets.stream().map(List::size).toList());
        assertTrue(new HashSet<>(subsets.get(1)).containsAll(subsets.get(0)));
        assertTrue(new HashSet<>(subsets.get(2)).containsAll(subsets.get(1)));
        assertEquals(80, new HashSet<>(subsets.get(2)).size());
    }

    @Test
    void sizesMustAscend() {
        assertThrows(IllegalArgumentException.class, () -> Draws.nested(items, new int[] {20, 5}, new SplittableRandom(0)));
    }

    @Test
    void derivedSeedsDependOnEveryPart() {
        assertEquals(Seeds.derive("a", 1, 2), Seeds.derive("a", 1, 2));
        assertTrue(Seeds.derive("a", 1, 2) != Seeds.derive("a", 2, 1));
    }
}
