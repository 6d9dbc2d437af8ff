package org.easy2hard.experiment;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.easy2hard.method.MultipleChoiceMethod;

/**
 * One model as the drivers see it: its name, its identity for the manifest, the unsupervised baseline (optional) and
 * the supervised methods to train (probe today; in-context prompting or fine-tuning when a causal LM is wired in).
 * Every driver takes a list of these, so the same driver runs across models ("scales") and methods.
 *
 * @param model        the model's name as records and tables show it
 * @param identity     weights hash and settings, for the manifest
 * @param unsupervised the baseline evaluated with no training; null for none
 * @param supervised   the methods fitted on training items, in order
 */
public record ModelArms(String model, Map<String, String> identity, MultipleChoiceMethod unsupervised,
        List<MultipleChoiceMethod> supervised) {

    /** Checks the fields and copies the collections. */
    public ModelArms {
        Objects.requireNonNull(model, "model");
        identity = Map.copyOf(identity);
        supervised = List.copyOf(supervised);
        if (unsupervised == null && supervised.isEmpty()) {
            throw new IllegalArgumentException("model " + model + " has no method");
        }
        if (supervised.stream().map(MultipleChoiceMethod::name).distinct().count() != supervised.size()) {
            throw new IllegalArgumentException("model " + model + ": supervised methods need distinct names");
        }
    }

    /** The probe (supervised) and the similarity baseline (unsupervised) of an opened encoder. */
    public static ModelArms of(EncoderMethods methods) {
        return new ModelArms(methods.modelName(), methods.identity(), methods.baseline(), List.of(methods.probe()));
    }

    /** A model with one supervised method and an optional baseline (null for none). */
    public static ModelArms of(String model, MultipleChoiceMethod unsupervised, MultipleChoiceMethod supervised) {
        return new ModelArms(model, Map.of(), unsupervised, supervised == null ? List.of() : List.of(supervised));
    }

    /** The baseline, when there is one. */
    public Optional<MultipleChoiceMethod> baseline() {
        return Optional.ofNullable(unsupervised);
    }
}
