package org.easy2hard.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex, the form used in identities, cache keys and file names. */
final class Sha256 {

    private Sha256() {
    }

    /** A fresh SHA-256 digest. */
    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new AssertionError("SHA-256 unavailable", e);
        }
    }

    /** Hex digest of a string's UTF-8 bytes. */
    static String of(String text) {
        return HexFormat.of().formatHex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Raw digest of a string's UTF-8 bytes. */
    static byte[] raw(String text) {
        return newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hex digest of a file's bytes, read in a stream. */
    static String ofFile(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
