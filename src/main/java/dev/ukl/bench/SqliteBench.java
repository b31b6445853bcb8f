package dev.ukl.bench;

import dev.ukl.guest.BootExecutor;
import dev.ukl.guest.BootPlan;
import dev.ukl.guest.KernelRequest;
import dev.ukl.guest.Form;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ukl.UklException;
import dev.ukl.guest.GuestPrograms;
import dev.ukl.guest.Pipeline;
import dev.ukl.suite.SqliteScript;
import dev.ukl.image.GuestImage;
import dev.ukl.kernel.KernelBuilder;
import dev.ukl.profile.AppCode;
import dev.ukl.profile.CaseProfile;
import dev.ukl.profile.PluginOutput;
import dev.ukl.profile.ProfileComparison;
import dev.ukl.profile.ProfilePlugin;
import dev.ukl.runtime.SqliteBuild;
import dev.ukl.util.Json;
import dev.ukl.vm.QemuCommand;
import dev.ukl.vm.QemuConfig;
import dev.ukl.vm.QemuPlugin;
import dev.ukl.vm.Vm;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole-application figure: the SQLite shell running the 10,000-row script (the same one the
 * SQLite test compares) in each form the syscall benchmark knows: the static musl program on the
 * plain kernel, and the UKL app on the UKL kernel with its fast paths off, each alone and all
 * on. One boot per form under -icount; each run is counted in guest instructions from fork to
 * wait (guest/tools/icount-run), kernel work included.
 */
public final class SqliteBench {
    private static final Pattern LINE = Pattern.compile("^icount (\\S+) (\\d+) (\\d+) (\\d+)\\s*$");

    /**
     * The counts of one form's runs, in the order they ran, and the page faults each run's process
     * took (none known for reports written before they were counted).
     */
    public record Row(String form, List<Long> counts, List<Long> faults) {
        public Row {
            counts = List.copyOf(counts);
            faults = List.copyOf(faults);
        }

        public Row(String form, List<Long> counts) {
            this(form, counts, List.of());
        }

        /** The fewest page faults of a run, or -1 if not known. */
        public long minFaults() {
            return faults.stream().mapToLong(Long::longValue).min().orElse(-1);
        }

        public long min() {
            return counts.stream().mapToLong(Long::longValue).min().orElse(0);
        }

        public long median() {
            List<Long> s = counts.stream().sorted().toList();
            return s.isEmpty() ? 0 : s.get(s.size() / 2);
        }
    }

    /**
     * One row per form, the first the baseline every other is compared with, and each form's
     * profile when the runs were profiled (by form; none otherwise).
     */
    public record Result(List<Row> rows, Map<String, CaseProfile> profiles) {
        public Result {
            rows = List.copyOf(rows);
            profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        }

        public Result(List<Row> rows) {
            this(rows, Map.of());
        }

        /**
         * Each profiled form against the user program's profile, function by function (empty
         * without profiles, or without the user form's).
         */
        public String profileTable(int top) {
            CaseProfile user = profiles.get(Form.USER.label());
            StringBuilder sb = new StringBuilder();
            if (user != null) {
                profiles.forEach((form, p) -> {
                    if (p != user) {
                        sb.append(ProfileComparison.table("run", Form.USER.label(), user, form, p, top));
                    }
                });
            }
            return sb.toString();
        }

        /** The row of a form, or null. */
        public Row row(String form) {
            return rows.stream().filter(r -> r.form().equals(form)).findFirst().orElse(null);
        }

        public String table() {
            return table(null);
        }

        /**
         * The table: runs, fewest and median instructions, and the fewest as a share of the user
         * form's; an earlier result's rows (another kernel's, say) stand above, marked base:.
         */
        public String table(Result baseline) {
            Row user = row(Form.USER.label());
            StringBuilder sb = new StringBuilder(String.format("%-20s %5s %14s %14s %8s %8s%n", "sqlite script",
                    "runs", "min", "median", "% user", "faults"));
            if (baseline != null) {
                baseline.rows.forEach(r -> sb.append(line("base:" + r.form(), r, user)));
            }
            rows.forEach(r -> sb.append(line(r.form(), r, user)));
            if (baseline != null) {
                for (Row r : rows) {
                    Row before = baseline.row(r.form());
                    if (before != null && before.min() > 0) {
                        sb.append(String.format("%s against base:%s (min): %.4f%n", r.form(), r.form(),
                                (double) r.min() / before.min()));
                    }
                }
            }
            sb.append("guest instructions per run of the script (QEMU -icount shift=0,sleep=off; fork to wait, "
                    + "kernel included; counts, not time); faults: the fewest page faults of a run's process\n");
            return sb.toString();
        }

        private static String line(String label, Row r, Row user) {
            String share = user == null || user.min() == 0 ? "" : String.format("%.1f%%", 100.0 * r.min() / user.min());
            String faults = r.minFaults() < 0 ? "-" : Long.toString(r.minFaults());
            return String.format("%-20s %5d %14d %14d %8s %8s%n", label, r.counts().size(), r.min(), r.median(), share,
                    faults);
        }

        /**
         * A result written by {@link #writeJson}; a report of the two-form days (top-level
         * "user" and "ukl" arrays) reads as those two rows.
         */
        public static Result readJson(Path file) {
            try {
                JsonNode doc = Json.MAPPER.readTree(file.toFile());
                JsonNode forms = doc.has("forms") ? doc.get("forms") : doc;
                JsonNode faults = doc.path("faults");
                List<Row> rows = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = forms.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                        continue;
                    }
                    List<Long> counts = new ArrayList<>();
                    e.getValue().forEach(n -> counts.add(n.asLong()));
                    List<Long> runFaults = new ArrayList<>();
                    faults.path(e.getKey()).forEach(n -> runFaults.add(n.asLong()));
                    rows.add(new Row(e.getKey(), counts, runFaults));
                }
                if (rows.isEmpty()) {
                    throw new UklException("no SQLite benchmark runs in " + file);
                }
                return new Result(rows);
            } catch (IOException e) {
                throw new UklException("cannot read the baseline report " + file + ": " + e.getMessage(), e);
            }
        }

        /** Each form's profile, every function, as JSON. */
        public void writeProfiles(Path file) {
            Json.write(file, profiles);
        }

        public void writeJson(Path file) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("unit", "guest instructions per run of the script");
            doc.put("method", "QEMU -icount shift=0,sleep=off; rdtsc before fork and after wait "
                    + "(guest/tools/icount-run); one boot per form: the user program on the plain kernel, "
                    + "the UKL app on the UKL kernel with the form's boot parameters");
            doc.put("script", SqliteScript.ROWS + " rows inserted in one transaction, an index, aggregate queries");
            Map<String, List<Long>> forms = new LinkedHashMap<>();
            rows.forEach(r -> forms.put(r.form(), r.counts()));
            doc.put("forms", forms);
            Map<String, List<Long>> faults = new LinkedHashMap<>();
            rows.stream().filter(r -> !r.faults().isEmpty()).forEach(r -> faults.put(r.form(), r.faults()));
            doc.put("faults", faults);
            Json.write(file, doc);
        }
    }

    private final Pipeline pipeline;

    public SqliteBench(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Runs the script {@code runs} times in each form, one boot per form, in the order given. */
    public Result run(List<Form> forms, int runs, PrintStream echo) {
        return run(new Request(forms, runs, false, false), echo);
    }

    /**
     * What to run: the forms in order, the runs per form; with {@code profile} each boot loads the
     * profiling plugin, which counts every guest instruction of each run (the span icount-run
     * counts) by address, a form's runs making one profile by function; with
     * {@code noPieControl} a row more, {@value #NO_PIE}: the same shell as a user program compiled
     * as position-dependent code, the UKL build's code model, on the plain kernel.
     */
    public record Request(List<Form> forms, int runs, boolean profile, boolean noPieControl) {
        public Request {
            forms = List.copyOf(forms);
        }
    }

    /** The label of the position-dependent user program's row. */
    public static final String NO_PIE = "user-nopie";

    /** One row's boot: its label, the form it boots, that form's kernel and the user program it carries. */
    private record Boot(String label, Form form, Path kernel, Path userProgram) {
    }

    public Result run(Request request, PrintStream echo) {
        SqliteBuild build = new SqliteBuild(pipeline.project());
        SqliteBuild.Built built = build.ensure(pipeline.out());
        Path script = script();
        Path icountRun = icountRun();
        List<Boot> boots = boots(request.forms(), built);
        if (request.noPieControl()) {
            Form user = Form.USER;
            boots.add(new Boot(NO_PIE, user, new BootExecutor(pipeline).kernel(user.kernel(built.uklArchive())),
                    build.ensureNoPie(pipeline.out())));
        }
        List<Row> rows = new ArrayList<>();
        Map<String, CaseProfile> profiles = new LinkedHashMap<>();
        for (Boot boot : boots) {
            Path counts = request.profile()
                    ? pipeline.project().build().resolve("bench/sqlite-" + boot.label() + ".counts") : null;
            Row row = runForm(boot, script, icountRun, request.runs(), counts, true, echo).row();
            rows.add(row);
            if (counts != null) {
                profiles.put(boot.label(), profileOf(boot, row, counts));
            }
        }
        return new Result(rows, profiles);
    }

    private Path script() {
        return SqliteScript.write(pipeline.project().build().resolve("sqlite"));
    }

    private Path icountRun() {
        return new GuestPrograms(pipeline.project()).compile(pipeline.project().guest().resolve("tools/icount-run.c"));
    }

    private List<Boot> boots(List<Form> forms, SqliteBuild.Built built) {
        List<Boot> boots = new ArrayList<>();
        for (Form form : forms) {
            boots.add(new Boot(form.label(), form, new BootExecutor(pipeline).kernel(form.kernel(built.uklArchive())),
                    built.userProgram()));
        }
        return boots;
    }

    /**
     * The clock mode: each form booted without -icount, once per round, the forms rotated round by
     * round ({@link Rounds}); icount-run's time-stamp counter then reads cycles per run of the script
     * (fork to wait), the fewest of the round's runs the round's figure. Under TCG the cycles are
     * emulation artefacts: refused unless forced ({@link ClockBench#requireHardware}).
     */
    public ClockBench.Result clock(QemuConfig.Accelerator accelerator, List<Form> requested, int runs,
                                   int rounds, boolean force, PrintStream echo) {
        if (rounds < ClockBench.MIN_ROUNDS || rounds > 100) {
            throw new UklException("--rounds must be " + ClockBench.MIN_ROUNDS + " to 100 in the clock mode");
        }
        ClockBench.requireHardware(accelerator, force);
        List<Form> forms = ClockBench.baselineFirst(requested);
        SqliteBuild.Built built = new SqliteBuild(pipeline.project()).ensure(pipeline.out());
        Path script = script();
        Path icountRun = icountRun();
        List<Boot> boots = boots(forms, built);
        List<ClockBench.Sample> samples = new ArrayList<>();
        GuestFacts facts = null;
        for (int r = 1; r <= rounds; r++) {
            for (Boot boot : Rounds.order(boots, r)) {
                pipeline.out().println("bench: SQLite clock mode, round " + r + " of " + rounds + ", " + boot.label()
                        + " (" + accelerator + (accelerator == QemuConfig.Accelerator.KVM ? ""
                        : ", forced: emulated cycles") + ")");
                Ran ran = runForm(boot, script, icountRun, runs, null, false, echo);
                Row row = ran.row();
                if (facts == null) {
                    facts = GuestFacts.parse(accelerator.name(), ran.console(),
                            KernelBuilder.vmlinuxOf(boot.kernel()).resolveSibling(".config"));
                }
                samples.add(new ClockBench.Sample(r, boot.label(), CLOCK_CASE, row.median(), row.min()));
            }
        }
        return new ClockBench.Result(facts, rounds, forms.stream().map(Form::label).toList(),
                List.copyOf(samples));
    }

    /** The clock mode's one case: a run of the script. */
    static final String CLOCK_CASE = "sqlite script";

    /** The plugin's counts of a form's runs, by function: one window per run, all in one profile. */
    private CaseProfile profileOf(Boot boot, Row row, Path counts) {
        PluginOutput out = PluginOutput.read(counts);
        long windows = out.windows().getOrDefault(0, 0L);
        if (out.windows().size() != 1 || windows != row.counts().size()) {
            throw new UklException("the SQLite profile of the " + boot.label() + " form has windows "
                    + out.windows() + ", not one per run (" + row.counts().size() + ") (" + counts + ")");
        }
        AppCode code = AppCode.of(KernelBuilder.vmlinuxOf(boot.kernel()), boot.form().appInKernel(), boot.userProgram());
        return CaseProfile.of("SQLite script", windows, windows, out.counts().get(0), code.symbols(), code.isApp());
    }

    /** A form's boot: its row of figures, and the boot's console lines. */
    private record Ran(Row row, List<String> console) {
    }

    /**
     * One boot of a form running the script {@code runs} times, counted under -icount or, without
     * it, timed by the time-stamp counter.
     */
    private Ran runForm(Boot boot, Path script, Path icountRun, int runs, Path profileCounts, boolean icount,
                        PrintStream echo) {
        Form form = boot.form();
        String shell = form.appInKernel() ? "/UKL" : "/apps/sqlite3";
        pipeline.out().println("bench: SQLite script, " + boot.label() + " form, " + runs + " runs");
        pipeline.out().flush();
        GuestImage image = pipeline.image()
                .addProgram("apps/sqlite3", boot.userProgram())
                .addProgram("guest/tools/icount-run", icountRun)
                .add("sql/script.sql", script);
        image.job("""
                cd /tmp
                for i in $(seq %d); do
                	/guest/tools/icount-run %s %s /tmp/run$i.db </sql/script.sql >/dev/null
                done
                """.formatted(runs, boot.label(), shell));
        String name = "bench-sqlite-" + boot.label();
        QemuPlugin loaded = profileCounts == null ? null
                : new ProfilePlugin(pipeline.project()).freshOutput(profileCounts, pipeline.out());
        try (Vm vm = new BootExecutor(pipeline).start(BootPlan.job(name, KernelRequest.at(boot.kernel()), image).withIcount(icount)
                .withPlugin(loaded).withKernelArgs(form.countedKernelArgs()), echo)) {
            int rc = vm.waitForExit(Duration.ofMinutes(20));
            if (QemuCommand.guestStatus(rc) != 0) {
                throw vm.failure("the SQLite benchmark ended with status " + QemuCommand.guestStatus(rc));
            }
            List<Long> counts = new ArrayList<>();
            List<Long> faults = new ArrayList<>();
            for (String l : vm.console()) {
                Matcher m = LINE.matcher(l.strip());
                if (!m.matches() || !m.group(1).equals(boot.label())) {
                    continue;
                }
                if (!m.group(3).equals("0")) {
                    throw vm.failure("the SQLite shell exited with " + m.group(3) + " in the " + boot.label()
                            + " form");
                }
                counts.add(Long.parseLong(m.group(2)));
                faults.add(Long.parseLong(m.group(4)));
            }
            if (counts.size() != runs) {
                throw vm.failure("the SQLite benchmark reported " + counts.size() + " of " + runs + " runs in the "
                        + boot.label() + " form");
            }
            return new Ran(new Row(boot.label(), counts, faults), vm.console());
        }
    }
}
