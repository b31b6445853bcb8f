package dev.ukl.bench;

import dev.ukl.UklException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The system-call report as a picture: for every case, one bar per form, its cheapest batch per
 * call as a percentage of the first form's (the user program), so that cases of very different
 * cost share one axis and 100% is the baseline.
 */
public final class SyscallChart {
    private SyscallChart() {
    }

    /**
     * Writes a PNG (the name must end in .png); the first run is the baseline. Cases missing
     * from the baseline are left out.
     */
    public static Path write(SyscallReport report, Path png) {
        List<SyscallReport.Run> runs = report.runs();
        if (runs.size() < 2) {
            throw new UklException("a chart needs at least two forms to compare");
        }
        SyscallReport.Run base = runs.get(0);
        List<String> cases = new ArrayList<>();
        for (SyscallReport.Case c : base.cases()) {
            if (!c.name().equals("empty_loop")) {
                cases.add(c.name());
            }
        }
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(1200).height(560)
                .title("System calls: guest instructions per call, % of the " + base.form() + " form (best batch)")
                .xAxisTitle("case").yAxisTitle("% of " + base.form()).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(35);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#");
        for (SyscallReport.Run r : runs) {
            List<Double> values = new ArrayList<>();
            for (String name : cases) {
                SyscallReport.Case b = find(base, name);
                SyscallReport.Case c = find(r, name);
                values.add(c == null || b == null ? 0.0 : 100.0 * c.bestPerCall() / b.bestPerCall());
            }
            chart.addSeries(r.form(), cases, values);
        }
        try {
            Files.createDirectories(png.getParent());
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException | RuntimeException | LinkageError e) {
            throw new UklException("cannot draw the chart " + png + ": " + e.getMessage()
                    + " (fonts: apt-get install fontconfig fonts-dejavu-core)", e);
        }
        return png;
    }

    private static SyscallReport.Case find(SyscallReport.Run r, String name) {
        return r.cases().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
