package dev.ukl.kernel;

import dev.ukl.UklException;
import dev.ukl.util.Proc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the user-access helpers of a built vmlinux ({@code __get_user_N}, {@code __put_user_N}):
 * whether each masks the address against speculation (sbb/and), and every UKL range check
 * ({@code call ukl_access_ok}, which earlier versions of the series added) from which the access
 * can be reached with no speculation barrier. The series no longer has such a path (a UKL
 * app's data are user memory), so a UKL kernel's helpers must be the kernel's own: masked, with no
 * range check of UKL's.
 */
public final class UaccessFences {
    /** The helpers whose out-of-user-range branch a UKL kernel routes through ukl_access_ok. */
    public static final List<String> HELPERS = List.of("__get_user_1", "__get_user_2", "__get_user_4",
            "__get_user_8", "__put_user_1", "__put_user_2", "__put_user_4", "__put_user_8");

    private UaccessFences() {
    }

    /** objdump's disassembly of the helpers in vmlinux (objdump takes one symbol per run). */
    public static String disassemble(Path vmlinux) {
        StringBuilder sb = new StringBuilder();
        for (String helper : HELPERS) {
            Proc.Result r = Proc.run(null, List.of("objdump", "-d", "-w", "--no-show-raw-insn",
                    "--disassemble=" + helper, vmlinux.toString()));
            if (!r.ok()) {
                throw new UklException("objdump could not disassemble " + helper + " in " + vmlinux, null,
                        r.output().strip());
            }
            sb.append(r.output());
        }
        return sb.toString();
    }

    /**
     * What one function's UKL range checks do, and whether it masks the address on the user-half
     * path (array_index_mask_nospec: an sbb, then an and).
     */
    public record Function(String name, int rangeChecks, List<String> unfenced, boolean masked) {
    }

    private static final Pattern HEADER = Pattern.compile("^([0-9a-f]+) <([^>]+)>:$");
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\s+(\\S+)\\s*(\\S*)(.*)$");

    /**
     * Every helper in the disassembly, with its UKL range checks. A check is unfenced when,
     * after its call and before any {@code lfence}, a jump goes back into the helper, to the
     * access the check guards (the access comes before the check in these helpers); a jump
     * forward or out, to the failure path, is not an access.
     */
    public static List<Function> read(String disassembly) {
        List<Function> out = new ArrayList<>();
        String name = null;
        int checks = 0;
        List<String> unfenced = new ArrayList<>();
        long start = 0;
        long call = 0;
        String callLine = null;
        boolean sbb = false;
        boolean masked = false;
        for (String raw : disassembly.split("\n")) {
            String line = raw.strip();
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                // an inner label (__put_user_nocheck_N) belongs to the helper it is in
                if (name == null || HELPERS.contains(h.group(2))) {
                    if (name != null) {
                        out.add(new Function(name, checks, List.copyOf(unfenced), masked));
                    }
                    name = h.group(2);
                    start = Long.parseUnsignedLong(h.group(1), 16);
                    checks = 0;
                    unfenced.clear();
                    callLine = null;
                    sbb = false;
                    masked = false;
                }
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (name == null || !m.matches()) {
                continue;
            }
            long at = Long.parseUnsignedLong(m.group(1), 16);
            String op = m.group(2);
            if (op.startsWith("sbb")) {
                sbb = true;
            } else if (sbb && op.startsWith("and")) {
                masked = true;
            }
            if (op.equals("call") && m.group(4).contains("<ukl_access_ok>")) {
                checks++;
                call = at;
                callLine = line;
            } else if (callLine != null && op.equals("lfence")) {
                callLine = null;
            } else if (callLine != null && op.startsWith("j") && backInto(m.group(3), start, call)) {
                unfenced.add(callLine + " ... " + line);
                callLine = null;
            }
        }
        if (name != null) {
            out.add(new Function(name, checks, List.copyOf(unfenced), masked));
        }
        return out;
    }

    private static boolean backInto(String target, long start, long call) {
        if (!target.matches("[0-9a-f]+")) {
            return false;
        }
        long t = Long.parseUnsignedLong(target, 16);
        return Long.compareUnsigned(t, start) >= 0 && Long.compareUnsigned(t, call) < 0;
    }
}
