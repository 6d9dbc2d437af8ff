package org.easy2hard.experiment;

/**
 * Told when the runner starts each unit of a run (one training draw of one pool), so that a command line can log
 * "[3/11] easy-b1" and a notebook can show where a long run is. Method-level progress (encoding, epochs) goes to
 * the runner's {@link org.easy2hard.model.Progress} instead.
 */
@FunctionalInterface
public interface RunListener {

    /** Ignores every report. */
    RunListener NONE = (unit, index, total, finished) -> { };

    /**
     * @param unit     the unit's name, e.g. {@code easy-b1}
     * @param index    its 1-based position in the run
     * @param total    the number of units in the run
     * @param finished true when the unit was already finished on disk and is read back instead of run
     */
    void unitStarted(String unit, int index, int total, boolean finished);
}
