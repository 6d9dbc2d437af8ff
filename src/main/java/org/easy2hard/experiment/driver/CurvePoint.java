package org.easy2hard.experiment.driver;

import java.util.Objects;
import org.easy2hard.stats.AccuracyResult;

/**
 * One point of an accuracy curve: a labelling cost (learning curves) or a noise rate (noisy labels) on the x axis,
 * the training size behind it, and the accuracy with its grid-bootstrap interval.
 *
 * @param x        the x value: cost in labelling units, or the noise probability p
 * @param nTrain   training items behind the point
 * @param accuracy accuracy on the test items the curve is about (hard ones)
 */
public record CurvePoint(double x, int nTrain, AccuracyResult accuracy) {

    /** Checks the accuracy is there. */
    public CurvePoint {
        Objects.requireNonNull(accuracy, "accuracy");
    }
}
