package dev.ukl.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ukl.UklException;
import dev.ukl.guest.GuestPrograms;
import dev.ukl.guest.Pipeline;
import dev.ukl.guest.SqliteScript;
import dev.ukl.image.GuestImage;
import dev.ukl.runtime.SqliteBuild;
import dev.ukl.vm.QemuCommand;
import dev.ukl.vm.Vm;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole-application figure: the SQLite shell running the 10,000-row script (the same one the
 * SQLite test compares), as a static musl program and as the UKL app, alternately in one boot of
 * the UKL kernel under -icount. Each run is counted in guest instructions from fork to wait
 * (guest/tools/icount-run), kernel work included.
 */
public final class SqliteBench {
    private static final Pattern LINE = Pattern.compile("^icount (user|ukl) (\\d+) (\\d+)\\s*$");

    /** The counts of every run, per form, in the order they ran. */
    public record Result(List<Long> user, List<Long> ukl) {
        static long min(List<Long> l) {
            return l.stream().mapToLong(Long::longValue).min().orElse(0);
        }

        static long median(List<Long> l) {
            List<Long> s = l.stream().sorted().toList();
            return s.isEmpty() ? 0 : s.get(s.size() / 2);
        }

        public String table() {
            return table(null);
        }

        /** The table, with an earlier result's rows (another kernel's, say) above this one's. */
        public String table(Result baseline) {
            StringBuilder sb = new StringBuilder(String.format("%-16s %6s %16s %16s%n", "sqlite script", "runs",
                    "min", "median"));
            if (baseline != null) {
                sb.append(String.format("%-16s %6d %16d %16d%n", "base:user", baseline.user.size(),
                        min(baseline.user), median(baseline.user)));
                sb.append(String.format("%-16s %6d %16d %16d%n", "base:ukl", baseline.ukl.size(),
                        min(baseline.ukl), median(baseline.ukl)));
            }
            sb.append(String.format("%-16s %6d %16d %16d%n", "user", user.size(), min(user), median(user)));
            sb.append(String.format("%-16s %6d %16d %16d%n", "ukl", ukl.size(), min(ukl), median(ukl)));
            sb.append(String.format("ukl/user (min): %.4f%n", (double) min(ukl) / min(user)));
            if (baseline != null) {
                sb.append(String.format("base:ukl/base:user (min): %.4f; ukl/base:ukl (min): %.4f%n",
                        (double) min(baseline.ukl) / min(baseline.user), (double) min(ukl) / min(baseline.ukl)));
            }
            sb.append("guest instructions per run of the script (QEMU -icount shift=0,sleep=off; fork to wait, "
                    + "kernel included; counts, not time)\n");
            return sb.toString();
        }

        /** A result written by {@link #writeJson}. */
        public static Result readJson(Path file) {
            try {
                com.fasterxml.jackson.databind.JsonNode doc = new ObjectMapper().readTree(file.toFile());
                List<Long> u = new java.util.ArrayList<>();
                List<Long> k = new java.util.ArrayList<>();
                doc.path("user").forEach(n -> u.add(n.asLong()));
                doc.path("ukl").forEach(n -> k.add(n.asLong()));
                if (u.isEmpty() || k.isEmpty()) {
                    throw new UklException("no SQLite benchmark runs in " + file);
                }
                return new Result(List.copyOf(u), List.copyOf(k));
            } catch (IOException e) {
                throw new UklException("cannot read the baseline report " + file + ": " + e.getMessage(), e);
            }
        }

        public void writeJson(Path file) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("unit", "guest instructions per run of the script");
            doc.put("method", "QEMU -icount shift=0,sleep=off; rdtsc before fork and after wait "
                    + "(guest/tools/icount-run); both forms alternately in one boot of the UKL kernel");
            doc.put("script", SqliteScript.ROWS + " rows inserted in one transaction, an index, aggregate queries");
            doc.put("user", user);
            doc.put("ukl", ukl);
            try {
                Files.createDirectories(file.getParent());
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
            } catch (IOException e) {
                throw new UklException("cannot write " + file + ": " + e.getMessage());
            }
        }
    }

    private final Pipeline pipeline;

    public SqliteBench(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    public Result run(int runs, PrintStream echo) {
        SqliteBuild.Built built = new SqliteBuild(pipeline.project()).ensure(pipeline.out());
        Path kernel = pipeline.uklKernel(built.uklArchive());
        Path script = SqliteScript.write(pipeline.project().build().resolve("sqlite"));
        Path icountRun = new GuestPrograms(pipeline.project())
                .compile(pipeline.project().guest().resolve("tools/icount-run.c"));
        GuestImage image = pipeline.image()
                .addProgram("apps/sqlite3", built.userProgram())
                .addProgram("guest/tools/icount-run", icountRun)
                .add("sql/script.sql", script);
        image.job("""
                cd /tmp
                for i in $(seq %d); do
                	/guest/tools/icount-run user /apps/sqlite3 /tmp/user$i.db </sql/script.sql >/dev/null
                	/guest/tools/icount-run ukl /UKL /tmp/ukl$i.db </sql/script.sql >/dev/null
                done
                """.formatted(runs));
        String name = "bench-sqlite";
        try (Vm vm = pipeline.boot(kernel, image, name, c -> c.withIcount(true), echo)) {
            int rc = vm.waitForExit(Duration.ofMinutes(20));
            if (QemuCommand.guestStatus(rc) != 0) {
                throw vm.failure("the SQLite benchmark ended with status " + QemuCommand.guestStatus(rc));
            }
            List<Long> user = new ArrayList<>();
            List<Long> ukl = new ArrayList<>();
            for (String l : vm.console()) {
                Matcher m = LINE.matcher(l.strip());
                if (!m.matches()) {
                    continue;
                }
                if (!m.group(3).equals("0")) {
                    throw vm.failure("the " + m.group(1) + " form of the SQLite shell exited with " + m.group(3));
                }
                (m.group(1).equals("user") ? user : ukl).add(Long.parseLong(m.group(2)));
            }
            if (user.size() != runs || ukl.size() != runs) {
                throw vm.failure("the SQLite benchmark reported " + user.size() + " user and " + ukl.size()
                        + " UKL runs of " + runs);
            }
            return new Result(List.copyOf(user), List.copyOf(ukl));
        }
    }
}
