package org.easy2hard.hardness;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.easy2hard.data.Dataset;
import org.easy2hard.data.Item;
import org.easy2hard.stats.Spearman;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The descriptive tables of a dataset's hardness: sizes by source split, easy / medium / hard bin counts per
 * measure, and the Spearman correlation matrix between measures (the paper's RQ1 heat map, as numbers).
 */
public final class HardnessTables {

    private HardnessTables() {
    }

    /**
     * Item counts by source split, with a total row; splits named {@code source/split} (ARC's
     * {@code ARC-Easy/Train}) also get a row per source ({@code ARC-Easy (all)}).
     */
    public static Table sizes(Dataset dataset) {
        Map<String, Integer> bySplit = new TreeMap<>();
        for (Item item : dataset) {
            bySplit.merge(item.split(), 1, Integer::sum);
            int slash = item.split().indexOf('/');
            if (slash > 0) {
                bySplit.merge(item.split().substring(0, slash) + " (all)", 1, Integer::sum);
            }
        }
        StringColumn split = StringColumn.create("split");
        IntColumn count = IntColumn.create("items");
        bySplit.forEach((name, n) -> {
            split.append(name);
            count.append(n);
        });
        split.append("total");
        count.append(dataset.size());
        return Table.create(dataset.name() + ": items by split", split, count);
    }

    /**
     * For each measure: its rule, the resolved cutoffs on this dataset, and the number of easy, medium and hard
     * items (and items without a value).
     */
    public static Table bins(Dataset dataset, List<HardnessMeasure> measures) {
        StringColumn name = StringColumn.create("measure");
        StringColumn label = StringColumn.create("label");
        StringColumn rule = StringColumn.create("rule");
        DoubleColumn easyMax = DoubleColumn.create("easy <=");
        DoubleColumn hardMin = DoubleColumn.create("hard >=");
        IntColumn easy = IntColumn.create("easy");
        IntColumn medium = IntColumn.create("medium");
        IntColumn hard = IntColumn.create("hard");
        IntColumn missing = IntColumn.create("missing");
        for (HardnessMeasure measure : measures) {
            Stratifier stratifier = Stratifier.fit(measure, dataset);
            Map<Level, List<Item>> levels = stratifier.split(dataset);
            int assigned = levels.values().stream().mapToInt(List::size).sum();
            name.append(measure.name());
            label.append(measure.label());
            rule.append(measure.rule().toString());
            easyMax.append(stratifier.cutoffs().easyMax());
            hardMin.append(stratifier.cutoffs().hardMin());
            easy.append(levels.get(Level.EASY).size());
            medium.append(levels.get(Level.MEDIUM).size());
            hard.append(levels.get(Level.HARD).size());
            missing.append(dataset.size() - assigned);
        }
        easyMax.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        hardMin.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        return Table.create(dataset.name() + ": hardness bins", name, label, rule, easyMax, hardMin, easy, medium,
                hard, missing);
    }

    /**
     * Pairwise Spearman correlations (average ranks for ties, pairs with a missing value dropped), as a square
     * matrix whose first column names the row's measure; the columns are named by the measures' labels.
     */
    public static Table correlations(Dataset dataset, List<HardnessMeasure> measures) {
        double[][] matrix = correlationMatrix(dataset, measures.stream().map(HardnessMeasure::name).toList());
        Table table = Table.create(dataset.name() + ": Spearman correlations",
                StringColumn.create("measure", measures.stream().map(HardnessMeasure::label)));
        for (int j = 0; j < measures.size(); j++) {
            DoubleColumn column = DoubleColumn.create(measures.get(j).label());
            for (double[] row : matrix) {
                column.append(row[j]);
            }
            column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
            table.addColumns(column);
        }
        return table;
    }

    /** The Spearman matrix of the named hardness values, in the given order. */
    public static double[][] correlationMatrix(Dataset dataset, List<String> names) {
        double[][] values = names.stream().map(dataset::hardnessValues).toArray(double[][]::new);
        double[][] matrix = new double[names.size()][names.size()];
        for (int i = 0; i < names.size(); i++) {
            for (int j = i; j < names.size(); j++) {
                double rho = i == j ? 1.0 : Spearman.rho(values[i], values[j]);
                matrix[i][j] = rho;
                matrix[j][i] = rho;
            }
        }
        return matrix;
    }
}
