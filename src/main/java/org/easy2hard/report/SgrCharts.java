package org.easy2hard.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.easy2hard.stats.BootstrapEstimate;
import org.easy2hard.stats.SgrResult;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;

/** The SGR bar chart behind {@link Figures#sgrBars}, and its fallback to the gaps when every SGR is undefined. */
final class SgrCharts {

    private SgrCharts() {
    }

    /** See {@link Figures#sgrBars}. */
    static CategoryChart bars(Map<String, Map<String, SgrResult>> byMeasure) {
        if (byMeasure.isEmpty()) {
            throw new IllegalArgumentException("no measures to plot");
        }
        Set<String> methodSet = new LinkedHashSet<>();
        byMeasure.values().forEach(methods -> methodSet.addAll(methods.keySet()));
        List<String> methods = List.copyOf(methodSet);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no methods to plot");
        }
        if (byMeasure.values().stream().flatMap(results -> results.values().stream()).noneMatch(SgrResult::isDefined)) {
            return sgrGapBars(byMeasure, methods);
        }
        List<String> labels = new ArrayList<>();
        byMeasure.forEach((measure, results) -> {
            List<String> undefined = results.entrySet().stream().filter(e -> !e.getValue().isDefined())
                    .map(Map.Entry::getKey).toList();
            if (undefined.isEmpty()) {
                labels.add(measure);
            } else if (undefined.size() == results.size()) {
                labels.add(measure + " (" + Figures.SGR_UNDEFINED + ")");
            } else {
                labels.add(measure + " (" + Figures.SGR_UNDEFINED + ": " + String.join(", ", undefined) + ")");
            }
        });
        // Both reference lines must be on the axis, and so must every interval.
        double low = 0;
        double high = 1;
        for (Map<String, SgrResult> results : byMeasure.values()) {
            for (SgrResult result : results.values()) {
                Optional<BootstrapEstimate> sgr = result.sgr();
                if (sgr.isPresent()) {
                    low = Math.min(low, sgr.get().estimate() - sgr.get().errorBar());
                    high = Math.max(high, sgr.get().estimate() + sgr.get().errorBar());
                }
            }
        }
        double pad = 0.08 * (high - low);
        CategoryChart chart = ChartLayout.barChart("Supervision gap recovered (hard test items)", "hardness measure",
                "SGR", labels, methods.size(), true);
        chart.getStyler().setYAxisMin(low - pad);
        chart.getStyler().setYAxisMax(high + pad);
        chart.getStyler().setYAxisDecimalPattern("0.0#");
        List<Map<String, SgrResult>> rows = List.copyOf(byMeasure.values());
        for (int s = 0; s < methods.size(); s++) {
            String method = methods.get(s);
            List<Double> heights = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (Map<String, SgrResult> row : rows) {
                Optional<BootstrapEstimate> sgr = Optional.ofNullable(row.get(method)).flatMap(SgrResult::sgr);
                heights.add(sgr.map(BootstrapEstimate::estimate).orElse(Double.NaN));
                errors.add(sgr.map(BootstrapEstimate::errorBar).orElse(0.0));
            }
            chart.addSeries(method, labels, heights, errors).setFillColor(FigureStyle.OTHERS.get(s
                    % FigureStyle.OTHERS.size()));
        }
        chart.addAnnotation(new AnnotationLine(0, false, false));
        chart.addAnnotation(new AnnotationLine(1, false, false));
        return chart;
    }

    /** The gaps E - U and H - U (points, with error bars) of SGRs that are all undefined. */
    private static CategoryChart sgrGapBars(Map<String, Map<String, SgrResult>> byMeasure, List<String> methods) {
        List<String> labels = new ArrayList<>();
        List<SgrResult> results = new ArrayList<>();
        byMeasure.forEach((measure, byMethod) -> methods.stream().filter(byMethod::containsKey).forEach(method -> {
            labels.add(methods.size() > 1 ? measure + " / " + method : measure);
            results.add(byMethod.get(method));
        }));
        CategoryChart chart = ChartLayout.barChart(Figures.SGR_GAPS_TITLE, "hardness measure", "gap (points)", labels,
                2, true);
        List<List<Double>> heights = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> errors = List.of(new ArrayList<>(), new ArrayList<>());
        double low = 0;
        double high = 0;
        for (SgrResult result : results) {
            List<BootstrapEstimate> gaps = List.of(result.unsupervisedEasyGap(), result.supervisionGap());
            for (int g = 0; g < 2; g++) {
                double height = 100 * gaps.get(g).estimate();
                double error = 100 * gaps.get(g).errorBar();
                heights.get(g).add(height);
                errors.get(g).add(error);
                low = Math.min(low, height - error);
                high = Math.max(high, height + error);
            }
        }
        double pad = Math.max(0.5, 0.08 * (high - low));
        chart.getStyler().setYAxisMin(low - pad);
        chart.getStyler().setYAxisMax(high + pad);
        chart.addSeries(Figures.SGR_EASY_GAP, labels, heights.get(0), errors.get(0))
                .setFillColor(FigureStyle.OTHERS.get(0));
        chart.addSeries(Figures.SGR_HARD_GAP, labels, heights.get(1), errors.get(1))
                .setFillColor(FigureStyle.OTHERS.get(1 % FigureStyle.OTHERS.size()));
        chart.addAnnotation(new AnnotationLine(0, false, false));
        return chart;
    }
}
