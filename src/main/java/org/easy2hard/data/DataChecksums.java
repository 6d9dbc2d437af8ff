package org.easy2hard.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

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
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
