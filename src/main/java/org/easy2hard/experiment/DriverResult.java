package org.easy2hard.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.easy2hard.stats.ItemResult;

/**
 * What a driver run produced: its name, its folder and every unit (read back from disk or just run), in plan order.
 *
 * @param driver    the driver's name, e.g. {@code noisy_labels}
 * @param directory the run directory
 * @param units     every unit
 */
public record DriverResult(String driver, Path directory, List<UnitResult> units) {

    /** Copies the unit list. */
    public DriverResult {
        units = List.copyOf(units);
    }

    /** Every item-level record. */
    public List<ItemResult> records() {
        return units.stream().flatMap(unit -> unit.records().stream()).toList();
    }

    /** The records that pass a filter. */
    public List<ItemResult> records(Predicate<ItemResult> keep) {
        return units.stream().flatMap(unit -> unit.records().stream()).filter(keep).toList();
    }
}
