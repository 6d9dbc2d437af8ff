package org.easy2hard.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NativeRuntimeTest {

    @Test
    void thisBuildPairsWhatLoadsAndReportsTheCpu() {
        NativeRuntime runtime = NativeRuntime.detect();
        // the build's own pairing, filtered in by Maven from the pom's properties
        assertEquals(runtime.builtDjl(), runtime.djl());
        assertTrue(runtime.libtorch().startsWith(runtime.builtPytorch()), runtime.toString());
        assertEquals("cpu", runtime.builtFlavor());
        assertEquals("cpu()", runtime.device());
        assertEquals("none", runtime.cuda());
        assertFalse(runtime.problem().isPresent());
        Map<String, String> facts = runtime.facts();
        assertEquals(runtime.libtorch(), facts.get("libtorch"));
        assertEquals("cpu()", facts.get("device"));
        assertEquals("none", facts.get("cuda"));
    }

    @Test
    void aLibtorchOfTheOtherBuildIsAnErrorNamingTheCommand() {
        NativeRuntime mixed = new NativeRuntime("0.33.0", "2.5.1", "cu124", "0.36.0", "2.7.1", "cpu()", "none", 0);
        NativeRuntime.Problem problem = mixed.problem().orElseThrow();
        assertTrue(problem.fatal());
        assertTrue(problem.message().contains("DJL 0.36.0 loaded libtorch 2.7.1")
                && problem.message().contains("pairs DJL 0.33.0 with libtorch 2.5.1")
                && problem.message().contains("mvn -Pcuda package"), problem.message());
    }

    @Test
    void aCudaBuildWithoutAGpuIsAWarning() {
        NativeRuntime noGpu = new NativeRuntime("0.33.0", "2.5.1", "cu124", "0.33.0", "2.5.1", "cpu()", "none", 0);
        NativeRuntime.Problem problem = noGpu.problem().orElseThrow();
        assertFalse(problem.fatal());
        assertTrue(problem.message().contains("no GPU is visible"), problem.message());
        NativeRuntime gpu = new NativeRuntime("0.33.0", "2.5.1", "cu124", "0.33.0", "2.5.1", "gpu(0)", "12040", 1);
        assertFalse(gpu.problem().isPresent());
    }
}
