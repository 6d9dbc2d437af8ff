package org.easy2hard.experiment;

import java.util.List;
import java.util.Objects;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.DatasetId;
import org.easy2hard.hardness.HardnessMeasure;

/**
 * The options every study builder shares ({@link EncoderStudy}, {@link LanguageModelStudy}, {@link FineTuningStudy})
 * beyond a run's ({@link RunBuilder}): the data ({@link StudyData}: a paper dataset from a store, or data given
 * loaded), measure, train pools and subsampling.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class StudyBuilder<B extends StudyBuilder<B>> extends RunBuilder<B> {

    private final DataStore store;
    private final StudyData given;
    private DatasetId dataset;
    private HardnessMeasure rule;
    String measure;
    List<TrainPool> pools = List.of(TrainPool.NONE, TrainPool.EASY, TrainPool.HARD);
    int everyNth = 1;

    /** A builder for a paper dataset from the store, named by {@link #setDataset}. */
    StudyBuilder(DataStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.given = null;
    }

    /** A builder for data already loaded (its own id wins over {@link #setDataset}). */
    StudyBuilder(StudyData given) {
        this.store = null;
        this.given = Objects.requireNonNull(given, "data");
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

    /** The measure with its binning rule; its name overrides {@link #setMeasure}. */
    void measureWithRule(HardnessMeasure measure) {
        this.rule = Objects.requireNonNull(measure, "measure");
    }

    /**
     * The study's data, resolved once as the study is built: the data given, or the store's dataset named by
     * {@link #setDataset} (required then), with the measure's rule when one was given.
     */
    StudyData data() {
        StudyData data = given != null ? given : new StudyData.Paper(store, Objects.requireNonNull(dataset, "dataset"),
                null);
        return rule != null ? data.withMeasure(rule) : data;
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
