package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing the library does with DJL contacts the network, even in a JVM started with neither of DJL's switches
 * ({@code -Dai.djl.offline}, {@code OPT_OUT_TRACKING}, {@code DJL_OFFLINE}) set, as a plain IJava kernel or a user's
 * own program is: {@link DjlOffline} sets them itself. The check runs in a child JVM ({@link NoNetworkProcess}),
 * because this test JVM has the switches from Maven.
 */
class NoNetworkTest {

    @TempDir
    Path dir;

    /** Runs the child with the test classpath and an environment without DJL's switches; returns its output. */
    private List<String> runChild(String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.manager=allow", "-Djava.awt.headless=true"));
        String djlCache = System.getProperty("DJL_CACHE_DIR");
        if (djlCache != null) {
            // Where the build already unpacked DJL's native libraries (a cache setting, not a network switch).
            command.add("-DDJL_CACHE_DIR=" + djlCache);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NoNetworkProcess.class.getName(),
                dir.toString()));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.remove("OPT_OUT_TRACKING");
        environment.remove("DJL_OFFLINE");
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child did not finish:\n" + output);
            assertEquals(0, process.exitValue(), output);
            return output.lines().toList();
        } finally {
            process.destroyForcibly();
        }
    }

    private static List<String> attempts(List<String> output) {
        return output.stream().filter(line -> line.startsWith("attempt ")).toList();
    }

    @Test
    void encoderAndInJvmLlamaRunWithoutAnyConnectionAttempt() throws Exception {
        List<String> output = runChild();
        assertTrue(output.stream().anyMatch(line -> line.startsWith("encoded 2 x ")), String.join("\n", output));
        assertTrue(output.stream().anyMatch(line -> line.startsWith("scored -")), String.join("\n", output));
        assertEquals(List.of(), attempts(output), String.join("\n", output));
        assertTrue(output.contains("done"), String.join("\n", output));
    }

    @Test
    void theRecorderCatchesDjlPhoningHomeWhenTheUserTurnsTheSwitchesOff() throws Exception {
        List<String> output = runChild("--force-online");
        // DJL's first engine load asks the EC2 metadata service for a token before sending telemetry.
        assertTrue(attempts(output).stream().anyMatch(line -> line.startsWith("attempt 169.254.169.254:")),
                String.join("\n", output));
    }
}
