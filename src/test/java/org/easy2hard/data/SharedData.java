package org.easy2hard.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real datasets for tests: the directory named by the {@code easy2hard.data.dir} system property (surefire sets
 * it to {@code ../shared/datasets}). Tests that need it are skipped where it is absent; {@code .ci/run} refuses to
 * run without it, so CI never skips them.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The shared data store, or a skipped test when there is none. */
    public static DataStore store() {
        String dir = System.getProperty(DataStore.PROPERTY);
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "arc")),
                "real datasets not found at " + dir + " (set -D" + DataStore.PROPERTY + ")");
        return DataStore.at(Path.of(dir));
    }
}
