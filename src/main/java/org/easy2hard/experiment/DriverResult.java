package org.easy2hard.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.easy2hard.stats.ItemResult;

/**
 * A driver's run as its tables read it: a thin view of the {@link RunResult} the one engine returned (kept so that
 * code written against the drivers' earlier result type still reads the same).
 *
 * @param run the run's result (its manifest, folder and units)
 */
public record DriverResult(RunResult run) {

    /** The driver's name, e.g. {@code noisy_labels}. */
    public String driver() {
        return run.driver();
    }

    /** The run directory. */
    public Path directory() {
        return run.directory();
    }

    /** The manifest. */
    public RunManifest manifest() {
        return run.manifest();
    }

    /** Every unit, in plan order. */
    public List<UnitResult> units() {
        return run.units();
    }

    /** The units that pass a filter (see {@link RunResult#units(Predicate)} and its other named accessors). */
    public List<UnitResult> units(Predicate<UnitResult> keep) {
        return run.units(keep);
    }

    /** Every item-level record. */
    public List<ItemResult> records() {
        return run.records();
    }

    /** The records that pass a filter. */
    public List<ItemResult> records(Predicate<ItemResult> keep) {
        return run.records(keep);
    }
}
