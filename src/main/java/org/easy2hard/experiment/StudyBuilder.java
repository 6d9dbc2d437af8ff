package org.easy2hard.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.easy2hard.data.DatasetId;
import org.easy2hard.model.Progress;

/**
 * The options every study builder shares ({@link EncoderStudy}, {@link LanguageModelStudy}): dataset, measure, train
 * pools, seed, subsampling, run directory, progress and run listener.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class StudyBuilder<B extends StudyBuilder<B>> {

    DatasetId dataset;
    String measure;
    List<TrainPool> pools = List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD);
    long seed;
    int everyNth = 1;
    Path runDirectory;
    Progress progress = Progress.NONE;
    RunListener listener = RunListener.NONE;

    StudyBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Which dataset. */
    public B setDataset(DatasetId dataset) {
        this.dataset = dataset;
        return self();
    }

    /** The hardness measure (default: the dataset's main one, {@link EncoderStudy#defaultMeasure}). */
    public B setMeasure(String measure) {
        this.measure = measure;
        return self();
    }

    /** The train pools (default: none, easy, hard). */
    public B optPools(List<TrainPool> pools) {
        this.pools = List.copyOf(pools);
        return self();
    }

    /** The seed of training draws, demonstration orders and fits (default 0). */
    public B optSeed(long seed) {
        this.seed = seed;
        return self();
    }

    /** Keep only every n-th probing item (default 1: all), for a quick look; the run records it. */
    public B optEveryNth(int everyNth) {
        if (everyNth < 1) {
            throw new IllegalArgumentException("everyNth must be at least 1, was " + everyNth);
        }
        this.everyNth = everyNth;
        return self();
    }

    /** Where the run is kept (default: a folder under runs/ named after dataset, measure, model and seed). */
    public B optRunDirectory(Path runDirectory) {
        this.runDirectory = runDirectory;
        return self();
    }

    /** Progress of long work (encoding, training, scoring, generation). */
    public B optProgress(Progress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return self();
    }

    /** Told as each unit starts. */
    public B optRunListener(RunListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return self();
    }
}
