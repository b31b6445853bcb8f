package dev.ukl.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A gcc command line as {@code ukl cc} sees it: whether it links, where the output goes, and
 * which arguments stay. Flags that make no sense for an app linked into the kernel (position
 * independence, dynamic linking) are dropped for UKL builds; {@code -shared} is refused.
 */
public record CcArguments(Mode mode, String output, List<String> kept, List<String> dropped) {
    public enum Mode {
        /** -E, -S or -c: no link; gcc runs with the runtime's flags. */
        COMPILE,
        /** A link: for UKL, a relocatable link against the runtime, then the app archive. */
        LINK,
        /** Queries such as --version or -print-file-name: gcc answers them unchanged. */
        QUERY
    }

    /** Dropped for UKL builds: the kernel code model is never position independent or dynamic. */
    static final Set<String> NOT_FOR_UKL = Set.of("-fPIC", "-fpic", "-fPIE", "-fpie", "-pie", "-no-pie",
            "-static", "-static-pie", "-rdynamic", "-pthread");

    public static CcArguments parse(List<String> args, boolean ukl) {
        Mode mode = Mode.LINK;
        String output = null;
        boolean inputs = false;
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-c") || a.equals("-S") || a.equals("-E") || a.equals("-M") || a.equals("-MM")) {
                mode = Mode.COMPILE;
            } else if (a.equals("--version") || a.equals("-v") || a.startsWith("-dump") || a.startsWith("-print-")
                    || a.startsWith("--print") || a.equals("--help")) {
                return new CcArguments(Mode.QUERY, null, List.copyOf(args), List.of());
            } else if (a.equals("-shared") && ukl) {
                throw new CcException("-shared: a UKL app is linked into the kernel, it cannot be a shared library");
            }
            if (a.equals("-o") && i + 1 < args.size()) {
                output = args.get(++i);
                continue;
            }
            if (a.startsWith("-o") && a.length() > 2) {
                output = a.substring(2);
                continue;
            }
            if (ukl && (NOT_FOR_UKL.contains(a) || dynamicLinkerFlag(a))) {
                dropped.add(a);
                // libtool writes "-Wl,-rpath -Wl,DIR": the value goes with its option
                if (takesLinkerValue(a) && i + 1 < args.size() && args.get(i + 1).startsWith("-Wl,")) {
                    dropped.add(args.get(++i));
                }
                continue;
            }
            if (!a.startsWith("-") || a.startsWith("-l")) {
                inputs = true;
            }
            if (takesValue(a) && i + 1 < args.size()) {
                kept.add(a);
                a = args.get(++i);
            }
            kept.add(a);
        }
        if (!inputs && mode == Mode.LINK) {
            mode = Mode.QUERY;
        }
        return new CcArguments(mode, output, List.copyOf(kept), List.copyOf(dropped));
    }

    /** Linker options that only mean something for a dynamically linked executable. */
    static boolean dynamicLinkerFlag(String a) {
        if (!a.startsWith("-Wl,")) {
            return false;
        }
        String opt = a.substring(4);
        return opt.startsWith("-rpath") || opt.startsWith("-R") || opt.startsWith("--export-dynamic")
                || opt.equals("-E") || opt.startsWith("-soname") || opt.contains("as-needed")
                || opt.startsWith("--dynamic-linker") || opt.startsWith("-z,");
    }

    /** A linker option given without its value, which then follows as the next -Wl argument. */
    static boolean takesLinkerValue(String a) {
        return a.equals("-Wl,-rpath") || a.equals("-Wl,-R") || a.equals("-Wl,-soname")
                || a.equals("-Wl,--dynamic-linker");
    }

    /** gcc options whose value is the next argument. */
    static boolean takesValue(String a) {
        return Set.of("-x", "-I", "-L", "-D", "-U", "-include", "-isystem", "-idirafter", "-iquote", "-MF", "-MT",
                "-MQ", "-Xlinker", "-Xassembler", "-Xpreprocessor", "-imacros", "-aux-info").contains(a);
    }
}
