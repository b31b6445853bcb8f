package dev.ukl.bench;

import dev.ukl.UklException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A bar chart of figures as percentages of a baseline: one group of bars per category, one bar
 * per form, so that categories of very different cost share one axis and 100% is the baseline.
 */
final class PercentChart {
    private PercentChart() {
    }

    /** Writes a PNG; {@code series} maps each form, in order, to one percentage per category. */
    static Path write(String title, String baseline, List<String> categories, Map<String, List<Double>> series,
                      Path png) {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(1200).height(560).title(title)
                .xAxisTitle("case").yAxisTitle("% of " + baseline).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(35);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#");
        series.forEach((form, values) -> chart.addSeries(form, categories, values));
        try {
            Files.createDirectories(png.getParent());
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException | RuntimeException | LinkageError e) {
            throw new UklException("cannot draw the chart " + png + ": " + e.getMessage()
                    + " (fonts: apt-get install fontconfig fonts-dejavu-core)", e);
        }
        return png;
    }
}
