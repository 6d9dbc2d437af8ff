package org.easy2hard.model;

/**
 * Receives progress of long work (texts encoded, conditions run). Implementations render it: a progress bar in
 * the terminal, a line in a notebook cell. Calls come from the working thread; keep them cheap.
 */
@FunctionalInterface
public interface Progress {

    /** Ignores every report. */
    Progress NONE = (task, done, total) -> { };

    /**
     * @param task  what is being done, e.g. "encoding with bge-small-en-v1.5"
     * @param done  units finished so far
     * @param total units in all
     */
    void update(String task, long done, long total);
}
