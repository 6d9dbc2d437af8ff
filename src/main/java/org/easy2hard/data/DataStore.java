package org.easy2hard.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.easy2hard.io.UserDirectories;

/**
 * The directory that holds the datasets in their canonical distribution layout
 * ({@code arc/ARC-Easy/ARC-Easy-Train.jsonl}, {@code mmlu/test/college_physics_test.csv}, ...).
 *
 * <p>Where it is, in order of precedence: the system property {@value #PROPERTY}, the environment variable
 * {@value #ENVIRONMENT_VARIABLE}, then {@code $XDG_CACHE_HOME/easy2hard/datasets} (or
 * {@code ~/.cache/easy2hard/datasets}). The downloader fills the same layout on a machine with internet.
 */
public final class DataStore {

    /** System property naming the data directory. */
    public static final String PROPERTY = "easy2hard.data.dir";
    /** Environment variable naming the data directory. */
    public static final String ENVIRONMENT_VARIABLE = "EASY2HARD_DATA_DIR";

    private final Path root;
    /** How a relative setting was resolved, for the missing-file message; empty when the root was absolute. */
    private final String relativeNote;

    private DataStore(Path root, String relativeNote) {
        this.root = root.toAbsolutePath().normalize();
        this.relativeNote = relativeNote;
    }

    /** A data store at the given directory (which need not exist yet). */
    public static DataStore at(Path root) {
        return new DataStore(Objects.requireNonNull(root, "root"), "");
    }

    /** The data store the settings name: system property, then environment variable, then the user's cache. */
    public static DataStore fromSettings() {
        return fromSettings(System.getProperties().getProperty(PROPERTY), System.getenv());
    }

    /** As {@link #fromSettings()}, with the property value and environment given explicitly (for tests). */
    static DataStore fromSettings(String propertyValue, Map<String, String> environment) {
        Path root = UserDirectories.resolve(propertyValue, environment, ENVIRONMENT_VARIABLE, "easy2hard/datasets");
        // A relative setting means "relative to where the JVM started", which for a notebook kernel is the
        // notebook's folder, not the shell the user typed it in: say so when a file is then missing.
        String note = root.isAbsolute() ? ""
                : "; the setting " + root + " is relative, resolved against this process's working directory "
                        + Path.of("").toAbsolutePath() + ": give an absolute path";
        return new DataStore(root, note);
    }

    /** The data directory. */
    public Path root() {
        return root;
    }

    /** The folder of one dataset, e.g. {@code <root>/arc}. */
    public Path datasetDirectory(DatasetId dataset) {
        return root.resolve(dataset.shortName());
    }

    /**
     * A file of the store that must exist.
     *
     * @param relative a path relative to the root, with forward slashes
     * @throws DataFormatException when the file is missing, saying how to get it
     */
    public Path require(String relative) {
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("path escapes the data directory: " + relative);
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, 0, "file is missing from the data directory " + root
                    + " (set -D" + PROPERTY + " or " + ENVIRONMENT_VARIABLE
                    + " to where the datasets are, or run `easy2hard data download`)" + relativeNote);
        }
        return file;
    }

    @Override
    public String toString() {
        return "DataStore[" + root + "]";
    }
}
