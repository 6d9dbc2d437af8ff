package org.easy2hard.experiment;

import java.util.List;
import org.easy2hard.data.DatasetId;

/**
 * The options every study builder shares ({@link EncoderStudy}, {@link LanguageModelStudy}, {@link FineTuningStudy})
 * beyond a run's ({@link RunBuilder}): dataset, measure, train pools and subsampling.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class StudyBuilder<B extends StudyBuilder<B>> extends RunBuilder<B> {

    DatasetId dataset;
    String measure;
    List<TrainPool> pools = List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD);
    int everyNth = 1;

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

    /** Keep only every n-th probing item (default 1: all), for a quick look; the run records it. */
    public B optEveryNth(int everyNth) {
        if (everyNth < 1) {
            throw new IllegalArgumentException("everyNth must be at least 1, was " + everyNth);
        }
        this.everyNth = everyNth;
        return self();
    }
}
