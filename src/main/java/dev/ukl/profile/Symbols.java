package dev.ukl.profile;

import dev.ukl.UklException;
import net.fornwall.jelf.ElfException;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSectionHeader;
import net.fornwall.jelf.ElfSymbol;
import net.fornwall.jelf.ElfSymbolTableSection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Code symbols of ELF files by address: the function (or assembly label) an instruction belongs
 * to is the nearest symbol at or below it, as perf attributes samples.
 */
public final class Symbols {
    private final TreeMap<Long, String> byAddress = new TreeMap<>();
    private final Map<String, Long> byName = new java.util.HashMap<>();

    /** Adds the function and untyped symbols of an executable or vmlinux. */
    public Symbols add(Path elfFile) {
        ElfFile elf;
        try {
            elf = ElfFile.from(elfFile.toFile());
        } catch (IOException | ElfException e) {
            throw new UklException("cannot read the symbols of " + elfFile + ": " + e.getMessage(), e);
        }
        ElfSymbolTableSection symtab = elf.getSymbolTableSection();
        if (symtab == null) {
            throw new UklException(elfFile + " has no symbol table (stripped?)");
        }
        for (ElfSymbol s : symtab.symbols) {
            int type = s.getType();
            int shndx = s.st_shndx & 0xffff;
            String name = s.getName();
            if (name != null && !name.isEmpty() && shndx != 0) {
                byName.putIfAbsent(name, s.st_value);
            }
            if ((type != ElfSymbol.STT_FUNC && type != ElfSymbol.STT_NOTYPE) || shndx == 0 || shndx >= 0xff00
                    || name == null || name.isEmpty() || name.startsWith(".L") || name.startsWith("$")) {
                continue;
            }
            if ((elf.getSection(shndx).header.sh_flags & ElfSectionHeader.FLAG_EXEC_INSTR) == 0) {
                continue; // not in an executable section
            }
            // a function's name wins over a label at the same address
            byAddress.merge(s.st_value, name, (old, add) -> type == ElfSymbol.STT_FUNC ? add : old);
        }
        return this;
    }

    /** The symbol an address belongs to, or "[unknown]". */
    public String nameOf(long address) {
        Map.Entry<Long, String> e = byAddress.floorEntry(address);
        return e == null ? "[unknown]" : e.getValue();
    }

    /** The address of a symbol (of any kind), if the files have it. */
    public java.util.OptionalLong addressOf(String name) {
        Long a = byName.get(name);
        return a == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(a);
    }
}
