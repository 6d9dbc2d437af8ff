package org.easy2hard.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.easy2hard.io.AtomicFiles;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.IChart;

/** Charts rendered to images and written to PNG or SVG files atomically, behind {@link Figures}' output methods. */
final class ChartFiles {

    private ChartFiles() {
    }

    /** See {@link Figures#savePng(IChart, Path, double)}. */
    static Path savePng(IChart chart, Path file, double scale) throws IOException {
        BufferedImage image = toImage(chart, scale);
        AtomicFiles.write(file, temporary -> {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
        return file;
    }

    /** See {@link Figures#saveSvg}. */
    static Path saveSvg(IChart chart, Path file) throws IOException {
        AtomicFiles.write(file, temporary -> {
            // The temporary file is created owner-only; writing a fresh one gives the usual permissions (umask),
            // like the PNG, so a figure folder can be served or shared as is.
            Files.delete(temporary);
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW)) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            }
        });
        return file;
    }

    /** See {@link Figures#toImage(IChart, double)}. */
    static BufferedImage toImage(IChart chart, double scale) {
        Objects.requireNonNull(chart, "chart");
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive, was " + scale);
        }
        int width = (int) Math.round(chart.getWidth() * scale);
        int height = (int) Math.round(chart.getHeight() * scale);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            graphics.scale(scale, scale);
            chart.paint(graphics, chart.getWidth(), chart.getHeight());
        } finally {
            graphics.dispose();
        }
        return image;
    }
}
