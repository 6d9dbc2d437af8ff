package org.easy2hard.data;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The paper's model-based-hardness hold-out: 1,000 ARC ids and 1,000 GSM8k rows drawn with
 * {@code numpy.random.default_rng(0).choice(N, 1000, replace=False)}. They are used only to fit MDL estimators;
 * every experiment runs on the rest, the probing set. The lists ship with the library (project folder
 * {@code data/holdout}, see its README for provenance) so that no numpy generator has to be re-implemented.
 */
public final class HoldOut {

    private static final String ARC_RESOURCE = "holdout/arc-mdl-holdout-ids.json";
    private static final String GSM8K_RESOURCE = "holdout/gsm8k-mdl-holdout-rows.json";

    private HoldOut() {
    }

    /** The 1,000 held-out ARC ids. */
    public static List<String> arcIds() {
        return read(ARC_RESOURCE);
    }

    /** The 1,000 held-out GSM8k rows as {@code train:LINE} / {@code test:LINE} ids (0-based lines). */
    public static List<String> gsm8kIds() {
        return read(GSM8K_RESOURCE);
    }

    private static List<String> read(String resource) {
        try (InputStream in = HoldOut.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the easy2hard jar");
            }
            List<String> ids = new ObjectMapper().readValue(in, new TypeReference<List<String>>() { });
            if (ids.size() != 1000 || ids.stream().distinct().count() != 1000) {
                throw new IllegalStateException("resource " + resource + " should hold 1,000 distinct ids, holds "
                        + ids.size());
            }
            return List.copyOf(ids);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }
}
