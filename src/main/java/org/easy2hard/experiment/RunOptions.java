package org.easy2hard.experiment;

import java.nio.file.Path;
import java.util.Objects;
import org.easy2hard.model.Progress;

/**
 * Where a run is kept and who hears about it: run directory, progress and run listener. Written once here for every
 * builder that runs something: the engine's ({@link RunEngine.Builder}), the study planner's
 * ({@link ExperimentRunner.Builder}) and, through {@link RunBuilder}, every study's and driver's.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class RunOptions<B extends RunOptions<B>> {

    private Path runDirectory;
    private Progress progress = Progress.NONE;
    private RunListener listener = RunListener.NONE;

    /** For the builders. */
    RunOptions() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Where the run's manifest and records live; an existing run there is resumed (a driver requires it). */
    public B setRunDirectory(Path directory) {
        this.runDirectory = directory;
        return self();
    }

    /** Where the run is kept (a study's default: a folder under runs/ named by {@link RunDefaults#runDirectory}). */
    public B optRunDirectory(Path directory) {
        return setRunDirectory(directory);
    }

    /** Progress of long work (encoding, training, scoring, generation). */
    public B optProgress(Progress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return self();
    }

    /** Told as each unit starts (or is read back from disk). */
    public B optRunListener(RunListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return self();
    }

    /** The run directory, progress and listener of another builder (a study's or driver's, handed to the engine). */
    public B optRunOptions(RunOptions<?> other) {
        return setRunDirectory(other.runDirectory()).optProgress(other.progress()).optRunListener(other.listener());
    }

    /** The run directory given, or null (a study then names one; a driver, the planner and the engine refuse). */
    public Path runDirectory() {
        return runDirectory;
    }

    /** Where progress goes. */
    public Progress progress() {
        return progress;
    }

    /** Who is told as each unit starts. */
    public RunListener listener() {
        return listener;
    }
}
