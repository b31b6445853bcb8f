package dev.ukl.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The clock mode's table: per case, each form's TSC cycles per call in the cheapest batch,
 * median (lowest-highest) over the rounds, with the median in nanoseconds, and each form's
 * ratio to the user form of the same round. Emulated figures say so on every line.
 */
public final class ClockReport {
    /** The mark every line of an emulated run ends with. */
    public static final String EMULATED = "  [TCG: emulated, not hardware cycles]";

    private ClockReport() {
    }

    /** What the syscall benchmark's figures are. */
    public static final String PER_CALL = "TSC cycles per call in the cheapest batch";

    public static String table(ClockBench.Result r) {
        return table(r, PER_CALL);
    }

    /** The table of figures that are {@code what} (cycles per call, per run of a script, ...). */
    public static String table(ClockBench.Result r, String what) {
        String mark = r.facts().emulated() ? EMULATED : "";
        List<String> lines = new ArrayList<>();
        lines.add("clock mode: " + what + ", median (lowest-highest) over " + r.rounds()
                + " rounds, the forms alternated in each");
        r.facts().describe().forEach(lines::add);
        String base = r.forms().get(0);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-16s", "case"));
        for (String f : r.forms()) {
            head.append(String.format(Locale.ROOT, " %30s", f));
        }
        for (String f : r.forms().subList(1, r.forms().size())) {
            head.append(String.format(Locale.ROOT, " %20s", f + " / " + base));
        }
        lines.add(head.toString());
        for (String name : r.cases()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-16s", name));
            for (String f : r.forms()) {
                List<ClockBench.Sample> s = r.of(f, name);
                if (s.isEmpty()) {
                    row.append(String.format(Locale.ROOT, " %30s", "-"));
                    continue;
                }
                Spread cycles = Spread.of(s.stream().map(ClockBench.Sample::bestPerCall).toList());
                double ns = r.facts().nanos(cycles.median());
                // a whole program's run is millions of cycles: its tenths say nothing
                row.append(String.format(Locale.ROOT, " %30s", cycles.format(cycles.median() >= 1e5 ? 0 : 1)
                        + time(ns)));
            }
            for (String f : r.forms().subList(1, r.forms().size())) {
                List<Double> ratios = ratios(r, base, f, name);
                row.append(String.format(Locale.ROOT, " %20s", ratios.isEmpty() ? "-" : Spread.of(ratios).format(2)));
            }
            lines.add(row.toString());
        }
        lines.add("ratios: each round's figure over the " + base + " form's in the same round");
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append(mark).append('\n');
        }
        return sb.toString();
    }

    /** A median's time: nanoseconds, or milliseconds from a million on; nothing without a frequency. */
    static String time(double ns) {
        if (Double.isNaN(ns)) {
            return "";
        }
        return ns >= 1e6 ? String.format(Locale.ROOT, " %.2fms", ns / 1e6) : String.format(Locale.ROOT, " %.1fns", ns);
    }

    /** The form's cheapest-batch figure over the baseline's, round by round, where both ran. */
    static List<Double> ratios(ClockBench.Result r, String base, String form, String name) {
        List<Double> out = new ArrayList<>();
        for (ClockBench.Sample b : r.of(form, name)) {
            r.of(base, name).stream().filter(a -> a.round() == b.round()).findFirst()
                    .ifPresent(a -> out.add(b.bestPerCall() / a.bestPerCall()));
        }
        return out;
    }
}
