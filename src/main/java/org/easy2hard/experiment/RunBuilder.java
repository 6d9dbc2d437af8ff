package org.easy2hard.experiment;

/**
 * The options every run's builder shares, studies' ({@link StudyBuilder}) and drivers' ({@link DriverBuilder}):
 * seed, training size and bootstraps ({@link RunDefaults}), and a run's options ({@link RunOptions}: run directory,
 * progress and run listener).
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class RunBuilder<B extends RunBuilder<B>> extends RunOptions<B> {

    private long seed;
    private Integer trainSize;
    private int bootstraps = RunDefaults.BOOTSTRAPS;

    /** For subclasses. */
    protected RunBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The seed of every draw, demonstration order and fit (default 0). */
    public B optSeed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * Training items per draw (default {@value RunDefaults#TRAIN_SIZE}) and draws per pool (default
     * {@value RunDefaults#BOOTSTRAPS}).
     */
    public B optTraining(int trainSize, int bootstraps) {
        if (trainSize < 1 || bootstraps < 1) {
            throw new IllegalArgumentException("train size and bootstraps must be at least 1, were " + trainSize
                    + " and " + bootstraps);
        }
        this.trainSize = trainSize;
        this.bootstraps = bootstraps;
        return self();
    }

    /** Training draws per pool (default {@value RunDefaults#BOOTSTRAPS}). */
    public B optBootstraps(int bootstraps) {
        if (bootstraps < 1) {
            throw new IllegalArgumentException("bootstraps must be at least 1, was " + bootstraps);
        }
        this.bootstraps = bootstraps;
        return self();
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** Training items per draw. */
    public int trainSize() {
        return trainSize != null ? trainSize : RunDefaults.TRAIN_SIZE;
    }

    /** Whether a training size was given (a run with another default, e.g. ICL's k, keeps its own otherwise). */
    protected boolean trainSizeGiven() {
        return trainSize != null;
    }

    /** Draws per pool. */
    public int bootstraps() {
        return bootstraps;
    }

    /** A driver's own default number of draws (e.g. the paper's 10 for learning curves), before any option. */
    protected void defaultBootstraps(int bootstraps) {
        this.bootstraps = bootstraps;
    }
}
