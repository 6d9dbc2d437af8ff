package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs fill the same cache directory with the same texts at the same time. Each must get correct features, and
 * afterwards every entry must be valid with no temporary file left behind.
 */
class CacheTwoProcessesTest {

    private static final int TEXTS = 1500;

    @TempDir
    Path dir;

    @Test
    void twoProcessesFillingOneCacheLeaveItCorrect() throws Exception {
        List<Process> processes = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), CacheFillerProcess.class.getName(),
                        dir.toString(), Integer.toString(TEXTS))
                        .redirectErrorStream(true)
                        .start();
                processes.add(process);
                outputs.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (BufferedReader output : outputs) {
                assertEquals("ready", output.readLine());
            }
            // Both are waiting: release them together.
            for (Process process : processes) {
                OutputStream in = process.getOutputStream();
                in.write('\n');
                in.flush();
            }
            for (int i = 0; i < 2; i++) {
                String report = outputs.get(i).readLine();
                assertTrue(processes.get(i).waitFor(60, TimeUnit.SECONDS), "child " + i + " did not finish");
                assertEquals(0, processes.get(i).exitValue(), "child " + i + ": " + report);
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        assertEveryEntryValid();
    }

    private void assertEveryEntryValid() throws IOException {
        FeatureCache cache = FeatureCache.at(dir);
        ModelIdentity identity = new FakeEncoder(8).identity();
        for (int i = 0; i < TEXTS; i++) {
            String text = "text " + i;
            FeatureCache.Lookup lookup = cache.read(identity, text, 8);
            assertEquals(FeatureCache.Status.VALID, lookup.status(), text);
            assertArrayEquals(FakeEncoder.expected(text, 8), lookup.features(), text);
        }
        try (var files = Files.walk(dir)) {
            assertTrue(files.noneMatch(path -> path.getFileName().toString().endsWith(".tmp")));
        }
    }
}
