package dev.ukl.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two profiles of the same work (one source, two forms) side by side, function by function, per
 * call: where one form spends more or fewer guest instructions than the other. The UKL app's
 * functions carry the {@code ukl_} prefix its archive gave every symbol; an app function is
 * matched across the forms without it.
 */
public final class ProfileComparison {
    static final String UKL_PREFIX = "ukl_";

    /** One function in both profiles, in instructions per call (0 where a form never ran it). */
    public record Row(String function, String region, double base, double other) {
        public double difference() {
            return other - base;
        }
    }

    private ProfileComparison() {
    }

    /** Every function of either profile, the largest difference (either way) first. */
    public static List<Row> rows(CaseProfile base, CaseProfile other) {
        Map<String, double[]> merged = new LinkedHashMap<>();
        add(merged, base, 0);
        add(merged, other, 1);
        List<Row> rows = new ArrayList<>();
        merged.forEach((key, v) -> {
            int space = key.indexOf(' ');
            rows.add(new Row(key.substring(space + 1), key.substring(0, space), v[0], v[1]));
        });
        rows.sort(Comparator.comparingDouble((Row r) -> -Math.abs(r.difference())).thenComparing(Row::function));
        return rows;
    }

    private static void add(Map<String, double[]> merged, CaseProfile p, int column) {
        for (CaseProfile.Row r : p.rows()) {
            merged.computeIfAbsent(r.region() + " " + name(r), k -> new double[2])[column] += p.per(r.instructions());
        }
    }

    /** An app function's name without the UKL archive's prefix; kernel functions as they are. */
    static String name(CaseProfile.Row r) {
        return r.region().equals("app") && r.function().startsWith(UKL_PREFIX)
                ? r.function().substring(UKL_PREFIX.length()) : r.function();
    }

    /**
     * The comparison as a table: totals for the app and the kernel, then the {@code top} functions
     * whose counts differ most, and what the others add up to; {@code unit} names what a profile's
     * calls are ("call", "run").
     */
    public static String table(String unit, String baseLabel, CaseProfile base, String otherLabel, CaseProfile other,
                               int top) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %s against %s, guest instructions per %s%n", base.name(),
                otherLabel, baseLabel, unit));
        sb.append(String.format(Locale.ROOT, "  %-40s %-6s %14s %14s %14s%n", "function", "where", baseLabel,
                otherLabel, "difference"));
        sb.append(line("(all)", "", base.perCall(), other.perCall()));
        sb.append(line("(app)", "", base.per(base.app()), other.per(other.app())));
        sb.append(line("(kernel)", "", base.per(base.instructions() - base.app()),
                other.per(other.instructions() - other.app())));
        List<Row> rows = rows(base, other);
        double restBase = base.perCall();
        double restOther = other.perCall();
        for (int i = 0; i < Math.min(top, rows.size()); i++) {
            Row r = rows.get(i);
            sb.append(line(r.function(), r.region(), r.base(), r.other()));
            restBase -= r.base();
            restOther -= r.other();
        }
        if (rows.size() > top) {
            sb.append(line("(" + (rows.size() - top) + " more functions)", "", restBase, restOther));
        }
        return sb.toString();
    }

    private static String line(String function, String where, double base, double other) {
        return String.format(Locale.ROOT, "  %-40s %-6s %,14.0f %,14.0f %+,14.0f%n", function, where, base, other,
                other - base);
    }
}
