package dev.ukl.kernel;

import dev.ukl.UklException;
import net.fornwall.jelf.ElfException;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSection;
import net.fornwall.jelf.ElfSymbol;
import net.fornwall.jelf.ElfSymbolTableSection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether two kernels have the same code: the bytes of their vmlinux {@code .text}. Where bytes
 * differ, a function still counts as the same code if every difference is a 32-bit field (a
 * RIP-relative displacement or an absolute address) whose value moved by exactly as much as some
 * symbol moved between the two kernels: its code refers to data that sits elsewhere because
 * something before it (the kallsyms tables, whose size follows the symbol names) grew, and
 * nothing else changed; or one that refers, in both kernels, to the same string in
 * {@code .rodata}, wherever string merging put it. Any other difference, a function whose size differs or that only one
 * kernel has, is a code change. Notes, the build id and version strings are not in {@code .text}.
 *
 * @param size        the first kernel's .text size in bytes
 * @param otherSize   the second kernel's
 * @param differing   up to {@link #SHOWN} functions whose code differs, each with how, empty when the code is the same
 * @param count       how many functions' code differs in all
 * @param moved       how many functions differ only in the addresses of what they refer to
 * @param shifts      how many distinct symbol moves those differences were matched against
 */
public record TextComparison(long size, long otherSize, List<String> differing, int count, int moved,
        int shifts) {
    static final int SHOWN = 20;

    public boolean same() {
        return count == 0;
    }

    /** Compares the .text of two vmlinux files. */
    public static TextComparison of(Path vmlinux, Path other) {
        Text a = Text.read(vmlinux);
        Text b = Text.read(other);
        if (Arrays.equals(a.bytes, b.bytes)) {
            return new TextComparison(a.bytes.length, b.bytes.length, List.of(), 0, 0, 0);
        }
        Set<Long> shifts = shifts(a.symbols, b.symbols);
        List<String> changed = new ArrayList<>();
        List<String> shifted = new ArrayList<>();
        int moved = 0;
        for (Map.Entry<String, Function> e : a.functions.entrySet()) {
            Function mine = e.getValue();
            Function theirs = b.functions.get(e.getKey());
            if (theirs == null) {
                changed.add(e.getKey() + ": only in " + vmlinux);
            } else if (theirs.bytes.length != mine.bytes.length) {
                changed.add(e.getKey() + ": " + mine.bytes.length + " bytes, " + theirs.bytes.length + " in " + other);
            } else if (!Arrays.equals(theirs.bytes, mine.bytes)) {
                int at = unexplained(a, mine, b, theirs, shifts);
                if (at < 0) {
                    moved++;
                } else {
                    shifted.add(e.getKey() + ": same size, other code at +0x" + Integer.toHexString(at));
                }
            }
        }
        for (String name : b.functions.keySet()) {
            if (!a.functions.containsKey(name)) {
                changed.add(name + ": only in " + other);
            }
        }
        List<String> all = new ArrayList<>(changed);
        all.addAll(shifted);
        if (all.isEmpty() && moved == 0) {
            all.add("(no function differs: the bytes between functions do)");
        }
        return new TextComparison(a.bytes.length, b.bytes.length, List.copyOf(all.subList(0, Math.min(SHOWN,
                all.size()))), all.size(), moved, moved == 0 ? 0 : shifts.size());
    }

    /** How far each symbol both kernels have (by its unique name) moved, for those that did. */
    private static Set<Long> shifts(Map<String, Long> a, Map<String, Long> b) {
        Set<Long> shifts = new HashSet<>();
        a.forEach((name, addr) -> {
            Long there = b.get(name);
            if (there != null && there.longValue() != addr) {
                shifts.add(there - addr);
            }
        });
        return shifts;
    }

    /**
     * The offset of the first difference between two same-sized functions that is not a 32-bit
     * little-endian field moved by one of the shifts or referring to the same string, or -1 if
     * every difference is one.
     */
    private static int unexplained(Text ta, Function a, Text tb, Function b, Set<Long> shifts) {
        int i = 0;
        while (i < a.bytes.length) {
            if (a.bytes[i] == b.bytes[i]) {
                i++;
                continue;
            }
            int field = -1;
            for (int s = Math.max(0, i - 3); s <= i && s + 4 <= a.bytes.length && field < 0; s++) {
                if (shifts.contains((long) le32(b.bytes, s) - le32(a.bytes, s)) || sameString(ta, a, tb, b, s)) {
                    field = s;
                }
            }
            if (field < 0) {
                return i;
            }
            i = field + 4;
        }
        return -1;
    }

    /**
     * Whether the field at s is, in both functions, the address of the same string in .rodata:
     * an absolute address (a sign-extended immediate) or a RIP-relative displacement, taken from
     * the end of the field or of an immediate of 1, 2 or 4 bytes after it.
     */
    private static boolean sameString(Text ta, Function a, Text tb, Function b, int s) {
        long va = le32(a.bytes, s);
        long vb = le32(b.bytes, s);
        if (ta.string(va).filter(x -> x.equals(tb.string(vb).orElse(null))).isPresent()) {
            return true;
        }
        for (int after : new int[] {0, 1, 2, 4}) {
            long ra = a.address + s + 4 + after + va;
            long rb = b.address + s + 4 + after + vb;
            if (ta.string(ra).filter(x -> x.equals(tb.string(rb).orElse(null))).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static int le32(byte[] x, int at) {
        return (x[at] & 0xff) | (x[at + 1] & 0xff) << 8 | (x[at + 2] & 0xff) << 16 | (x[at + 3] & 0xff) << 24;
    }

    /** One line for people: same, or how many functions differ. */
    public String summary() {
        if (!same()) {
            return count + " function(s) differ (.text " + size + " and " + otherSize + " bytes)";
        }
        return "same code (.text " + size + " bytes" + (moved == 0 ? ")"
                : "; " + moved + " function(s) refer to data that moved, by one of " + shifts
                        + " symbol shifts, and differ in nothing else)");
    }

    /** A function's address and bytes. */
    private record Function(long address, byte[] bytes) {
    }

    /**
     * A kernel's .text, its functions by name (a repeated name gets #2, #3...), the addresses of
     * its symbols whose names are unique, and its .rodata (where string literals are).
     */
    private record Text(byte[] bytes, Map<String, Function> functions, Map<String, Long> symbols, long rodataAddr,
                        byte[] rodata) {
        /** The NUL-terminated string of up to 4095 text bytes at addr in .rodata, if there is one. */
        Optional<String> string(long addr) {
            long at = addr - rodataAddr;
            if (at < 0 || at >= rodata.length) {
                return Optional.empty();
            }
            int start = (int) at;
            int end = start;
            while (end < rodata.length && end - start < 4096 && rodata[end] != 0) {
                if (rodata[end] < 0x07 && rodata[end] != 0x01) {
                    return Optional.empty();
                }
                end++;
            }
            if (end >= rodata.length || rodata[end] != 0) {
                return Optional.empty();
            }
            return Optional.of(new String(rodata, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1));
        }

        static Text read(Path vmlinux) {
            try {
                byte[] file = Files.readAllBytes(vmlinux);
                ElfFile elf = ElfFile.from(file);
                ElfSection text = elf.firstSectionByName(".text");
                if (text == null) {
                    throw new UklException(vmlinux + " has no .text section");
                }
                long addr = text.header.sh_addr;
                int off = Math.toIntExact(text.header.sh_offset);
                byte[] bytes = Arrays.copyOfRange(file, off, off + Math.toIntExact(text.header.sh_size));
                int textIndex = -1;
                for (int i = 0; i < elf.e_shnum && textIndex < 0; i++) {
                    if (".text".equals(elf.getSection(i).header.getName())) {
                        textIndex = i;
                    }
                }
                Map<String, Function> functions = new LinkedHashMap<>();
                Map<String, Integer> seen = new HashMap<>();
                Map<String, Long> symbols = new HashMap<>();
                Set<String> repeated = new HashSet<>();
                ElfSymbolTableSection symtab = elf.getSymbolTableSection();
                if (symtab != null) {
                    for (ElfSymbol s : symtab.symbols) {
                        String symbol = s.getName();
                        if (symbol != null && !symbol.isEmpty() && !repeated.contains(symbol)
                                && symbols.put(symbol, s.st_value) != null) {
                            symbols.remove(symbol);
                            repeated.add(symbol);
                        }
                        if (s.getType() != ElfSymbol.STT_FUNC || (s.st_shndx & 0xffff) != textIndex || s.st_size == 0) {
                            continue;
                        }
                        int start = Math.toIntExact(s.st_value - addr);
                        int end = Math.toIntExact(Math.min(bytes.length, start + s.st_size));
                        String name = s.getName();
                        int n = seen.merge(name, 1, Integer::sum);
                        functions.put(n == 1 ? name : name + "#" + n,
                                new Function(s.st_value, Arrays.copyOfRange(bytes, start, end)));
                    }
                }
                ElfSection rodata = elf.firstSectionByName(".rodata");
                long rodataAddr = rodata == null ? 0 : rodata.header.sh_addr;
                byte[] rodataBytes = new byte[0];
                if (rodata != null && rodata.header.sh_type != 8) {
                    int ro = Math.toIntExact(rodata.header.sh_offset);
                    rodataBytes = Arrays.copyOfRange(file, ro, ro + Math.toIntExact(rodata.header.sh_size));
                }
                return new Text(bytes, functions, symbols, rodataAddr, rodataBytes);
            } catch (IOException | ElfException | ArithmeticException | IllegalArgumentException e) {
                throw new UklException("cannot read the code of " + vmlinux + ": " + e.getMessage(), e);
            }
        }
    }
}
