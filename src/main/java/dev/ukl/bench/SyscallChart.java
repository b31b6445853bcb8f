package dev.ukl.bench;

import dev.ukl.UklException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (SyscallReport.Run r : runs) {
            List<Double> values = new ArrayList<>();
            for (String name : cases) {
                SyscallReport.Case b = find(base, name);
                SyscallReport.Case c = find(r, name);
                values.add(c == null || b == null ? 0.0 : 100.0 * c.bestPerCall() / b.bestPerCall());
            }
            series.put(r.form(), values);
        }
        return PercentChart.write("System calls: guest instructions per call, % of the " + base.form()
                + " form (best batch)", base.form(), cases, series, png);
    }

    private static SyscallReport.Case find(SyscallReport.Run r, String name) {
        return r.cases().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
