package dev.ukl.ktap;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses KTAP (the kernel's test output format, Documentation/dev-tools/ktap.rst) out of a
 * console log. Text before the first version line, and lines that are not KTAP inside the
 * report (other console output), are skipped as the format allows. A missing version line or
 * plan, results out of order, a plan that does not match the results, or output that ends in
 * the middle of a test are errors naming the line.
 */
public final class KtapParser {
    private static final Pattern VERSION = Pattern.compile("^(KTAP version 1|TAP version 1[34])\\s*$");
    private static final Pattern PLAN = Pattern.compile("^1\\.\\.(\\d+)\\s*$");
    private static final Pattern RESULT = Pattern.compile(
            "^(ok|not ok) (\\d+)(?: (?:- )?([^#]*?))?\\s*(?:#\\s*(.*))?$");
    private static final Pattern DIAG = Pattern.compile("^#(.*)$");
    private static final Pattern TIMESTAMP = Pattern.compile("^\\[\\s*\\d+\\.\\d+\\] ");

    private final List<String> lines;
    private int pos;

    private KtapParser(List<String> lines) {
        this.lines = lines;
    }

    /**
     * Parses the first KTAP report in the lines; the result is a root test named {@code name}
     * whose subtests are the report's top-level tests.
     */
    public static TestResult parse(String name, List<String> rawLines) {
        List<String> clean = new ArrayList<>(rawLines.size());
        for (String l : rawLines) {
            clean.add(TIMESTAMP.matcher(l.replace("\r", "")).replaceFirst(""));
        }
        KtapParser p = new KtapParser(clean);
        int start = -1;
        for (int i = 0; i < clean.size(); i++) {
            if (VERSION.matcher(clean.get(i)).matches()) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            throw new KtapException(clean.size(), "no KTAP version line found (the tests did not start?)");
        }
        p.pos = start + 1;
        Block b = p.block(0);
        TestResult.Status st = b.results.stream().allMatch(TestResult::ok) ? TestResult.Status.PASS
                : TestResult.Status.FAIL;
        return new TestResult(0, name, st, null, b.diagnostics, b.results);
    }

    private record Block(List<TestResult> results, List<String> diagnostics, String name) {
    }

    /**
     * After the plan's last result: the next result line at the same indentation, before the next
     * version line, would be a test the plan did not count (a suite that grew without its plan),
     * which would otherwise go unseen among the lines that follow.
     */
    private void beyondThePlan(int indent, int planned, int planLine) {
        for (int i = pos; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = raw.strip();
            if (VERSION.matcher(line).matches() || (indentOf(raw) < indent && isKtap(line))) {
                return;
            }
            Matcher m = RESULT.matcher(line);
            if (indentOf(raw) == indent && m.matches() && Integer.parseInt(m.group(2)) == planned + 1) {
                throw new KtapException(i + 1, "test " + (planned + 1) + " comes after the plan at line " + planLine
                        + " promised " + planned + " tests");
            }
        }
    }

    /** Parses the body of a test (after its version line) at the given indentation. */
    private Block block(int indent) {
        int versionLine = pos;
        List<TestResult> results = new ArrayList<>();
        List<String> diags = new ArrayList<>();
        int planned = -1;
        int planLine = -1;
        List<TestResult> pendingSub = null;
        String pendingSubName = null;
        List<String> pendingDiags = new ArrayList<>();
        String subtestName = null;
        while (pos < lines.size()) {
            String raw = lines.get(pos);
            int ind = indentOf(raw);
            String line = raw.strip();
            if (line.isEmpty()) {
                pos++;
                continue;
            }
            if (ind < indent && isKtap(line)) {
                break;
            }
            if (ind > indent) {
                if (ind >= indent + 2 && VERSION.matcher(line).matches()) {
                    if (pendingSub != null) {
                        throw new KtapException(pos + 1, "a subtest started before the previous one got its result line");
                    }
                    pos++;
                    Block sub = block(ind);
                    pendingSub = sub.results;
                    pendingSubName = sub.name;
                    pendingDiags = new ArrayList<>(sub.diagnostics);
                    continue;
                }
                pos++;
                continue;
            }
            if (ind != indent) {
                pos++;
                continue;
            }
            Matcher m;
            if ((m = PLAN.matcher(line)).matches()) {
                if (planned >= 0) {
                    throw new KtapException(pos + 1, "a second plan line");
                }
                if (!results.isEmpty()) {
                    throw new KtapException(pos + 1, "the plan must come before the results");
                }
                planned = Integer.parseInt(m.group(1));
                planLine = pos + 1;
                pos++;
            } else if ((m = RESULT.matcher(line)).matches()) {
                int number = Integer.parseInt(m.group(2));
                if (number != results.size() + 1) {
                    throw new KtapException(pos + 1, "expected test number " + (results.size() + 1) + ", got " + number);
                }
                String name = m.group(3) == null ? "" : m.group(3).strip();
                String directive = m.group(4) == null ? null : m.group(4).strip();
                TestResult.Status status = status(m.group(1).equals("ok"), directive);
                List<TestResult> subs = pendingSub == null ? List.of() : pendingSub;
                if (name.isEmpty() && pendingSubName != null) {
                    name = pendingSubName;
                }
                if (pendingSub != null && status == TestResult.Status.PASS
                        && !subs.stream().allMatch(TestResult::ok)) {
                    throw new KtapException(pos + 1, "test '" + name + "' says ok but a subtest failed");
                }
                results.add(new TestResult(number, name, status, directive, pendingDiags, subs));
                pendingSub = null;
                pendingSubName = null;
                pendingDiags = new ArrayList<>();
                pos++;
                if (planned >= 0 && results.size() == planned) {
                    beyondThePlan(indent, planned, planLine);
                    break;
                }
            } else if ((m = DIAG.matcher(line)).matches()) {
                String text = m.group(1).strip();
                if (text.startsWith("Subtest:") && indent > 0 && results.isEmpty()) {
                    subtestName = text.substring("Subtest:".length()).strip();
                }
                pendingDiags.add(text);
                diags.add(text);
                pos++;
            } else if (VERSION.matcher(line).matches()) {
                break;
            } else {
                pos++;
            }
        }
        if (pendingSub != null) {
            throw new KtapException(pos, "output ended before the result line of subtest '"
                    + (pendingSubName == null ? "?" : pendingSubName) + "'");
        }
        if (planned < 0) {
            throw new KtapException(versionLine, "no plan line (1..N) after the version line");
        }
        if (results.size() != planned) {
            if (indent > 0 && pos < lines.size() && results.size() < planned) {
                // The parent's result line follows: the test program stopped early (crashed or
                // was killed). That is a failure of the test, not malformed output.
                diags.add("plan promised " + planned + " tests, " + results.size() + " reported");
                results.add(new TestResult(results.size() + 1, "missing results", TestResult.Status.ERROR,
                        null, List.of("planned " + planned + ", reported " + results.size()), List.of()));
            } else {
                throw new KtapException(pos, "plan at line " + planLine + " promised " + planned + " tests, output has "
                        + results.size() + (pos >= lines.size() ? " (the output ends there: did the guest stop?)" : ""));
            }
        }
        return new Block(results, diags, subtestName);
    }

    private static TestResult.Status status(boolean ok, String directive) {
        if (directive != null) {
            String d = directive.toUpperCase();
            if (d.startsWith("SKIP")) {
                return TestResult.Status.SKIP;
            }
            if (d.startsWith("TODO")) {
                return TestResult.Status.TODO;
            }
            if (d.startsWith("XFAIL")) {
                return TestResult.Status.XFAIL;
            }
            if (d.startsWith("TIMEOUT")) {
                return TestResult.Status.TIMEOUT;
            }
            if (d.startsWith("ERROR")) {
                return TestResult.Status.ERROR;
            }
        }
        return ok ? TestResult.Status.PASS : TestResult.Status.FAIL;
    }

    private static boolean isKtap(String line) {
        return VERSION.matcher(line).matches() || PLAN.matcher(line).matches() || RESULT.matcher(line).matches();
    }

    private static int indentOf(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
