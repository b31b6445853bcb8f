package dev.ukl.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of Redis's own test runner (tests/test_helper.tcl) read back as outcomes: one per
 * test, with the test file it belongs to. Against an external server the runner has one client
 * and runs the files in order, so a test belongs to the file whose "[n/m done]" line follows it.
 */
public record TestLog(List<Outcome> outcomes, boolean finished, List<String> exceptions) {
    public enum Status { OK, ERR, SKIP, IGNORE }

    /** One test; for IGNORE the name carries the runner's reason after the last ": ". */
    public record Outcome(String file, String name, Status status, String detail) {
        /** File and name: what compares one run with another. */
        public String key() {
            return file + ": " + name;
        }
    }

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");
    private static final Pattern LINE = Pattern.compile("^\\[(ok|err|skip|ignore|exception)]: (.*)$");
    private static final Pattern DONE = Pattern.compile("^\\[\\d+/\\d+ done]: (\\S+) \\(\\d+ seconds\\)$");
    private static final Pattern OK_TIME = Pattern.compile(" \\(\\d+ ms\\)$");
    private static final Pattern REASON = Pattern.compile("(?:^|(?<=: ))(?:Tag: |Not supported|large memory flag|"
            + "Tag: none)");
    private static final Pattern ERR_FILE = Pattern.compile(" in tests/(\\S+)\\.tcl$");

    public static TestLog parse(List<String> lines) {
        List<Outcome> done = new ArrayList<>();
        List<Outcome> pending = new ArrayList<>();
        List<String> exceptions = new ArrayList<>();
        boolean finished = false;
        Outcome lastErr = null;
        for (String raw : lines) {
            String line = ANSI.matcher(raw).replaceAll("");
            Matcher d = DONE.matcher(line);
            if (d.matches()) {
                for (Outcome o : pending) {
                    done.add(new Outcome(d.group(1), o.name(), o.status(), o.detail()));
                }
                pending.clear();
                lastErr = null;
                continue;
            }
            if (line.contains("All tests passed without errors!") || line.contains("The following tests failed:")) {
                finished = true;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                // an error's message follows its [err] line until the next status line
                if (lastErr != null && !line.isBlank() && !finished) {
                    int i = pending.indexOf(lastErr);
                    lastErr = new Outcome(lastErr.file(), lastErr.name(), Status.ERR,
                            lastErr.detail().isEmpty() ? line.strip() : lastErr.detail() + "\n" + line.strip());
                    pending.set(i, lastErr);
                }
                continue;
            }
            lastErr = null;
            if (finished) {
                continue; // the summary repeats the failures
            }
            String data = m.group(2);
            switch (m.group(1)) {
                case "ok" -> pending.add(new Outcome("", OK_TIME.matcher(data).replaceFirst(""), Status.OK, ""));
                case "skip" -> pending.add(new Outcome("", data, Status.SKIP, ""));
                case "ignore" -> {
                    // "NAME: REASON" for a test, "REASON" alone for a block of tests the tags leave out
                    Matcher r = REASON.matcher(data);
                    pending.add(r.find() ? new Outcome("", data.substring(0, Math.max(0, r.start() - 2)), Status.IGNORE,
                            data.substring(r.start())) : new Outcome("", data, Status.IGNORE, ""));
                }
                case "err" -> {
                    Matcher f = ERR_FILE.matcher(data);
                    lastErr = new Outcome("", f.find() ? data.substring(0, f.start()) : data, Status.ERR, "");
                    pending.add(lastErr);
                }
                default -> exceptions.add(data);
            }
        }
        // a run cut short (an exception, a timeout) leaves its last file without a done line
        for (Outcome o : pending) {
            done.add(new Outcome("(unfinished)", o.name(), o.status(), o.detail()));
        }
        return new TestLog(List.copyOf(done), finished, List.copyOf(exceptions));
    }

    public List<Outcome> with(Status status) {
        return outcomes.stream().filter(o -> o.status() == status).toList();
    }

    /** Count per status, in the order of Status. */
    public Map<Status, Long> counts() {
        Map<Status, Long> counts = new TreeMap<>();
        for (Status s : Status.values()) {
            counts.put(s, outcomes.stream().filter(o -> o.status() == s).count());
        }
        return counts;
    }

    /** One line: "412 passed, 3 failed, 96 not run (skipped or ignored)". */
    public String summary() {
        Map<Status, Long> c = counts();
        long flaky = outcomes.stream().filter(o -> o.status() == Status.OK && o.detail().startsWith("flaky:")).count();
        return c.get(Status.OK) + " passed" + (flaky > 0 ? " (" + flaky + " on a second try)" : "") + ", "
                + c.get(Status.ERR) + " failed, " + (c.get(Status.SKIP)
                + c.get(Status.IGNORE)) + " not run (skipped or ignored)"
                + (exceptions.isEmpty() ? "" : ", stopped by an exception: " + exceptions.get(0))
                + (finished ? "" : ", the run did not finish");
    }
}
