package org.easy2hard.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.easy2hard.data.Item;
import org.easy2hard.method.MultipleChoiceMethod;
import org.easy2hard.model.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed mid-way (a real child process, killed with SIGKILL) resumes and gives the uninterrupted numbers. */
class ResumeAfterKillTest {

    @TempDir
    Path root;

    @Test
    void killedRunResumesFromItsFinishedUnitsWithIdenticalResults() throws Exception {
        Path interrupted = root.resolve("interrupted");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), ResumeChild.class.getName(),
                interrupted.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && !line.equals(ResumeChild.BLOCKED);
                    line = lines.readLine()) {
                output.add(line);
            }
            child.destroyForcibly();
            child.waitFor();
        }
        String index = Files.readString(interrupted.resolve("units.json"));
        assertTrue(index.contains("unsupervised-b0") && index.contains("easy-b1") && !index.contains("easy-b2"),
                index + " / child said " + output);

        AtomicInteger fits = new AtomicInteger();
        RunResult resumed = Fixtures.runner(interrupted, counting(Fixtures.majority(), fits)).build().run();
        RunResult uninterrupted = Fixtures.runner(root.resolve("uninterrupted"), Fixtures.majority()).build().run();

        assertEquals(4, fits.get(), "only the four unfinished supervised units run again");
        assertEquals(uninterrupted.records(), resumed.records());
    }

    private static MultipleChoiceMethod counting(MultipleChoiceMethod method, AtomicInteger fits) {
        return new MultipleChoiceMethod() {
            @Override
            public String name() {
                return method.name();
            }

            @Override
            public boolean supervised() {
                return method.supervised();
            }

            @Override
            public Map<String, String> settings() {
                return method.settings();
            }

            @Override
            public Fitted fit(List<Item> train, long seed, Progress progress) {
                fits.incrementAndGet();
                return method.fit(train, seed, progress);
            }
        };
    }
}
