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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether two kernels have the same code: the bytes of their vmlinux {@code .text}, compared
 * whole. When they differ, the functions that tell why, from the symbol tables: those whose size
 * differs or that only one kernel has first (the changes themselves), else those whose bytes
 * differ (with equal sizes, a changed constant or call). Notes, the build id and version strings
 * are not in {@code .text}.
 *
 * @param size      the first kernel's .text size in bytes
 * @param otherSize the second kernel's
 * @param differing up to {@link #SHOWN} functions that differ, each with how, empty when the code is the same
 * @param count     how many functions differ in all
 */
public record TextComparison(long size, long otherSize, List<String> differing, int count) {
    static final int SHOWN = 20;

    public boolean same() {
        return count == 0;
    }

    /** Compares the .text of two vmlinux files. */
    public static TextComparison of(Path vmlinux, Path other) {
        Text a = Text.read(vmlinux);
        Text b = Text.read(other);
        if (Arrays.equals(a.bytes, b.bytes)) {
            return new TextComparison(a.bytes.length, b.bytes.length, List.of(), 0);
        }
        List<String> changed = new ArrayList<>();
        List<String> shifted = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : a.functions.entrySet()) {
            byte[] theirs = b.functions.get(e.getKey());
            if (theirs == null) {
                changed.add(e.getKey() + ": only in " + vmlinux);
            } else if (theirs.length != e.getValue().length) {
                changed.add(e.getKey() + ": " + e.getValue().length + " bytes, " + theirs.length + " in " + other);
            } else if (!Arrays.equals(theirs, e.getValue())) {
                shifted.add(e.getKey() + ": same size, other bytes");
            }
        }
        for (String name : b.functions.keySet()) {
            if (!a.functions.containsKey(name)) {
                changed.add(name + ": only in " + other);
            }
        }
        List<String> all = new ArrayList<>(changed);
        all.addAll(shifted);
        if (all.isEmpty()) {
            all.add("(no function differs: the bytes between functions do)");
        }
        return new TextComparison(a.bytes.length, b.bytes.length, List.copyOf(all.subList(0, Math.min(SHOWN,
                all.size()))), all.size());
    }

    /** One line for people: same, or how many functions differ. */
    public String summary() {
        return same() ? "same .text (" + size + " bytes)"
                : count + " function(s) differ (.text " + size + " and " + otherSize + " bytes)";
    }

    /** A kernel's .text and its functions' bytes, by name (a repeated name gets #2, #3...). */
    private record Text(byte[] bytes, Map<String, byte[]> functions) {
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
                Map<String, byte[]> functions = new LinkedHashMap<>();
                Map<String, Integer> seen = new HashMap<>();
                ElfSymbolTableSection symtab = elf.getSymbolTableSection();
                if (symtab != null) {
                    for (ElfSymbol s : symtab.symbols) {
                        if (s.getType() != ElfSymbol.STT_FUNC || (s.st_shndx & 0xffff) != textIndex || s.st_size == 0) {
                            continue;
                        }
                        int start = Math.toIntExact(s.st_value - addr);
                        int end = Math.toIntExact(Math.min(bytes.length, start + s.st_size));
                        String name = s.getName();
                        int n = seen.merge(name, 1, Integer::sum);
                        functions.put(n == 1 ? name : name + "#" + n, Arrays.copyOfRange(bytes, start, end));
                    }
                }
                return new Text(bytes, functions);
            } catch (IOException | ElfException | ArithmeticException | IllegalArgumentException e) {
                throw new UklException("cannot read the code of " + vmlinux + ": " + e.getMessage(), e);
            }
        }
    }
}
