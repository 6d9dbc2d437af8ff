package org.easy2hard.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a result came from: library version, source commit when known, Java and operating system, the device and
 * the CUDA, libtorch and DJL versions.
 */
final class Provenance {

    private Provenance() {
    }

    /** The library's version from its jar manifest, or "development" when running from classes. */
    static String libraryVersion() {
        String version = Provenance.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /**
     * The git commit of the checkout the working directory is in, read from {@code .git} directly (no process is
     * started): empty outside a checkout.
     */
    static Optional<String> gitCommit(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path git = dir.resolve(".git");
            if (Files.isDirectory(git)) {
                return readHead(git);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> readHead(Path git) {
        try {
            String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).trim();
            if (!head.startsWith("ref: ")) {
                return Optional.of(head);
            }
            String ref = head.substring(5);
            Path loose = git.resolve(ref);
            if (Files.exists(loose)) {
                return Optional.of(Files.readString(loose, StandardCharsets.UTF_8).trim());
            }
            Path packed = git.resolve("packed-refs");
            if (Files.exists(packed)) {
                for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                    if (line.endsWith(" " + ref)) {
                        return Optional.of(line.substring(0, line.indexOf(' ')));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Library version, git commit, creation time and environment: a manifest's provenance block. */
    static Map<String, Object> collect() {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("library_version", libraryVersion());
        provenance.put("git_commit", gitCommit(Path.of("")).orElse("unknown"));
        provenance.put("created", java.time.Instant.now().toString());
        provenance.putAll(environment());
        return provenance;
    }

    /** Java and operating-system facts that can change numerics or speed. */
    static Map<String, String> environment() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        facts.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        // The device and the native versions under the PyTorch engine (they change numerics and speed). This loads
        // the engine, but an encoder's probe run loads it anyway (LinearProbe fits on PyTorch, and the planner asks
        // the probe's runtime for the manifest); only runs with no PyTorch method (a prompting server, a test's
        // stand-in method) pay for it, and they record the device too, so every manifest has the same fields.
        // Provenance is not part of the configuration digest, so none of this affects resuming.
        try {
            org.easy2hard.model.NativeRuntime.detect().facts().forEach(facts::put);
        } catch (RuntimeException | LinkageError e) {
            facts.put("device", "unavailable: " + e.getMessage());
        }
        return facts;
    }
}
