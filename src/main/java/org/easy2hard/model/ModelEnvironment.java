package org.easy2hard.model;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one environment variable that names a model: {@value #MODEL_VARIABLE}, holding any {@link ModelReference}
 * (a bundled encoder, a directory, {@code hf:owner/name[@revision]} or a server {@code URL[,URL...]#NAME}). The
 * notebooks and {@code bin/notebooks --model} read and set it.
 *
 * <p>The names used before it still work, each with a one-line deprecation warning: {@value #LEGACY_URL_VARIABLE}
 * (server base URLs) with {@value #LEGACY_MODEL_VARIABLE} (the served name) become {@code URL#NAME};
 * {@value #LEGACY_MODEL_VARIABLE} alone (an {@code hf:} reference or a directory) is taken as it is.
 * {@value #MODEL_VARIABLE} wins when both are set.
 */
public final class ModelEnvironment {

    /** The environment variable naming the model. */
    public static final String MODEL_VARIABLE = "EASY2HARD_MODEL";

    /** Deprecated: server base URL(s); use {@value #MODEL_VARIABLE}{@code =URL[,URL...]#NAME}. */
    public static final String LEGACY_URL_VARIABLE = "EASY2HARD_LM_URL";

    /** Deprecated: the served model name (with {@value #LEGACY_URL_VARIABLE}) or a causal LM reference. */
    public static final String LEGACY_MODEL_VARIABLE = "EASY2HARD_LM_MODEL";

    private ModelEnvironment() {
    }

    /**
     * The model reference the environment names, as written (not parsed, so that a notebook can show it and a path
     * need not exist yet), with one warning line per deprecated variable read.
     *
     * @param environment the environment ({@code System.getenv()})
     * @param warnings    where deprecation warnings go (e.g. {@code System.err::println})
     */
    public static Optional<String> reference(Map<String, String> environment, Consumer<String> warnings) {
        String model = value(environment, MODEL_VARIABLE);
        String url = value(environment, LEGACY_URL_VARIABLE);
        String legacyModel = value(environment, LEGACY_MODEL_VARIABLE);
        if (model != null) {
            if (url != null || legacyModel != null) {
                warnings.accept("easy2hard: " + MODEL_VARIABLE + " is set, so the deprecated " + LEGACY_URL_VARIABLE
                        + " / " + LEGACY_MODEL_VARIABLE + " are ignored");
            }
            return Optional.of(model);
        }
        if (url != null) {
            warnings.accept("easy2hard: " + LEGACY_URL_VARIABLE + " and " + LEGACY_MODEL_VARIABLE + " are deprecated; "
                    + "set " + MODEL_VARIABLE + "=URL[,URL...]#SERVED_MODEL_NAME instead");
            return Optional.of(legacyModel == null ? url : url + "#" + legacyModel);
        }
        if (legacyModel != null) {
            warnings.accept("easy2hard: " + LEGACY_MODEL_VARIABLE + " is deprecated; set " + MODEL_VARIABLE + "="
                    + legacyModel + " instead");
            return Optional.of(legacyModel);
        }
        return Optional.empty();
    }

    /** The parsed reference the environment names, if any (see {@link #reference}). */
    public static Optional<ModelReference> parse(Map<String, String> environment, Consumer<String> warnings) {
        return reference(environment, warnings).map(ModelReference::parse);
    }

    private static String value(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
