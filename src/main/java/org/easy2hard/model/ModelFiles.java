package org.easy2hard.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import org.easy2hard.io.AtomicFiles;
import org.easy2hard.io.Sha256;

/**
 * The model files an encoder runs from, under {@code <cache>/models}: copies of classpath resources (ONNX Runtime
 * and the tokenizer read files), graphs edited to return more outputs, and the SHA-256 of every weight file.
 *
 * <p>Each hash is stored next to what it describes, in a small properties file with a <em>stamp</em> of the source
 * (resource URL and jar entry size and CRC, or a local file's size, modification and change times and file key).
 * The files this class writes into the cache (copies of resources, edited graphs) are verified against their stored
 * hash every time they are handed out: a same-size edit of the cache keeps size and name, and would otherwise be
 * trusted and its features cached under the clean model's key. Hashing costs about 0.4 s of CPU per 133 MB, small
 * beside loading the model. A copy that fails the check is written again from its source. Every file is written
 * atomically, so concurrent processes materialising the same model each produce a complete copy and never a torn
 * one.
 */
public final class ModelFiles {

    /**
     * A file and the SHA-256 (hex) of its bytes.
     *
     * @param path   the file
     * @param sha256 the hex digest of its bytes
     */
    public record HashedFile(Path path, String sha256) {
    }

    private final Path root;

    /** The files under {@code modelsDirectory} ({@code <cache>/models}). */
    public ModelFiles(Path modelsDirectory) {
        this.root = modelsDirectory;
    }

    /**
     * Copies a classpath resource to {@code <models>/bundled/<resource>} unless an up-to-date copy is there, and
     * returns the copy with the hash of its bytes (computed while copying).
     */
    HashedFile bundled(String resource) {
        URL url = ModelFiles.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new EncoderException("resource " + resource + " is not on the classpath: is its model jar a "
                    + "dependency?");
        }
        Path copy = root.resolve("bundled").resolve(resource);
        Path sidecar = copy.resolveSibling(resource + ".sha256");
        try {
            String stamp = resourceStamp(url);
            String known = knownHash(sidecar, copy, stamp);
            if (known != null && Sha256.ofFile(copy).equals(known)) {
                return new HashedFile(copy, known);
            }
            String[] hash = new String[1];
            AtomicFiles.write(copy, file -> {
                MessageDigest digest = Sha256.newDigest();
                try (InputStream in = new DigestInputStream(url.openStream(), digest);
                     OutputStream out = Files.newOutputStream(file)) {
                    in.transferTo(out);
                }
                hash[0] = HexFormat.of().formatHex(digest.digest());
            });
            writeSidecar(sidecar, hash[0], Files.size(copy), stamp);
            return new HashedFile(copy, hash[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy resource " + resource + " to " + copy, e);
        }
    }

    /** A local file with the hash of its bytes, reusing a stored hash while the file is unchanged. */
    public HashedFile local(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path sidecar = root.resolve("hashes").resolve(Sha256.of(absolute.toString()).substring(0, 24) + ".sha256");
        try {
            BasicFileAttributes attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
            // The change time too: unlike the modification time, no user command can set it back after an edit.
            String stamp = absolute + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis()
                    + "|" + attributes.fileKey() + "|" + changeTime(absolute);
            String known = knownHash(sidecar, absolute, stamp);
            if (known != null) {
                return new HashedFile(absolute, known);
            }
            String hash = Sha256.ofFile(absolute);
            writeSidecar(sidecar, hash, attributes.size(), stamp);
            return new HashedFile(absolute, hash);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + absolute, e);
        }
    }

    /**
     * A copy of the model whose graph also returns {@code extraOutputs}, at
     * {@code <models>/edited/<sha256 of the original>-<hash of the output names>.onnx}; written once and reused.
     */
    Path withExtraOutputs(HashedFile original, OnnxGraph graph, List<String> extraOutputs) {
        String outputsKey = Sha256.of(String.join("\n", extraOutputs)).substring(0, 12);
        Path edited = root.resolve("edited").resolve(original.sha256() + "-" + outputsKey + ".onnx");
        // The name holds the original's hash and the outputs, and the file appears only complete (atomic rename);
        // its bytes are checked against the hash stored when it was written, since the cache can be edited.
        Path sidecar = edited.resolveSibling(edited.getFileName() + ".sha256");
        try {
            if (Files.isRegularFile(edited) && Files.isRegularFile(sidecar)
                    && Files.readString(sidecar, StandardCharsets.UTF_8).trim().equals(Sha256.ofFile(edited))) {
                return edited;
            }
            AtomicFiles.write(edited, file -> graph.writeWithExtraOutputs(extraOutputs, file));
            AtomicFiles.write(sidecar, (Sha256.ofFile(edited) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write edited model " + edited, e);
        }
        return edited;
    }

    /** The file's status-change time where the file system reports one, else empty. */
    private static String changeTime(Path file) {
        try {
            return String.valueOf(Files.getAttribute(file, "unix:ctime"));
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return "";
        }
    }

    /** The stored hash when the sidecar's stamp and size still describe the file, else null. */
    private static String knownHash(Path sidecar, Path file, String stamp) throws IOException {
        if (!Files.isRegularFile(sidecar) || !Files.isRegularFile(file)) {
            return null;
        }
        Properties stored = new Properties();
        try (Reader reader = new StringReader(Files.readString(sidecar, StandardCharsets.UTF_8))) {
            stored.load(reader);
        }
        String sha = stored.getProperty("sha256", "");
        boolean fresh = stamp.equals(stored.getProperty("stamp"))
                && String.valueOf(Files.size(file)).equals(stored.getProperty("size"))
                && sha.matches("[0-9a-f]{64}");
        return fresh ? sha : null;
    }

    private static void writeSidecar(Path sidecar, String sha256, long size, String stamp) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("sha256", sha256);
        properties.setProperty("size", String.valueOf(size));
        properties.setProperty("stamp", stamp);
        StringWriter text = new StringWriter();
        properties.store(text, "SHA-256 of the file beside this one; reused while the stamp matches its source");
        AtomicFiles.write(sidecar, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What identifies a resource's bytes without reading them: its URL plus, inside a jar, the entry's size and
     * CRC-32 from the jar's directory (so a different jar version at the same path is noticed).
     */
    private static String resourceStamp(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            try (java.util.jar.JarFile file = jar.getJarFile()) {
                JarEntry entry = file.getJarEntry(jar.getEntryName());
                return url + "|" + entry.getSize() + "|" + Long.toHexString(entry.getCrc());
            }
        }
        if ("file".equals(url.getProtocol())) {
            try {
                Path path = Path.of(url.toURI());
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                return url + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis();
            } catch (java.net.URISyntaxException e) {
                throw new IOException("unusable resource URL " + url, e);
            }
        }
        // Unknown kind of URL: a stamp that never matches, so the copy is rehashed each time (correct, slower).
        return url + "|" + System.nanoTime();
    }
}
