package org.easy2hard.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.easy2hard.model.Progress;

/**
 * The settings every driver shares: the models (with their methods), the run directory, the training size and
 * number of bootstraps, the seed, the data files' checksums and where progress goes.
 *
 * @param <B> the concrete builder, so that chained calls keep its type
 */
public abstract class DriverBuilder<B extends DriverBuilder<B>> {

    public final List<ModelArms> models = new ArrayList<>();
    public Path runDirectory;
    public int trainSize = 160;
    public int bootstraps = 5;
    public long seed;
    public Map<String, String> checksums = Map.of();
    public Progress progress = Progress.NONE;
    public RunListener listener = RunListener.NONE;

    public DriverBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Adds a model with its methods (at least one model is required). */
    public B addModel(ModelArms model) {
        models.add(Objects.requireNonNull(model, "model"));
        return self();
    }

    /** Where the run's manifest and records live (required); an existing run there is resumed. */
    public B setRunDirectory(Path directory) {
        this.runDirectory = directory;
        return self();
    }

    /** Training items per draw (default 160, the paper's probe) and number of bootstraps (default 5). */
    public B optTraining(int trainSize, int bootstraps) {
        if (trainSize < 1 || bootstraps < 1) {
            throw new IllegalArgumentException("train size and bootstraps must be at least 1, were " + trainSize
                    + " and " + bootstraps);
        }
        this.trainSize = trainSize;
        this.bootstraps = bootstraps;
        return self();
    }

    /** The seed of every draw and fit (default 0). */
    public B optSeed(long seed) {
        this.seed = seed;
        return self();
    }

    /** SHA-256 of the data files, for the manifest (e.g. {@code DataChecksums.of(store, id)}). */
    public B optDataChecksums(Map<String, String> checksums) {
        this.checksums = Map.copyOf(checksums);
        return self();
    }

    /** Progress of encoding and training. */
    public B optProgress(Progress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return self();
    }

    /** Told as each unit starts. */
    public B optRunListener(RunListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return self();
    }

    public void checkCommon() {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no model was added");
        }
        Objects.requireNonNull(runDirectory, "run directory");
        if (models.stream().map(ModelArms::model).distinct().count() != models.size()) {
            throw new IllegalArgumentException("models need distinct names");
        }
    }
}
