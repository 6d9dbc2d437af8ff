package org.easy2hard.experiment;

import java.nio.file.Path;
import java.util.List;
import org.easy2hard.hardness.Cutoffs;
import org.easy2hard.stats.ItemResult;

/**
 * Everything a run produced: its folder, what it ran, the measure's cutoffs and every unit's records. Summaries
 * ({@link RunSummary}) are computed from it.
 *
 * @param directory the run directory
 * @param spec      what was run
 * @param cutoffs   the hardness measure's cutoffs on the probing set (to assign each test item its level)
 * @param units     every unit, in run order
 */
public record RunResult(Path directory, ExperimentSpec spec, Cutoffs cutoffs, List<UnitResult> units) {

    /** Copies the unit list. */
    public RunResult {
        units = List.copyOf(units);
    }

    /** Every item-level record of the run. */
    public List<ItemResult> records() {
        return units.stream().flatMap(unit -> unit.records().stream()).toList();
    }
}
