package org.easy2hard.stats;

/**
 * Whether a Supervision Gap Recovered could be reported, and if not, why. SGR divides by the supervision gap
 * H &minus; U (hard-trained minus unsupervised accuracy); when that gap is not clearly positive the ratio is noise or
 * has the wrong sign, so it is withheld rather than printed as a number. The checks run in the order listed.
 */
public enum SgrStatus {
    /** The supervision gap is clearly positive; the SGR and its interval are reported. */
    DEFINED,
    /** The point estimate of H &minus; U is zero or negative: hard data did not beat no supervision at all. */
    GAP_NOT_POSITIVE,
    /** H &minus; U is positive but below the configured minimum, so the ratio would magnify noise. */
    GAP_BELOW_MINIMUM,
    /** The bootstrap interval of H &minus; U reaches zero or below: the denominator is not distinguishable from 0. */
    GAP_INTERVAL_REACHES_ZERO
}
