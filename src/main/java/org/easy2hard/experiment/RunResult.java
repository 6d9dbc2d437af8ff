package org.easy2hard.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.easy2hard.hardness.Cutoffs;
import org.easy2hard.stats.ItemResult;

/**
 * Everything a run produced: its folder, its manifest (configuration and provenance), and every unit's records, in
 * run order. Studies and drivers return it from the one engine ({@link RunEngine}); summaries ({@link RunSummary})
 * and result sheets read it.
 *
 * <p>A study's result also has its {@link #spec()} and the measure's {@link #cutoffs()}; a driver's run holds
 * several experiments and has neither (result sheets split it into one result per data name and measure, which
 * have them). Units are found by name, not by position: {@link #unsupervised()}, {@link #unit(TrainPool, int)},
 * {@link #units(TrainPool)}, {@link #unit(String)}, {@link #units(Predicate)}.
 *
 * @param directory the run directory
 * @param manifest  the run's manifest; null for a result assembled in memory (tests, figures)
 * @param spec      a study's spec; null for a driver's whole run
 * @param cutoffs   the spec's measure's cutoffs on the probing set (to assign each test item its level); null with
 *                  the spec
 * @param units     every unit, in run order
 */
public record RunResult(Path directory, RunManifest manifest, ExperimentSpec spec, Cutoffs cutoffs,
        List<UnitResult> units) {

    /** Copies the unit list. */
    public RunResult {
        units = List.copyOf(units);
    }

    /** A result assembled in memory, with no manifest behind it (tests, figures). */
    public RunResult(Path directory, ExperimentSpec spec, Cutoffs cutoffs, List<UnitResult> units) {
        this(directory, null, spec, cutoffs, units);
    }

    /**
     * The study's spec.
     *
     * @throws IllegalStateException for a driver's whole run, which holds several experiments
     */
    @Override
    public ExperimentSpec spec() {
        if (spec == null) {
            throw new IllegalStateException("the " + driver() + " run in " + directory + " holds several experiments;"
                    + " read it as one result per measure with ResultSheets.readRuns");
        }
        return spec;
    }

    /** The study's cutoffs (see {@link #spec()}). */
    @Override
    public Cutoffs cutoffs() {
        spec();
        return cutoffs;
    }

    /** The driver that made the run ({@link RunManifest#STUDY} for a study, "unknown" without a manifest). */
    public String driver() {
        return manifest == null ? "unknown" : manifest.driver();
    }

    /** Every item-level record of the run. */
    public List<ItemResult> records() {
        return units.stream().flatMap(unit -> unit.records().stream()).toList();
    }

    /** The records that pass a filter. */
    public List<ItemResult> records(Predicate<ItemResult> keep) {
        return units.stream().flatMap(unit -> unit.records().stream()).filter(keep).toList();
    }

    /** The records of a train pool's units (e.g. every record of the easy-trained draws). */
    public List<ItemResult> records(TrainPool pool) {
        return units(pool).stream().flatMap(unit -> unit.records().stream()).toList();
    }

    /** The units that pass a filter, in run order. */
    public List<UnitResult> units(Predicate<UnitResult> keep) {
        return units.stream().filter(keep).toList();
    }

    /** The units of a train pool, in run order (every model's and method's, in a driver run). */
    public List<UnitResult> units(TrainPool pool) {
        return units(unit -> unit.pool() == pool);
    }

    /**
     * The unit of a name, e.g. {@code easy-b3} in a study.
     *
     * @throws NoSuchElementException naming the units there are
     */
    public UnitResult unit(String name) {
        return units.stream().filter(unit -> unit.unit().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no unit " + name + " in " + directory + "; its units: "
                        + units.stream().map(UnitResult::unit).toList()));
    }

    /**
     * A pool's unit of a bootstrap.
     *
     * @throws NoSuchElementException when there is none
     * @throws IllegalStateException  when several units have that pool and bootstrap (a driver run with several
     *                                models or methods: filter with {@link #units(Predicate)})
     */
    public UnitResult unit(TrainPool pool, int bootstrap) {
        List<UnitResult> found = units(unit -> unit.pool() == pool && unit.bootstrap() == bootstrap);
        if (found.isEmpty()) {
            throw new NoSuchElementException("no " + pool.label() + " unit of bootstrap " + bootstrap + " in "
                    + directory);
        }
        if (found.size() > 1) {
            throw new IllegalStateException(found.size() + " " + pool.label() + " units of bootstrap " + bootstrap
                    + " in " + directory + " (" + found.stream().map(UnitResult::unit).toList()
                    + "); choose with units(filter)");
        }
        return found.get(0);
    }

    /** The unsupervised baseline's (first) unit: {@code unit(TrainPool.NONE, 0)}. */
    public UnitResult unsupervised() {
        return unit(TrainPool.NONE, 0);
    }
}
