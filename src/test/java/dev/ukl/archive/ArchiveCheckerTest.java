package dev.ukl.archive;

import dev.ukl.app.Compiler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ukl check on objects the real compiler made with good and with bad flags. */
class ArchiveCheckerTest {
    @TempDir
    Path tmp;

    static final String SOURCE = """
            extern long shared_counter;
            extern long raw_syscall(long nr, ...);
            static char table[64];
            long shared_counter;

            char *table_address(void) { return table; }
            long bump(void) { return ++shared_counter; }
            long pid(void) { return raw_syscall(39); }
            """;

    static final String ASM_SYSCALL = """
            long direct_getpid(void)
            {
            	long r;
            	asm volatile("syscall" : "=a"(r) : "a"(39L) : "rcx", "r11", "memory");
            	return r;
            }
            """;

    private Path archive(String name, String source, List<String> flags) throws Exception {
        Path src = tmp.resolve(name + ".c");
        Files.writeString(src, source);
        Path obj = tmp.resolve(name + ".o");
        new Compiler(tmp.resolve("cc.log")).object(src, flags, obj, name);
        Path ar = tmp.resolve(name + ".a");
        new Compiler(tmp.resolve("cc.log")).uklArchive(List.of(obj), ar);
        return ar;
    }

    @Test
    void theUklFlagsGiveNoFormatOrRelocationProblems() throws Exception {
        CheckReport r = new ArchiveChecker().check(archive("good", SOURCE, Compiler.UKL_FLAGS));
        assertThat(r.problems()).isEmpty();
        assertThat(r.objects()).containsExactly("good.o");
        assertThat(r.undefined()).containsExactly("ukl_raw_syscall");
        assertThat(r.unresolved()).as("raw_syscall is defined by no member").containsExactly("ukl_raw_syscall");
        assertThat(r.ok()).isFalse();
    }

    @Test
    void onlyTheKernelsOwnEntryMayStayUndefined() throws Exception {
        String src = SOURCE.replace("raw_syscall", "entry_SYSCALL_64");
        CheckReport r = new ArchiveChecker().check(archive("entry", src, Compiler.UKL_FLAGS));
        assertThat(r.undefined()).containsExactly("ukl_entry_SYSCALL_64");
        assertThat(r.unresolved()).isEmpty();
        assertThat(r.ok()).isTrue();
    }

    @Test
    void theSmallCodeModelWithoutPicIsReportedWithObjectSectionAndSymbol() throws Exception {
        CheckReport r = new ArchiveChecker().check(archive("small", SOURCE, List.of("-fno-pie", "-mcmodel=small")));
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.object()).isEqualTo("small.o");
            assertThat(p.section()).startsWith(".text");
            assertThat(p.symbol()).isIn(".bss", "ukl_table", ".bss.table");
            assertThat(p.text()).startsWith("R_X86_64_32:");
        });
    }

    @Test
    void picCodeNeedingAGotIsReported() throws Exception {
        CheckReport r = new ArchiveChecker().check(archive("pic", SOURCE, List.of("-fPIC")));
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.symbol()).isEqualTo("ukl_shared_counter");
            assertThat(p.text()).contains("GOTPCREL");
        });
    }

    @Test
    void aLeftoverSyscallInstructionIsReportedWithSymbolAndOffset() throws Exception {
        CheckReport r = new ArchiveChecker().check(archive("asm", ASM_SYSCALL, Compiler.UKL_FLAGS));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.symbol()).matches("ukl_direct_getpid\\+0x[0-9a-f]+");
            assertThat(p.text()).startsWith("syscall instruction");
        });
    }

    @Test
    void syscallBytesInsideAnotherInstructionAreNotASyscall() throws Exception {
        String src = "long flags(void) { long r; asm volatile(\"movq $0x50f00, %0\" : \"=r\"(r)); return r; }\n";
        CheckReport r = new ArchiveChecker().check(archive("imm", src, Compiler.UKL_FLAGS));
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void localExecThreadLocalStorageLinksWhileDynamicTlsIsReported() throws Exception {
        String src = "__thread int counter = 5;\nint next(void) { return ++counter; }\n";
        CheckReport ok = new ArchiveChecker().check(archive("tls", src, Compiler.UKL_FLAGS));
        assertThat(ok.findings()).isEmpty();
        List<String> pic = new java.util.ArrayList<>(List.of("-fPIC"));
        CheckReport bad = new ArchiveChecker().check(archive("tlspic", src, pic));
        assertThat(bad.problems()).anySatisfy(p -> assertThat(p.text()).startsWith("R_X86_64_TLSGD"));
    }

    @Test
    void debugInfoRelocationsAreNotKernelAddresses() throws Exception {
        List<String> flags = new java.util.ArrayList<>(Compiler.UKL_FLAGS);
        flags.add("-g");
        CheckReport r = new ArchiveChecker().check(archive("debug", "int twice(int x) { return 2 * x; }\n", flags));
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void weakAndUnrelocatedUndefinedSymbolsNeedNoDefinition() throws Exception {
        String src = "extern void hook(void) __attribute__((weak));\n"
                + "__thread int t;\n"
                + "void run(void) { if (hook) hook(); t++; }\n";
        CheckReport r = new ArchiveChecker().check(archive("weak", src, Compiler.UKL_FLAGS));
        // gcc names _GLOBAL_OFFSET_TABLE_ for the TLS access without relocating against it
        assertThat(r.undefined()).doesNotContain("ukl_hook").doesNotContain("ukl__GLOBAL_OFFSET_TABLE_");
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void nonElfAndForeignObjectsAreReported() throws Exception {
        Path junk = tmp.resolve("notes.txt");
        Files.writeString(junk, "hello");
        Path src = tmp.resolve("i386.c");
        Files.writeString(src, "int f(void) { return 1; }\n");
        Path obj32 = tmp.resolve("i386.o");
        new Compiler(tmp.resolve("cc.log")).object(src, List.of("-m32"), obj32, "i386");
        Path ar = tmp.resolve("mixed.a");
        List<String> cmd = new ArrayList<>(List.of("ar", "crD", ar.toString(), junk.toString(), obj32.toString()));
        assertThat(new ProcessBuilder(cmd).start().waitFor()).isZero();
        CheckReport r = new ArchiveChecker().check(ar);
        assertThat(r.problems()).extracting(CheckReport.Problem::object).containsExactly("notes.txt", "i386.o");
        assertThat(r.problems().get(0).text()).isEqualTo("not an ELF object");
        assertThat(r.problems().get(1).text()).contains("not an x86-64 relocatable object");
    }
}
