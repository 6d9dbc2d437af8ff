package org.easy2hard.model;

import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The native stack under the PyTorch engine: what this jar was built to pair (DJL, PyTorch and libtorch flavor:
 * {@code cpu}, or {@code cu124} from {@code mvn -Pcuda}) and what actually loaded (DJL, libtorch, the default device,
 * CUDA). {@link #check} compares them at start-up; {@link #facts} goes into run manifests.
 *
 * @param builtDjl       DJL version the jar was built with
 * @param builtPytorch   PyTorch version of the libtorch it bundles
 * @param builtFlavor    {@code cpu} or a CUDA flavor such as {@code cu124}
 * @param djl            DJL version loaded
 * @param libtorch       libtorch version loaded
 * @param device         the engine's default device ({@code gpu(0)}, {@code cpu()})
 * @param cuda           CUDA runtime version when a GPU is visible, else {@code none}
 * @param gpus           visible GPUs
 */
public record NativeRuntime(String builtDjl, String builtPytorch, String builtFlavor, String djl, String libtorch,
        String device, String cuda, int gpus) {

    static {
        // This record loads the PyTorch engine itself (provenance asks it without a model): keep DJL offline first.
        DjlOffline.ensure();
    }

    private static final String BUILD_FILE = "native-build.properties";

    /**
     * Loads the PyTorch engine and reports what it runs on.
     *
     * @throws LanguageModelException when the engine cannot load (with DJL's reason)
     */
    public static NativeRuntime detect() {
        Properties built = built();
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException e) {
            throw new LanguageModelException("the PyTorch engine did not load (" + e.getMessage() + "); the build "
                    + "pairs DJL " + built.getProperty("djl.version") + " with libtorch "
                    + built.getProperty("pytorch.version") + " (" + built.getProperty("pytorch.flavor") + ")");
        }
        int gpus = engine.getGpuCount();
        String cuda = "none";
        if (gpus > 0) {
            try {
                cuda = CudaUtils.getCudaVersionString();
            } catch (RuntimeException | LinkageError e) {
                cuda = "unknown";
            }
        }
        return new NativeRuntime(built.getProperty("djl.version"), built.getProperty("pytorch.version"),
                built.getProperty("pytorch.flavor"), Engine.getDjlVersion(), engine.getVersion(),
                engine.defaultDevice().toString(), cuda, gpus);
    }

    /** What the jar was built to pair (from the Maven-filtered {@value #BUILD_FILE}). */
    public static Properties built() {
        Properties properties = new Properties();
        try (InputStream in = NativeRuntime.class.getResourceAsStream(BUILD_FILE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.putIfAbsent("djl.version", "unknown");
        properties.putIfAbsent("pytorch.version", "unknown");
        properties.putIfAbsent("pytorch.flavor", "unknown");
        return properties;
    }

    /**
     * What is wrong with this pairing, if anything: a DJL or libtorch version other than the build's (a jar of the
     * other build on the class path, or {@code PYTORCH_LIBRARY_PATH} pointing elsewhere) is an error; a CUDA build
     * that sees no GPU is a warning.
     *
     * @return empty when all is well; else a message and whether it is fatal
     */
    public Optional<Problem> problem() {
        if (!builtDjl.equals("unknown") && !djl.equals(builtDjl)
                || !builtPytorch.equals("unknown") && !libtorch.startsWith(builtPytorch)) {
            return Optional.of(new Problem(true, "DJL " + djl + " loaded libtorch " + libtorch + ", but this build "
                    + "pairs DJL " + builtDjl + " with libtorch " + builtPytorch + " (" + builtFlavor + "): rebuild "
                    + "with one command, 'mvn -Pcuda package' for CUDA or 'mvn package' for the CPU, and unset "
                    + "PYTORCH_LIBRARY_PATH / PYTORCH_VERSION if set"));
        }
        if (builtFlavor.startsWith("cu") && gpus == 0) {
            return Optional.of(new Problem(false, "this is the CUDA build (" + builtFlavor + ", libtorch "
                    + libtorch + ") but no GPU is visible: running on the CPU (check nvidia-smi, the driver supports "
                    + "CUDA 12.4, and CUDA_VISIBLE_DEVICES)"));
        }
        return Optional.empty();
    }

    /**
     * A pairing problem.
     *
     * @param fatal   whether work must not start
     * @param message what is wrong and the one command that fixes it
     */
    public record Problem(boolean fatal, String message) {
    }

    /**
     * Detects the runtime and checks it: throws on a fatal problem, returns the runtime (and prints a warning to
     * standard error) otherwise.
     *
     * @throws LanguageModelException on a version mismatch
     */
    public static NativeRuntime check() {
        NativeRuntime runtime = detect();
        Optional<Problem> problem = runtime.problem();
        if (problem.isPresent()) {
            if (problem.get().fatal()) {
                throw new LanguageModelException(problem.get().message());
            }
            System.err.println("easy2hard: warning: " + problem.get().message());
        }
        return runtime;
    }

    /** Facts for a run manifest: {@code device}, {@code cuda}, {@code gpus}, {@code libtorch}, {@code djl}, build. */
    public Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("device", device);
        facts.put("cuda", cuda);
        facts.put("gpus", Integer.toString(gpus));
        facts.put("libtorch", libtorch);
        facts.put("djl", djl);
        facts.put("native_build", builtFlavor + " (DJL " + builtDjl + ", PyTorch " + builtPytorch + ")");
        return facts;
    }
}
