package org.easy2hard.notebook;

import java.util.List;
import java.util.Objects;
import org.easy2hard.experiment.RunResult;
import org.easy2hard.experiment.TrainPool;
import org.easy2hard.experiment.UnitResult;

/**
 * A run's units by what they are rather than where they sit: notebooks ask for "the unsupervised unit" or "the
 * easy-trained units", so that a cell still means the same thing if the order of a run's units ever changes.
 */
public final class Units {

    private Units() {
    }

    /**
     * The run's unsupervised unit (train pool {@link TrainPool#NONE}: no training, evaluated once).
     *
     * @throws IllegalArgumentException when the run has no unsupervised unit, or more than one
     */
    public static UnitResult unsupervised(RunResult run) {
        return unsupervised(run.units());
    }

    /** The one unit of pool {@link TrainPool#NONE} among the units; see {@link #unsupervised(RunResult)}. */
    public static UnitResult unsupervised(List<UnitResult> units) {
        List<UnitResult> found = ofPool(units, TrainPool.NONE);
        if (found.size() != 1) {
            throw new IllegalArgumentException("expected one unsupervised unit, found " + found.size() + " among "
                    + units.size() + " units " + units.stream().map(UnitResult::unit).toList());
        }
        return found.get(0);
    }

    /** The run's units trained on a pool (one per training draw), in run order; empty when it has none. */
    public static List<UnitResult> ofPool(RunResult run, TrainPool pool) {
        return ofPool(run.units(), pool);
    }

    /** The units of a pool among the units, in their order. */
    public static List<UnitResult> ofPool(List<UnitResult> units, TrainPool pool) {
        Objects.requireNonNull(pool, "pool");
        return units.stream().filter(unit -> unit.pool() == pool).toList();
    }
}
