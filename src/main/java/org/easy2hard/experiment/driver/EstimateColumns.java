package org.easy2hard.experiment.driver;

import java.util.List;
import java.util.Optional;
import org.easy2hard.stats.AccuracyResult;
import org.easy2hard.stats.BootstrapEstimate;
import org.easy2hard.stats.SgrResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The six number columns the open-question tables share: accuracy on the hard test items (%) with its 95% interval,
 * and the SGR with its interval. A missing accuracy or an undefined SGR is NaN (shown blank), never 0.
 */
final class EstimateColumns {

    private final DoubleColumn accuracy = DoubleColumn.create("accuracy (%)");
    private final DoubleColumn accuracyLow = DoubleColumn.create("CI low (%)");
    private final DoubleColumn accuracyHigh = DoubleColumn.create("CI high (%)");
    private final DoubleColumn sgr = DoubleColumn.create("SGR");
    private final DoubleColumn sgrLow = DoubleColumn.create("SGR CI low");
    private final DoubleColumn sgrHigh = DoubleColumn.create("SGR CI high");

    EstimateColumns() {
        for (DoubleColumn column : List.of(accuracy, accuracyLow, accuracyHigh)) {
            column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        }
        for (DoubleColumn column : List.of(sgr, sgrLow, sgrHigh)) {
            column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        }
    }

    /** Appends one row: the accuracy (bootstrap mean and interval, in %) and the SGR when it is defined. */
    void append(Optional<AccuracyResult> result, Optional<SgrResult> recovered) {
        accuracy.append(result.map(a -> 100 * a.accuracy().bootstrapMean()).orElse(Double.NaN));
        accuracyLow.append(result.map(a -> 100 * a.accuracy().lower()).orElse(Double.NaN));
        accuracyHigh.append(result.map(a -> 100 * a.accuracy().upper()).orElse(Double.NaN));
        Optional<BootstrapEstimate> ratio = recovered.flatMap(SgrResult::sgr);
        sgr.append(ratio.map(BootstrapEstimate::estimate).orElse(Double.NaN));
        sgrLow.append(ratio.map(BootstrapEstimate::lower).orElse(Double.NaN));
        sgrHigh.append(ratio.map(BootstrapEstimate::upper).orElse(Double.NaN));
    }

    /** The six columns, in table order. */
    List<Column<?>> columns() {
        return List.of(accuracy, accuracyLow, accuracyHigh, sgr, sgrLow, sgrHigh);
    }
}
