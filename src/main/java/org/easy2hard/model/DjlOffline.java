package org.easy2hard.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Keeps DJL off the network without the user having to know about it. At first use DJL asks an EC2 metadata
 * address and a telemetry URL about the machine, and may download native libraries, unless it is told it is offline
 * ({@code -Dai.djl.offline=true} or {@code DJL_OFFLINE}) and opted out of tracking ({@code OPT_OUT_TRACKING}). DJL
 * reads both when it first loads an engine, so every class of this library that reaches DJL (the encoder, the
 * in-JVM causal LM and its tokenizer, the probe, LoRA) calls {@link #ensure()} from its static initialiser.
 *
 * <p>{@link #ensure()} sets the system properties {@value #OFFLINE_PROPERTY}{@code =true} and
 * {@value #TRACKING_SWITCH}{@code =true} only where the user has set neither the property nor its environment
 * variable. <b>To let DJL download</b> (native libraries for another platform, models from its zoo), start the JVM
 * with {@code -Dai.djl.offline=false} (or set {@code DJL_OFFLINE=false}); to allow its telemetry too, set
 * {@code OPT_OUT_TRACKING=false}. An explicit choice is never overridden. Calling it again changes nothing.
 */
public final class DjlOffline {

    /** DJL's system property for offline mode. */
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";
    /** The environment variable DJL reads before {@link #OFFLINE_PROPERTY}. */
    public static final String OFFLINE_VARIABLE = "DJL_OFFLINE";
    /** DJL's telemetry opt-out, read as an environment variable, else as a system property of the same name. */
    public static final String TRACKING_SWITCH = "OPT_OUT_TRACKING";

    private DjlOffline() {
    }

    /** Sets DJL's offline and no-telemetry switches where the user has not set them (idempotent). */
    public static void ensure() {
        Properties system = System.getProperties();
        // The lock makes check-then-set atomic against another thread doing the same.
        synchronized (system) {
            defaults(system, System.getenv()).forEach(system::setProperty);
        }
    }

    /**
     * The system properties {@link #ensure()} would set, given the current properties and environment: each switch
     * the user has set neither as a property nor as an environment variable, with the value {@code true}.
     */
    static Map<String, String> defaults(Properties properties, Map<String, String> environment) {
        Map<String, String> missing = new LinkedHashMap<>();
        if (properties.getProperty(OFFLINE_PROPERTY) == null && !environment.containsKey(OFFLINE_VARIABLE)) {
            missing.put(OFFLINE_PROPERTY, "true");
        }
        if (properties.getProperty(TRACKING_SWITCH) == null && !environment.containsKey(TRACKING_SWITCH)) {
            missing.put(TRACKING_SWITCH, "true");
        }
        return missing;
    }
}
