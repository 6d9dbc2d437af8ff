package org.easy2hard.stats;

import java.util.Objects;
import java.util.Optional;

/**
 * Supervision Gap Recovered, {@code SGR = (E - U) / (H - U)}, for unsupervised U, easy-trained E and hard-trained H on
 * the same hard test items, together with the gaps it is built from. All statistics come from the same joint
 * resamples (rows shared by the three conditions, each condition's columns drawn independently).
 *
 * <p>The SGR itself is present only when {@link #status()} is {@link SgrStatus#DEFINED}; otherwise {@link #sgr()} is
 * empty and {@link #reason()} says why. The gaps are always reported.
 *
 * @param status whether the SGR is defined
 * @param reason one sentence explaining the status, with the numbers it rests on
 * @param sgr the SGR (plug-in estimate = ratio of the plug-in gaps) with its interval; resamples with a non-finite
 *     ratio are dropped and counted in {@link BootstrapEstimate#resamplesDropped()}; empty unless defined
 * @param supervisionGap H &minus; U, the denominator
 * @param unsupervisedEasyGap E &minus; U, the numerator: what easy supervision adds over none
 * @param easyHardGap H &minus; E: what hard supervision adds over easy
 * @param unsupervisedAccuracy U's plug-in accuracy on the shared items
 * @param easyAccuracy E's plug-in accuracy on the shared items
 * @param hardAccuracy H's plug-in accuracy on the shared items
 * @param sharedItems items observed in all three conditions; the only rows used
 */
public record SgrResult(SgrStatus status, String reason, Optional<BootstrapEstimate> sgr,
        BootstrapEstimate supervisionGap, BootstrapEstimate unsupervisedEasyGap, BootstrapEstimate easyHardGap,
        double unsupervisedAccuracy, double easyAccuracy, double hardAccuracy, int sharedItems) {

    /**
     * Checks that the SGR is present exactly when the status says it is defined.
     *
     * @throws IllegalArgumentException when status and SGR disagree
     */
    public SgrResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(sgr, "sgr");
        Objects.requireNonNull(supervisionGap, "supervisionGap");
        Objects.requireNonNull(unsupervisedEasyGap, "unsupervisedEasyGap");
        Objects.requireNonNull(easyHardGap, "easyHardGap");
        if (sgr.isPresent() != (status == SgrStatus.DEFINED)) {
            throw new IllegalArgumentException("an SGR must be present exactly when the status is DEFINED; status "
                    + status + ", SGR " + (sgr.isPresent() ? "present" : "absent"));
        }
    }

    /** True when the SGR is reported. */
    public boolean isDefined() {
        return status == SgrStatus.DEFINED;
    }

    /**
     * The SGR and its interval, e.g. {@code "0.87 [0.71, 1.02]"}, or {@code "undefined: <reason>"}.
     */
    public String format() {
        return sgr.map(BootstrapEstimate::formatRatio).orElse("undefined: " + reason);
    }
}
