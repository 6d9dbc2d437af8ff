package org.easy2hard.experiment;

import java.nio.file.Path;
import org.easy2hard.stats.GridBootstrap;

/**
 * The defaults every run, builder and command shares, written once: the paper's probe training size and number of
 * bootstraps, the bootstrap resamples behind every interval, and the default run-directory name.
 */
public final class RunDefaults {

    /** Training items per draw: the paper's probe (paper-spec §4.1). */
    public static final int TRAIN_SIZE = 160;

    /** Training draws per pool: the paper's. */
    public static final int BOOTSTRAPS = 5;

    /** Bootstrap resamples behind every interval: the paper's 10,000 ({@link GridBootstrap#DEFAULT_RESAMPLES}). */
    public static final int RESAMPLES = GridBootstrap.DEFAULT_RESAMPLES;

    /** The folder default run directories are kept in. */
    public static final String RUNS = "runs";

    private RunDefaults() {
    }

    /**
     * The default run directory of a run: {@code runs/<stem>[-every<n>]-s<seed>}, e.g.
     * {@code runs/arc-human_grade-bge-small-en-v1.5-every3-s0}.
     *
     * @param stem     what was run, e.g. dataset, measure and model joined by '-' (see {@link #safeName})
     * @param everyNth the subsampling (1: all items, not named)
     * @param seed     the seed
     */
    public static Path runDirectory(String stem, int everyNth, long seed) {
        return Path.of(RUNS, stem + (everyNth > 1 ? "-every" + everyNth : "") + "-s" + seed);
    }

    /** A model or data name made safe for a folder name: runs of other characters become '_'. */
    public static String safeName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
