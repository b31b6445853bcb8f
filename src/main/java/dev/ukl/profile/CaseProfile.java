package dev.ukl.profile;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Where the guest instructions of one benchmark case went, by function, across the app and the
 * kernel: the counts of its profile windows attributed to symbols.
 *
 * @param calls        the calls the windows hold (windows times the case's batch)
 * @param instructions every instruction counted in the windows
 * @param app          those in the app's code (the UKL app's text, or the user program)
 */
public record CaseProfile(String name, long calls, long windows, long instructions, long app, List<Row> rows) {
    /** One function: where it is ("app" or "kernel") and the instructions counted in it. */
    public record Row(String function, String region, long instructions) {
    }

    /**
     * Attributes each address's count to its symbol; {@code isApp} says which addresses are the
     * app's code. Rows are sorted by count, largest first.
     */
    public static CaseProfile of(String name, long calls, long windows, Map<Long, Long> counts, Symbols symbols,
                                 LongPredicate isApp) {
        Map<String, long[]> byFunction = new LinkedHashMap<>();
        Map<String, String> region = new LinkedHashMap<>();
        long total = 0;
        long app = 0;
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            boolean inApp = isApp.test(e.getKey());
            String where = inApp ? "app" : "kernel";
            String f = symbols.nameOf(e.getKey());
            String key = where + " " + f;
            byFunction.computeIfAbsent(key, k -> new long[1])[0] += e.getValue();
            region.put(key, where);
            total += e.getValue();
            if (inApp) {
                app += e.getValue();
            }
        }
        List<Row> rows = new ArrayList<>();
        byFunction.forEach((k, v) -> rows.add(new Row(k.substring(k.indexOf(' ') + 1), region.get(k), v[0])));
        rows.sort(Comparator.comparingLong(Row::instructions).reversed().thenComparing(Row::function));
        return new CaseProfile(name, calls, windows, total, app, List.copyOf(rows));
    }

    /** Instructions per call. */
    public double perCall() {
        return calls == 0 ? 0 : (double) instructions / calls;
    }

    /** Instructions in the system-call entry and return (see {@link EntryPath}). */
    @JsonProperty
    public long entryPath() {
        return rows.stream().filter(r -> r.region().equals("kernel") && EntryPath.contains(r.function()))
                .mapToLong(Row::instructions).sum();
    }

    /** Instructions in the kernel outside the entry and return: the calls' own work (and interrupts). */
    @JsonProperty
    public long work() {
        return instructions - app - entryPath();
    }

    /**
     * The app's code and the calls' work: what this case would still count with an entry and a
     * return that cost nothing.
     */
    @JsonProperty
    public long floor() {
        return instructions - entryPath();
    }

    /** Instructions per call of a count of this case's. */
    public double per(long n) {
        return calls == 0 ? 0 : (double) n / calls;
    }

    /** The case as a table: the {@code top} largest functions, the rest summed in one line. */
    public String table(String form, int top) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %s: %,d calls in %,d windows, %.2f guest instructions per call "
                + "(app %.2f, kernel %.2f)%n", name, form, calls, windows, perCall(), per(app),
                per(instructions - app)));
        sb.append(String.format(Locale.ROOT, "  %-40s %-6s %12s %7s%n", "function", "where", "instr/call", "share"));
        long shown = 0;
        for (int i = 0; i < Math.min(top, rows.size()); i++) {
            Row r = rows.get(i);
            shown += r.instructions();
            sb.append(line(r.function(), r.region(), r.instructions()));
        }
        if (rows.size() > top) {
            sb.append(line("(" + (rows.size() - top) + " more functions)", "", instructions - shown));
        }
        return sb.toString();
    }

    private String line(String function, String where, long n) {
        return String.format(Locale.ROOT, "  %-40s %-6s %12.2f %6.1f%%%n", function, where, per(n),
                instructions == 0 ? 0 : 100.0 * n / instructions);
    }
}
