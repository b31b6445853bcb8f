package dev.ukl.ktap;

import java.util.ArrayList;
import java.util.List;

/** One test of a KTAP report: its number, name, outcome, diagnostics and subtests. */
public record TestResult(int number, String name, Status status, String directive,
                         List<String> diagnostics, List<TestResult> subtests) {

    public enum Status {
        PASS, FAIL, SKIP, TODO, XFAIL, TIMEOUT, ERROR
    }

    public TestResult {
        diagnostics = List.copyOf(diagnostics);
        subtests = List.copyOf(subtests);
    }

    /** Whether this test and all its subtests passed (skips and expected failures count as passed). */
    public boolean ok() {
        boolean self = switch (status) {
            case PASS, SKIP, TODO, XFAIL -> true;
            default -> false;
        };
        return self && subtests.stream().allMatch(TestResult::ok);
    }

    /** The failing leaves, as "parent/child" paths. */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, List<String> out) {
        String path = prefix.isEmpty() ? name : prefix + "/" + name;
        List<TestResult> bad = subtests.stream().filter(t -> !t.ok()).toList();
        if (bad.isEmpty() && !ok()) {
            out.add(path);
        }
        bad.forEach(t -> t.collect(path, out));
    }

    /** Counts leaf tests by status. */
    public int count(Status s) {
        if (subtests.isEmpty()) {
            return status == s ? 1 : 0;
        }
        return subtests.stream().mapToInt(t -> t.count(s)).sum();
    }
}
