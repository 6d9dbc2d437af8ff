package org.easy2hard.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.experiment.UnitResult;
import org.junit.jupiter.api.Test;

class UnitsTest {

    private static UnitResult unit(TrainPool pool, int bootstrap) {
        return new UnitResult(UnitResult.name(pool, bootstrap), pool, bootstrap, List.of(), Map.of(), List.of());
    }

    @Test
    void findsTheUnsupervisedUnitWhereverItSits() {
        List<UnitResult> units = List.of(unit(TrainPool.EASY, 0), unit(TrainPool.HARD, 0), unit(TrainPool.NONE, 0),
                unit(TrainPool.EASY, 1));
        assertEquals("unsupervised-b0", Units.unsupervised(units).unit());
    }

    @Test
    void aRunWithoutOrWithTwoUnsupervisedUnitsIsAnErrorNamingItsUnits() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Units.unsupervised(List.of(unit(TrainPool.EASY, 0))));
        assertTrue(none.getMessage().contains("found 0 among 1 units [easy-b0]"), none.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Units.unsupervised(List.of(unit(TrainPool.NONE, 0), unit(TrainPool.NONE, 1))));
    }

    @Test
    void aPoolsUnitsKeepRunOrder() {
        List<UnitResult> units = List.of(unit(TrainPool.NONE, 0), unit(TrainPool.HARD, 0), unit(TrainPool.EASY, 0),
                unit(TrainPool.HARD, 1));
        assertEquals(List.of("hard-b0", "hard-b1"),
                Units.ofPool(units, TrainPool.HARD).stream().map(UnitResult::unit).toList());
        assertEquals(List.of(), Units.ofPool(units, TrainPool.MEDIUM));
    }
}
