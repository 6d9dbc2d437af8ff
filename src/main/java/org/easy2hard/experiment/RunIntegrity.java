package org.easy2hard.experiment;

import java.nio.file.Path;
import java.util.List;
import org.easy2hard.data.DataFormatException;

/**
 * What a run directory holds compared with what its manifest planned: units damaged since they were written (the
 * index's checksum no longer matches the file) and units not run (yet). Exports check it before writing a sheet, so
 * a sheet never silently averages over fewer draws than the run was configured for.
 *
 * @param directory the run directory
 * @param expected  the number of units the manifest's configuration plans
 * @param finished  the planned units whose file matches its checksum
 * @param damaged   units whose file is missing or no longer matches the index's checksum
 * @param missing   planned units the index does not list
 */
public record RunIntegrity(Path directory, int expected, int finished, List<String> damaged, List<String> missing) {

    /** Copies the lists. */
    public RunIntegrity {
        damaged = List.copyOf(damaged);
        missing = List.copyOf(missing);
    }

    /**
     * Checks every planned unit of a run directory (a study's or a driver's, as {@link RunEngine} writes it; a legacy
     * study's plan follows from its pools and bootstraps) against the index.
     *
     * @throws DataFormatException when the folder holds no manifest or the manifest lacks the plan
     */
    public static RunIntegrity check(Path directory) {
        RunDirectory run = RunDirectory.openExisting(directory);
        Path manifestFile = run.root().resolve(RunDirectory.MANIFEST);
        List<String> planned = run.manifest().orElseThrow().plan();
        if (planned.isEmpty()) {
            throw new DataFormatException(manifestFile, 0, "the driver run lists no planned units (\"plan\"); it was "
                    + "made by an older version: rerun the driver into a new directory to export it");
        }
        List<String> indexed = run.indexedUnits();
        List<String> damagedAll = run.damagedUnits();
        List<String> damaged = planned.stream().filter(damagedAll::contains).toList();
        List<String> missing = planned.stream().filter(unit -> !indexed.contains(unit)).toList();
        return new RunIntegrity(run.root(), planned.size(), planned.size() - damaged.size() - missing.size(), damaged,
                missing);
    }

    /** Whether every planned unit is there and intact. */
    public boolean complete() {
        return damaged.isEmpty() && missing.isEmpty();
    }

    /** One line: "run X: 5 of 7 units usable; damaged: a; not run: b". */
    public String describe() {
        StringBuilder text = new StringBuilder("run " + directory + ": " + finished + " of " + expected
                + " units usable");
        if (!damaged.isEmpty()) {
            text.append("; damaged (file changed since it was written): ").append(String.join(", ", damaged));
        }
        if (!missing.isEmpty()) {
            text.append("; not run: ").append(String.join(", ", missing));
        }
        return text.toString();
    }
}
