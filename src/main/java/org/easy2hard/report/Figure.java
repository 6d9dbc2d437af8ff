package org.easy2hard.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.internal.chartpart.IChart;

/**
 * A chart with the file name it is saved under, so that a notebook or report writes each figure once as PNG and SVG
 * with matching names.
 *
 * @param name  the base file name, without extension, e.g. {@code "rq2-arc-bars"}
 * @param chart the chart
 */
public record Figure(String name, IChart chart) {

    /**
     * Checks that the name is a plain file name.
     *
     * @throws IllegalArgumentException when the name is blank or contains a path separator
     */
    public Figure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(chart, "chart");
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("a figure name is a plain file name without extension, was '" + name
                    + "'");
        }
    }

    /** Writes {@code <name>.png} (at twice the chart's size) into a folder, creating it when missing. */
    public Path savePng(Path directory) throws IOException {
        return Figures.savePng(chart, directory.resolve(name + ".png"));
    }

    /** Writes {@code <name>.svg} into a folder, creating it when missing. */
    public Path saveSvg(Path directory) throws IOException {
        return Figures.saveSvg(chart, directory.resolve(name + ".svg"));
    }

    /** Writes both files; returns them in the order PNG, SVG. */
    public List<Path> saveAll(Path directory) throws IOException {
        return List.of(savePng(directory), saveSvg(directory));
    }
}
