package dev.ukl.archive;

import dev.ukl.UklException;
import net.fornwall.jelf.ElfException;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfRelocationAddend;
import net.fornwall.jelf.ElfRelocationAddendSection;
import net.fornwall.jelf.ElfSection;
import net.fornwall.jelf.ElfSectionHeader;
import net.fornwall.jelf.ElfSymbol;
import net.fornwall.jelf.ElfSymbolTableSection;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Inspects an app archive before it goes into a kernel: every member must be an x86-64 ELF
 * relocatable object; relocations the kernel code model cannot link are reported with object,
 * section and symbol; leftover {@code syscall} instructions are reported with symbol and offset;
 * symbols that no member defines are listed.
 */
public final class ArchiveChecker {
    private static final int ET_REL = 1;
    private static final int EM_X86_64 = 62;
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_RELA = 4;
    private static final int SHT_REL = 9;
    private static final long SHF_ALLOC = 0x2;
    private static final long SHF_EXECINSTR = 0x4;
    private static final int STT_SECTION = 3;
    private static final int STB_LOCAL = 0;
    private static final int STB_WEAK = 2;

    /** Relocation types that cannot work for code linked in the kernel's top 2 GiB, and why. */
    static final Map<Integer, String> BAD_RELOCATIONS = Map.ofEntries(
            Map.entry(10, "R_X86_64_32: a zero-extended 32-bit address cannot reach the kernel's top 2 GiB "
                    + "(compile with -mcmodel=kernel -fno-PIC)"),
            Map.entry(3, "R_X86_64_GOT32: needs a GOT, which the kernel does not have (compile with -fno-PIC)"),
            Map.entry(9, "R_X86_64_GOTPCREL: needs a GOT, which the kernel does not have (compile with -fno-PIC)"),
            Map.entry(41, "R_X86_64_GOTPCRELX: needs a GOT, which the kernel does not have (compile with -fno-PIC)"),
            Map.entry(42, "R_X86_64_REX_GOTPCRELX: needs a GOT, which the kernel does not have (compile with -fno-PIC)"),
            Map.entry(25, "R_X86_64_GOTOFF64: needs a GOT, which the kernel does not have (compile with -fno-PIC)"),
            Map.entry(26, "R_X86_64_GOTPC32: needs a GOT, which the kernel does not have (compile with -fno-PIC)"),
            Map.entry(19, "R_X86_64_TLSGD: dynamic TLS needs __tls_get_addr (compile with -fno-PIC)"),
            Map.entry(20, "R_X86_64_TLSLD: dynamic TLS needs __tls_get_addr (compile with -fno-PIC)"),
            Map.entry(16, "R_X86_64_DTPMOD64: dynamic TLS is not available in the kernel"),
            Map.entry(12, "R_X86_64_16: a 16-bit address cannot reach the kernel's top 2 GiB"),
            Map.entry(14, "R_X86_64_8: an 8-bit address cannot reach the kernel's top 2 GiB"));

    public CheckReport check(Path archive) {
        if (!Files.isRegularFile(archive)) {
            throw new UklException("archive " + archive + " does not exist");
        }
        CheckReport report = new CheckReport();
        try (InputStream raw = Files.newInputStream(archive);
             ArArchiveInputStream ar = new ArArchiveInputStream(raw)) {
            ArArchiveEntry e;
            boolean any = false;
            while ((e = ar.getNextEntry()) != null) {
                any = true;
                String name = e.getName();
                if (name.isEmpty() || name.equals("/") || name.startsWith("__.SYMDEF")) {
                    continue;
                }
                report.object(name);
                checkObject(name, ar.readAllBytes(), report);
            }
            if (!any) {
                throw new UklException(archive + " is an empty archive");
            }
        } catch (IOException e) {
            throw new UklException(archive + " is not an ar archive: " + e.getMessage());
        }
        return report;
    }

    /** Checks one object file (also usable for a single .o). */
    public void checkObject(String name, byte[] bytes, CheckReport report) {
        ElfFile elf;
        try {
            elf = ElfFile.from(bytes);
        } catch (ElfException | IllegalArgumentException | IndexOutOfBoundsException e) {
            report.problem(name, "-", "-", "not an ELF object");
            return;
        }
        if (elf.is32Bits() || elf.e_machine != EM_X86_64 || elf.e_type != ET_REL) {
            report.problem(name, "-", "-", "not an x86-64 relocatable object (ELF type " + elf.e_type
                    + ", machine " + elf.e_machine + (elf.is32Bits() ? ", 32-bit" : "") + ")");
            return;
        }
        Disassembly disassembly = new Disassembly(bytes);
        ElfSymbolTableSection symtab = null;
        for (int i = 0; i < elf.e_shnum; i++) {
            ElfSection s = elf.getSection(i);
            if (s.header.sh_type == SHT_SYMTAB) {
                symtab = (ElfSymbolTableSection) s;
            }
        }
        java.util.Set<Integer> used = relocatedSymbols(elf);
        if (symtab != null) {
            for (int k = 0; k < symtab.symbols.length; k++) {
                ElfSymbol sym = symtab.symbols[k];
                String n = sym.getName();
                if (n == null || n.isEmpty() || sym.getBinding() == STB_LOCAL) {
                    continue;
                }
                if (sym.st_shndx != 0) {
                    report.defined(n);
                } else if (sym.getBinding() != STB_WEAK && used.contains(k)) {
                    // weak references resolve to 0; symbols no relocation uses need no definition
                    report.referenced(n);
                }
            }
        }
        for (int i = 0; i < elf.e_shnum; i++) {
            ElfSection s = elf.getSection(i);
            ElfSectionHeader h = s.header;
            if (h.sh_type == SHT_REL) {
                report.problem(name, h.getName(), "-", "REL relocations without addends are not x86-64 code");
            } else if (h.sh_type == SHT_RELA && s instanceof ElfRelocationAddendSection rela
                    && (elf.getSection(h.sh_info).header.sh_flags & SHF_ALLOC) != 0) {
                // only loaded sections matter: debug info refers to offsets, not kernel addresses
                String target = elf.getSection(h.sh_info).header.getName();
                for (ElfRelocationAddend r : rela.relocations) {
                    String why = BAD_RELOCATIONS.get((int) r.getType());
                    if (why != null) {
                        report.problem(name, target, symbolName(elf, symtab, r.getSymbolIndex()),
                                why + " at offset 0x" + Long.toHexString(r.r_offset));
                    }
                }
            }
            if ((h.sh_flags & SHF_EXECINSTR) != 0 && h.sh_type != 8) {
                scanForSyscalls(name, elf, i, s.getData(), symtab, disassembly, report);
            }
        }
    }

    /**
     * Reports syscall, sysenter and int $0x80 instructions in code. The byte pairs (0f 05, 0f 34,
     * cd 80) also occur inside other instructions' immediates and displacements, so a section
     * with candidates is disassembled (objdump) and only real instructions are reported.
     */
    private static void scanForSyscalls(String object, ElfFile elf, int sectionIndex, byte[] code,
                                        ElfSymbolTableSection symtab, Disassembly disassembly,
                                        CheckReport report) {
        String section = elf.getSection(sectionIndex).header.getName();
        boolean candidate = false;
        for (int off = 0; off + 1 < code.length && !candidate; off++) {
            int a = code[off] & 0xff;
            int b = code[off + 1] & 0xff;
            candidate = a == 0x0f && (b == 0x05 || b == 0x34) || a == 0xcd && b == 0x80;
        }
        if (!candidate) {
            return;
        }
        for (Map.Entry<Long, String> e : disassembly.instructions(section).entrySet()) {
            report.problem(object, section, where(symtab, sectionIndex, e.getKey()),
                    e.getValue() + " instruction: a UKL app must call the kernel entry instead");
        }
    }

    /** "function+0xOFF" for an offset in a section, from the symbol that contains it. */
    private static String where(ElfSymbolTableSection symtab, int sectionIndex, long off) {
        ElfSymbol best = null;
        if (symtab != null) {
            for (ElfSymbol s : symtab.symbols) {
                if ((s.st_shndx & 0xffff) != sectionIndex || s.getType() == STT_SECTION) {
                    continue;
                }
                String n = s.getName();
                if (n == null || n.isEmpty() || s.st_value > off) {
                    continue;
                }
                if (best == null || s.st_value > best.st_value) {
                    best = s;
                }
            }
        }
        if (best == null) {
            return "0x" + Long.toHexString(off);
        }
        return best.getName() + "+0x" + Long.toHexString(off - best.st_value);
    }

    /** Indices of the symbols that some relocation of the object refers to. */
    private static java.util.Set<Integer> relocatedSymbols(ElfFile elf) {
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int i = 0; i < elf.e_shnum; i++) {
            if (elf.getSection(i) instanceof ElfRelocationAddendSection rela) {
                for (ElfRelocationAddend r : rela.relocations) {
                    used.add(r.getSymbolIndex());
                }
            }
        }
        return used;
    }

    private static String symbolName(ElfFile elf, ElfSymbolTableSection symtab, int index) {
        if (symtab == null || index <= 0 || index >= symtab.symbols.length) {
            return "-";
        }
        ElfSymbol s = symtab.symbols[index];
        if (s.getType() == STT_SECTION) {
            return elf.getSection(s.st_shndx & 0xffff).header.getName();
        }
        String n = s.getName();
        return n == null || n.isEmpty() ? "-" : n;
    }
}
