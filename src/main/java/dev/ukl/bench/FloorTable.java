package dev.ukl.bench;

import dev.ukl.profile.CaseProfile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Each profiled case split into the app's code, the system-call entry and return, and the call's
 * own work, per call, with the floor (app and work: what the case would count if entering and
 * leaving the kernel cost nothing) as a share of the user form's count. A target below the floor
 * cannot be met by any entry while the call does the system call's work.
 */
public final class FloorTable {
    private FloorTable() {
    }

    public static String format(List<SyscallProfile.Result> results, List<String> cases) {
        Optional<SyscallProfile.Result> user = results.stream().filter(r -> r.form().equals("user")).findFirst();
        StringBuilder sb = new StringBuilder();
        sb.append("Per call: the app's code, the system-call entry and return, the call's own work; floor = app + "
                + "work, what a form whose entry and return cost nothing would still count")
                .append(user.isPresent() ? ", as a share of the user form." : ".").append('\n');
        sb.append(String.format(Locale.ROOT, "  %-16s %-14s %10s %8s %13s %9s %9s %8s%n", "case", "form", "per call",
                "app", "entry/return", "work", "floor", user.isPresent() ? "of user" : ""));
        for (String name : cases) {
            Optional<Double> userPerCall = user.map(u -> u.get(name).perCall());
            for (SyscallProfile.Result r : results) {
                CaseProfile c = r.get(name);
                String share = userPerCall.filter(u -> u > 0)
                        .map(u -> String.format(Locale.ROOT, "%.1f%%", 100.0 * c.per(c.floor()) / u)).orElse("");
                sb.append(String.format(Locale.ROOT, "  %-16s %-14s %10.2f %8.2f %13.2f %9.2f %9.2f %8s%n", name,
                        r.form(), c.perCall(), c.per(c.app()), c.per(c.entryPath()), c.per(c.work()),
                        c.per(c.floor()), share));
            }
        }
        return sb.toString();
    }
}
