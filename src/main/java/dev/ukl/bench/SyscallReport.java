package dev.ukl.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ukl.UklException;

import java.io.IOException;
import java.nio.file.Files;
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
    private static final Pattern LINE = Pattern.compile("^bench (\\S+) (\\d+) (\\d+)\\s*$");

    /** One measured case. */
    public record Case(String name, long calls, long instructions) {
        public double perCall() {
            return (double) instructions / calls;
        }
    }

    /** One boot's measurements for one form. */
    public record Run(String form, String kernel, List<Case> cases) {
    }

    private final List<Run> runs = new ArrayList<>();

    /** Parses a console; fails if the benchmark did not finish. */
    public static List<Case> parse(List<String> console) {
        List<Case> cases = new ArrayList<>();
        boolean done = false;
        for (String l : console) {
            Matcher m = LINE.matcher(l.strip());
            if (m.matches()) {
                cases.add(new Case(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
            } else if (l.strip().equals("bench done")) {
                done = true;
            }
        }
        if (!done || cases.isEmpty()) {
            throw new UklException("the benchmark did not finish (no 'bench done' line)");
        }
        return cases;
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
        sb.append(String.format("%-18s", "case (per call)"));
        for (Run r : runs) {
            sb.append(String.format(" %16s", r.form()));
        }
        sb.append('\n');
        for (String n : names) {
            sb.append(String.format("%-18s", n));
            for (Run r : runs) {
                Case c = r.cases().stream().filter(x -> x.name().equals(n)).findFirst().orElse(null);
                sb.append(c == null ? String.format(" %16s", "-") : String.format(" %16.2f", c.perCall()));
            }
            sb.append('\n');
        }
        sb.append("figures are guest instructions per call (QEMU -icount shift=0,sleep=off), not time\n");
        return sb.toString();
    }

    /** Writes the report as JSON. */
    public void writeJson(Path file) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("unit", "guest instructions per call");
        doc.put("method", "QEMU -icount shift=0,sleep=off; clock_gettime around batches of calls");
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
                cm.put("per_call", Math.round(c.perCall() * 100) / 100.0);
                cs.add(cm);
            }
            m.put("cases", cs);
            rs.add(m);
        }
        doc.put("runs", rs);
        try {
            Files.createDirectories(file.getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
        } catch (IOException e) {
            throw new UklException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
