package org.easy2hard.experiment;

import java.util.List;
import java.util.Map;
import org.easy2hard.stats.ItemResult;

/**
 * What one unit of a run produced: one training draw of one pool (or the single unsupervised evaluation), fitted and
 * evaluated on its test set.
 *
 * @param unit        the unit's name, e.g. {@code easy-b3}
 * @param pool        the train pool
 * @param bootstrap   the bootstrap index
 * @param trainIds    the training items' ids, in draw order
 * @param diagnostics the fit's diagnostics (final loss, weight norm, ...)
 * @param records     one record per test item
 */
public record UnitResult(String unit, TrainPool pool, int bootstrap, List<String> trainIds,
        Map<String, Double> diagnostics, List<ItemResult> records) {

    /** Copies the collections. */
    public UnitResult {
        trainIds = List.copyOf(trainIds);
        diagnostics = Map.copyOf(diagnostics);
        records = List.copyOf(records);
    }

    /** The unit name of a pool and bootstrap. */
    public static String name(TrainPool pool, int bootstrap) {
        return pool.label() + "-b" + bootstrap;
    }
}
