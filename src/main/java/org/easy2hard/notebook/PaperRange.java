package org.easy2hard.notebook;

import java.util.Map;
import java.util.Objects;
import org.easy2hard.stats.SgrResult;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's reported range of the Supervision Gap Recovered next to a run's own, so that a reader of a notebook sees
 * what the paper found on large models beside what the model at hand shows.
 *
 * <p>The paper's range is its own summary of its results, as abstract-level summaries of Hase et al. 2024 quote it:
 * easy supervision recovers typically 70% to 100% of the gap, across Llama-2 7b, 13b and 70b and the methods in-context
 * learning, in-context learning with chain of thought, linear probing and QLoRA. Per-cell accuracies and SGRs are not
 * available as text, so only the range is shown, never a number we would have to make up.
 */
public final class PaperRange {

    /** Who reported the range. */
    public static final String SOURCE = "paper (Hase et al. 2024)";

    /** The models behind the paper's range. */
    public static final String MODELS = "Llama-2 7b, 13b, 70b";

    /** The methods behind the paper's range. */
    public static final String METHODS = "ICL, ICL with CoT, linear probe, QLoRA";

    /** The range as the paper states it. */
    public static final String RANGE = "typically 0.70 to 1.00 (70-100% of the gap)";

    private PaperRange() {
    }

    /**
     * One row for the paper's range, then one row per study of this run (its model, method and SGR with interval, or
     * "undefined: why").
     *
     * @param model   the model the studies ran on
     * @param method  the method of the studies, e.g. {@code "linear probe"}
     * @param studies SGR per study name, in the order to show
     */
    public static Table beside(String model, String method, Map<String, SgrResult> studies) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        StringColumn source = StringColumn.create("source");
        StringColumn models = StringColumn.create("model");
        StringColumn methods = StringColumn.create("method");
        StringColumn sgr = StringColumn.create("SGR on hard test items");
        source.append(SOURCE);
        models.append(MODELS);
        methods.append(METHODS);
        sgr.append(RANGE);
        studies.forEach((study, result) -> {
            source.append("this run: " + study);
            models.append(model);
            methods.append(method);
            sgr.append(result.format());
        });
        return Table.create("the paper's SGR beside this run's", source, models, methods, sgr);
    }
}
