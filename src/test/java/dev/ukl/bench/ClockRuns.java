package dev.ukl.bench;

import dev.ukl.Main;
import dev.ukl.Project;
import dev.ukl.guest.Pipeline;
import dev.ukl.vm.QemuConfig;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** What the clock modes' integration tests share: running the command, and reading its report. */
final class ClockRuns {
    record Outcome(int status, String out, String err) {
    }

    private ClockRuns() {
    }

    /** The command as a user runs it, in this JVM, its output shown. */
    static Outcome ukl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        System.out.print(out);
        System.out.print(err);
        return new Outcome(status, out.toString(), err.toString());
    }

    /** Skips the test on a host where KVM boots the guests: there the clock mode runs for real. */
    static void assumeTcg(Project project) {
        Pipeline p = new Pipeline(project, new PrintWriter(System.out, true)).ensurePrerequisites();
        assumeThat(p.accelerator(p.kernel("plain"))).as("a host where KVM boots the guests runs the clock "
                + "mode for real").isEqualTo(QemuConfig.Accelerator.TCG);
    }

    /** The command, asked for its clock mode under TCG without --force, refuses with one line. */
    static void refusedUnderTcg(String... args) {
        Outcome refused = ukl(args);
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err().lines().toList()).singleElement().asString()
                .startsWith("ukl: error: the clock mode needs KVM").contains("--force");
    }

    /** The report's lines: from "clock mode:" to the "ratios:" line. */
    static List<String> report(String out) {
        List<String> report = new ArrayList<>();
        boolean in = false;
        for (String l : out.lines().toList()) {
            in |= l.startsWith("clock mode:");
            if (in) {
                report.add(l);
            }
            in &= !l.startsWith("ratios:");
        }
        return report;
    }
}
