package org.easy2hard.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** SHA-256 digests as lower-case hex, the form used in identities, cache keys and file names. */
public final class Sha256 {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new AssertionError("SHA-256 unavailable", e);
        }
    }

    /** Hex digest of bytes. */
    public static String of(byte[] content) {
        return HexFormat.of().formatHex(newDigest().digest(content));
    }

    /** The digest's value as lower-case hex (the digest is reset). */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Accepts 64 hex digits in either case and returns them lower-cased.
     *
     * @param what names the value in the error message
     * @throws IllegalArgumentException when the value is not a SHA-256 in hex
     */
    public static String requireHex(String value, String what) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!HEX.matcher(lower).matches()) {
            throw new IllegalArgumentException(what + " is not 64 hex digits: '" + value + "'");
        }
        return lower;
    }

    /** Hex digest of a string's UTF-8 bytes. */
    public static String of(String text) {
        return HexFormat.of().formatHex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Raw digest of a string's UTF-8 bytes. */
    public static byte[] raw(String text) {
        return newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hex digest of a file's bytes, read in a stream. */
    public static String ofFile(Path file) throws IOException {
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
