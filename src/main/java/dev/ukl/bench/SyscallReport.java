package dev.ukl.bench;

import dev.ukl.UklException;
import dev.ukl.util.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Results of the syscall benchmark: for each case and each form (user mode, UKL...), guest
 * instructions per call, measured under QEMU's -icount so that they count, not time.
 */
public final class SyscallReport {
    private static final Pattern LINE = Pattern.compile("^bench (\\S+) (\\d+) (\\d+) (\\d+) (\\d+)\\s*$");

    /**
     * One measured case: {@code calls} calls cost {@code instructions} in all; the cheapest
     * batch of {@code batch} calls cost {@code bestBatch}.
     */
    public record Case(String name, long calls, long instructions, long batch, long bestBatch) {
        /** Mean per call, timer interrupts and slow paths included. */
        public double perCall() {
            return (double) instructions / calls;
        }

        /** Per call in the cheapest batch: the figure that repeats exactly from boot to boot. */
        public double bestPerCall() {
            return (double) bestBatch / batch;
        }
    }

    /** One boot's measurements for one form. */
    public record Run(String form, String kernel, List<Case> cases) {
        /** This run's cases followed by another program's, measured in the same form. */
        public Run with(Run other) {
            List<Case> all = new ArrayList<>(cases);
            all.addAll(other.cases());
            return new Run(form, kernel, List.copyOf(all));
        }
    }

    private final List<Run> runs = new ArrayList<>();

    /** Parses a console; fails if the benchmark did not finish. */
    public static List<Case> parse(List<String> console) {
        List<Case> cases = new ArrayList<>();
        boolean done = false;
        for (String l : console) {
            Matcher m = LINE.matcher(l.strip());
            if (m.matches()) {
                cases.add(new Case(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4)), Long.parseLong(m.group(5))));
            } else if (l.strip().equals("bench done")) {
                done = true;
            }
        }
        if (!done || cases.isEmpty()) {
            throw new UklException("the benchmark did not finish (no 'bench done' line)");
        }
        return cases;
    }

    /**
     * The runs of a report written by {@link #writeJson} (an earlier run, e.g. on another
     * kernel), each form prefixed with {@code prefix} so it stands apart beside today's.
     */
    public static List<Run> readJson(Path file, String prefix) {
        try {
            com.fasterxml.jackson.databind.JsonNode doc = Json.MAPPER.readTree(file.toFile());
            List<Run> out = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode r : doc.path("runs")) {
                List<Case> cases = new ArrayList<>();
                for (com.fasterxml.jackson.databind.JsonNode c : r.path("cases")) {
                    cases.add(new Case(c.path("case").asText(), c.path("calls").asLong(),
                            c.path("instructions").asLong(), c.path("batch").asLong(),
                            c.path("best_batch_instructions").asLong()));
                }
                out.add(new Run(prefix + r.path("form").asText(), r.path("kernel").asText(), List.copyOf(cases)));
            }
            if (out.isEmpty()) {
                throw new UklException("no benchmark runs in " + file);
            }
            return out;
        } catch (IOException e) {
            throw new UklException("cannot read the baseline report " + file + ": " + e.getMessage(), e);
        }
    }

    public void add(Run run) {
        runs.add(run);
    }

    public List<Run> runs() {
        return List.copyOf(runs);
    }

    /** A table: one row per case, one column per run, guest instructions per call. */
    public String table() {
        List<String> names = new ArrayList<>();
        for (Run r : runs) {
            for (Case c : r.cases()) {
                if (!names.contains(c.name())) {
                    names.add(c.name());
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-18s", "case"));
        for (Run r : runs) {
            int w = width(r);
            sb.append(String.format(" %" + w + "s %" + w + "s", r.form() + " best", r.form() + " mean"));
        }
        sb.append('\n');
        for (String n : names) {
            sb.append(String.format("%-18s", n));
            for (Run r : runs) {
                int w = width(r);
                Case c = r.cases().stream().filter(x -> x.name().equals(n)).findFirst().orElse(null);
                sb.append(c == null ? String.format(" %" + w + "s %" + w + "s", "-", "-")
                        : String.format(" %" + w + ".2f %" + w + ".2f", c.bestPerCall(), c.perCall()));
            }
            sb.append('\n');
        }
        sb.append("guest instructions per call under QEMU -icount shift=0,sleep=off (counts, not time);\n"
                + "best: cheapest batch, repeats exactly; mean: all calls, includes timer interrupts\n");
        return sb.toString();
    }

    private static int width(Run r) {
        return Math.max(11, r.form().length() + 5);
    }

    /** Writes the report as JSON. */
    public void writeJson(Path file) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("unit", "guest instructions per call");
        doc.put("method", "QEMU -icount shift=0,sleep=off; rdtsc around batches of calls; "
                + "best = cheapest batch per call, mean = all calls");
        List<Map<String, Object>> rs = new ArrayList<>();
        for (Run r : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("form", r.form());
            m.put("kernel", r.kernel());
            List<Map<String, Object>> cs = new ArrayList<>();
            for (Case c : r.cases()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("case", c.name());
                cm.put("calls", c.calls());
                cm.put("instructions", c.instructions());
                cm.put("batch", c.batch());
                cm.put("best_batch_instructions", c.bestBatch());
                cm.put("per_call_best", Math.round(c.bestPerCall() * 100) / 100.0);
                cm.put("per_call_mean", Math.round(c.perCall() * 100) / 100.0);
                cs.add(cm);
            }
            m.put("cases", cs);
            rs.add(m);
        }
        doc.put("runs", rs);
        Json.write(file, doc);
    }
}
