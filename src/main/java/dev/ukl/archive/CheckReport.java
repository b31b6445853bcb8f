package dev.ukl.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** What {@link ArchiveChecker} found in an app archive. */
public final class CheckReport {
    /** A problem that stops the archive from linking or running in the kernel. */
    public record Problem(String object, String section, String symbol, String text) {
        @Override
        public String toString() {
            return object + ": " + section + ": " + symbol + ": " + text;
        }
    }

    private final List<String> objects = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final SortedSet<String> defined = new TreeSet<>();
    private final SortedSet<String> referenced = new TreeSet<>();

    void object(String name) {
        objects.add(name);
    }

    void problem(String object, String section, String symbol, String text) {
        problems.add(new Problem(object, section, symbol, text));
    }

    void defined(String symbol) {
        defined.add(symbol);
    }

    void referenced(String symbol) {
        referenced.add(symbol);
    }

    public List<String> objects() {
        return List.copyOf(objects);
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** Symbols used but defined by no member: the kernel (or nothing) must provide them. */
    public SortedSet<String> undefined() {
        SortedSet<String> u = new TreeSet<>(referenced);
        u.removeAll(defined);
        return u;
    }

    /** Symbols the UKL kernel itself defines for its application (kernel/patches, Documentation/ukl). */
    public static final Set<String> KERNEL_PROVIDED = Set.of("ukl_entry_SYSCALL_64",
            "ukl___preinit_array_start", "ukl___preinit_array_end", "ukl___init_array_start",
            "ukl___init_array_end", "ukl___fini_array_start", "ukl___fini_array_end");

    /** Undefined symbols that neither a member nor the kernel provides: the link would fail on them. */
    public SortedSet<String> unresolved() {
        SortedSet<String> u = undefined();
        u.removeAll(KERNEL_PROVIDED);
        return u;
    }

    /** Every finding that keeps the archive out of a kernel, one line each. */
    public List<String> findings() {
        List<String> out = new ArrayList<>();
        problems.forEach(p -> out.add(p.toString()));
        unresolved().forEach(u -> out.add(u + ": undefined, and neither a member nor the kernel defines it"
                + " (the kernel link would fail)"));
        return out;
    }

    public boolean ok() {
        return findings().isEmpty();
    }
}
