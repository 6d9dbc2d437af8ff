package org.easy2hard.experiment;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.easy2hard.data.DataChecksums;
import org.easy2hard.data.DataStore;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.DatasetId;
import org.easy2hard.data.Datasets;
import org.easy2hard.hardness.HardnessMeasure;

/**
 * Where a study's probing set comes from, as one value: a paper dataset read from a {@link DataStore}
 * ({@link Paper}), or data already loaded with the checksums of its files ({@link Given}, e.g. a user's own dataset).
 * Either may carry the measure with its binning rule when the catalog does not know it (a user dataset's column).
 * The study builders ({@link StudyBuilder}) hold one and every study resolves it once, when it is built.
 */
public sealed interface StudyData {

    /** Which dataset the items are (a given dataset's own id). */
    DatasetId id();

    /** The name a study's default run folder starts with: a paper dataset's short name, a given dataset's name. */
    String label();

    /** The probing set (a paper dataset is read from the store on each call). */
    Dataset load();

    /** File → SHA-256 of what the probing set was read from, for the run manifest. */
    Map<String, String> checksums();

    /** The measure with its binning rule, when one was given instead of a catalog measure's name. */
    Optional<HardnessMeasure> measure();

    /** The same data with the measure (and its binning rule) the study stratifies by. */
    StudyData withMeasure(HardnessMeasure measure);

    /**
     * The name of the measure a study stratifies by: the given measure's, else the one requested by name, else the
     * dataset's main one ({@link EncoderStudy#defaultMeasure}).
     *
     * @param requested the name given to the study builder, or null
     */
    default String measureName(String requested) {
        return measure().map(HardnessMeasure::name)
                .orElseGet(() -> requested != null ? requested : EncoderStudy.defaultMeasure(id()));
    }

    /**
     * A paper dataset from a store.
     *
     * @param store   where the dataset's files are
     * @param id      which dataset
     * @param rule    the measure with its binning rule, or null for the catalog's measure of the requested name
     */
    record Paper(DataStore store, DatasetId id, HardnessMeasure rule) implements StudyData {

        /** Checks that store and dataset are given. */
        public Paper {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(id, "dataset");
        }

        @Override
        public String label() {
            return id.shortName();
        }

        @Override
        public Dataset load() {
            return Datasets.load(id, store);
        }

        @Override
        public Map<String, String> checksums() {
            return DataChecksums.of(store, id);
        }

        @Override
        public Optional<HardnessMeasure> measure() {
            return Optional.ofNullable(rule);
        }

        @Override
        public StudyData withMeasure(HardnessMeasure measure) {
            return new Paper(store, id, Objects.requireNonNull(measure, "measure"));
        }
    }

    /**
     * Data already loaded.
     *
     * @param dataset   the probing set
     * @param sha256    file → SHA-256 of what it was read from
     * @param rule      the measure with its binning rule, or null for the catalog's measure of the requested name
     */
    record Given(Dataset dataset, Map<String, String> sha256, HardnessMeasure rule) implements StudyData {

        /** Checks the dataset is given and copies the checksums. */
        public Given {
            Objects.requireNonNull(dataset, "data");
            sha256 = Map.copyOf(sha256);
        }

        @Override
        public DatasetId id() {
            return dataset.id();
        }

        @Override
        public String label() {
            return dataset.name();
        }

        @Override
        public Dataset load() {
            return dataset;
        }

        @Override
        public Map<String, String> checksums() {
            return sha256;
        }

        @Override
        public Optional<HardnessMeasure> measure() {
            return Optional.ofNullable(rule);
        }

        @Override
        public StudyData withMeasure(HardnessMeasure measure) {
            return new Given(dataset, sha256, Objects.requireNonNull(measure, "measure"));
        }
    }
}
