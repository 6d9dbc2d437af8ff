package org.easy2hard.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.easy2hard.io.Sha256;

/** SHA-256 of the files a dataset is read from: what a run manifest records as the data's identity. */
public final class DataChecksums {

    private DataChecksums() {
    }

    /** File (relative to the data directory) → SHA-256 hex, for every file the dataset's loader reads. */
    public static Map<String, String> of(DataStore store, DatasetId dataset) {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (String relative : DatasetFiles.required(dataset)) {
            checksums.put(relative, sha256(store.require(relative)));
        }
        return checksums;
    }

    /** SHA-256 hex of a file's bytes. */
    public static String sha256(Path file) {
        try {
            return Sha256.ofFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
