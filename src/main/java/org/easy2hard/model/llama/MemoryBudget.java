package org.easy2hard.model.llama;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import java.util.Map;
import org.easy2hard.model.LanguageModelException;
import org.easy2hard.model.llama.internal.MemoryEstimate;

/**
 * How many bytes one batch (its key/value cache and activations, {@link MemoryEstimate#batch()}) may use, and where
 * that number came from: an explicit setting ({@code LlamaModel.Builder.optMemoryBudget}, else
 * {@value #PROPERTY} / {@value #VARIABLE}), else a share of a GPU's free memory as the engine reports it after the
 * weights are loaded, else {@link #DEFAULT_BYTES} (a CPU: the engine does not tell its free memory).
 *
 * @param bytes  the budget
 * @param source where it came from, for messages ("EASY2HARD_MEMORY_BUDGET=6g", "80% of gpu(0)'s free ...")
 */
public record MemoryBudget(long bytes, String source) {

    /** The system property of the setting. */
    public static final String PROPERTY = "easy2hard.memory.budget";
    /** The environment variable of the setting. */
    public static final String VARIABLE = "EASY2HARD_MEMORY_BUDGET";
    /** The budget when nothing is set and the device's free memory is unknown: 2 GiB. */
    public static final long DEFAULT_BYTES = 2L << 30;
    /** The share of a GPU's free memory a batch may use (the rest absorbs the allocator's fragmentation). */
    public static final double FREE_SHARE = 0.8;

    /**
     * The budget for batches on {@code device}.
     *
     * @param explicit    bytes set in code, or a value below 1 for none
     * @param environment the environment (for {@value #VARIABLE})
     */
    public static MemoryBudget resolve(Device device, long explicit, Map<String, String> environment) {
        if (explicit > 0) {
            return new MemoryBudget(explicit, "optMemoryBudget(" + explicit + ")");
        }
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return new MemoryBudget(parseBytes(property, "-D" + PROPERTY), "-D" + PROPERTY + "=" + property);
        }
        String variable = environment.get(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return new MemoryBudget(parseBytes(variable, VARIABLE), VARIABLE + "=" + variable);
        }
        long free = freeBytes(device);
        if (free > 0) {
            return new MemoryBudget((long) (free * FREE_SHARE), String.format(Locale.ROOT,
                    "%.0f%% of %s's free memory (%s)", FREE_SHARE * 100, device, MemoryEstimate.gib(free)));
        }
        return new MemoryBudget(DEFAULT_BYTES, "the default; set " + VARIABLE + " to change it");
    }

    /** Whether nothing was set and the device did not tell its free memory (the budget is the default). */
    public boolean fromDefault() {
        return source.startsWith("the default");
    }

    /** A GPU's free memory as CUDA reports it, or -1 for a CPU or when the engine cannot tell. */
    public static long freeBytes(Device device) {
        if (!device.isGpu()) {
            return -1;
        }
        try {
            if (!CudaUtils.hasCuda()) {
                return -1;
            }
            MemoryUsage usage = CudaUtils.getGpuMemory(device);
            return usage.getMax() - usage.getCommitted();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    /**
     * Bytes from {@code 2147483648}, {@code 512m}, {@code 6g} or {@code 6GiB} (binary units).
     *
     * @param where the setting's name, for the error
     * @throws LanguageModelException naming the setting when the value is not a positive size
     */
    public static long parseBytes(String text, String where) {
        String value = text.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long unit = 1;
        if (!value.isEmpty()) {
            switch (value.charAt(value.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                case 't' -> unit = 1L << 40;
                default -> unit = 1;
            }
        }
        String number = unit == 1 ? value : value.substring(0, value.length() - 1);
        try {
            double amount = Double.parseDouble(number);
            if (amount > 0 && Double.isFinite(amount)) {
                return (long) (amount * unit);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LanguageModelException(where + ": '" + text + "' is not a memory size (e.g. 6g, 512m, 2147483648)");
    }

    /** Whether an engine failure is the device running out of memory (CUDA's or the CPU allocator's message). */
    public static boolean isOutOfMemory(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if ((t instanceof EngineException || t instanceof OutOfMemoryError)
                    && (message.contains("out of memory") || message.contains("can't allocate memory")
                    || message.contains("not enough memory") || message.contains("failed to allocate"))) {
                return true;
            }
        }
        return false;
    }
}
