package dev.ukl.runtime;

import dev.ukl.Project;
import dev.ukl.archive.ArchiveChecker;
import dev.ukl.archive.CheckReport;
import dev.ukl.util.Proc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ukl cc with the real runtime (built here if missing) and real gcc output. */
class UklCcIT {
    static final Project PROJECT = Project.locate();

    @TempDir
    Path tmp;

    @BeforeAll
    static void runtime() {
        new MuslRuntime(PROJECT).ensure(new PrintWriter(System.out, true));
    }

    private record Run(int rc, String err) {
    }

    private Run cc(boolean userspace, String... args) {
        StringWriter err = new StringWriter();
        int rc = new UklCc(PROJECT, new PrintWriter(err, true)).run(List.of(args), userspace);
        return new Run(rc, err.toString());
    }

    private void twoFiles() throws Exception {
        Files.writeString(tmp.resolve("count.c"), """
                #include <pthread.h>
                __thread int mine;
                int total;
                static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
                void *count(void *arg) {
                	for (int i = 0; i < 1000; i++) mine++;
                	pthread_mutex_lock(&m); total += mine; pthread_mutex_unlock(&m);
                	return arg;
                }
                """);
        Files.writeString(tmp.resolve("main.c"), """
                #include <pthread.h>
                #include <stdio.h>
                extern int total;
                void *count(void *);
                int main(void) {
                	pthread_t t[3];
                	for (int i = 0; i < 3; i++) pthread_create(&t[i], 0, count, 0);
                	for (int i = 0; i < 3; i++) pthread_join(t[i], 0);
                	printf("total %d\\n", total);
                	return 0;
                }
                """);
    }

    @Test
    void separateCompilesAndALinkMakeACheckedAppArchive() throws Exception {
        twoFiles();
        for (String f : List.of("count", "main")) {
            Run r = cc(false, "-O2", "-Wall", "-c", "-o", tmp.resolve(f + ".o").toString(),
                    tmp.resolve(f + ".c").toString());
            assertThat(r.rc()).as(r.err()).isZero();
        }
        Path app = tmp.resolve("counter");
        Run link = cc(false, "-o", app.toString(), tmp.resolve("main.o").toString(), tmp.resolve("count.o").toString(),
                "-lpthread");
        assertThat(link.rc()).as(link.err()).isZero();
        CheckReport report = new ArchiveChecker().check(app);
        assertThat(report.findings()).isEmpty();
        assertThat(report.undefined()).containsExactly("ukl_entry_SYSCALL_64");
        // the C library came along: the app defines printf and pthread_create itself
        String symbols = Proc.run(null, List.of("nm", app.toString())).output();
        assertThat(symbols).containsPattern(" T ukl_printf\\n").containsPattern(" [TW] ukl_pthread_create\\n")
                .containsPattern(" T ukl_main\\n");
        // no syscall instruction is left anywhere, and the TLS template is there
        assertThat(Proc.run(null, List.of("objdump", "-d", app.toString())).output()).doesNotContainPattern(
                "\\tsyscall");
        assertThat(Proc.run(null, List.of("objdump", "-h", app.toString())).output()).contains(".tbss");
    }

    @Test
    void theSameCommandLineWithUserspaceMakesAStaticMuslProgram() throws Exception {
        twoFiles();
        Path prog = tmp.resolve("counter");
        Run r = cc(true, "-O2", "-o", prog.toString(), tmp.resolve("main.c").toString(),
                tmp.resolve("count.c").toString(), "-lpthread");
        assertThat(r.rc()).as(r.err()).isZero();
        // an x86-64 executable without a dynamic section: statically linked (binutils' readelf)
        assertThat(Proc.run(null, List.of("readelf", "-h", "-d", prog.toString())).output())
                .contains("EXEC (Executable file)", "X86-64", "There is no dynamic section in this file.");
        Proc.Result out = Proc.run(null, List.of(prog.toString()));
        assertThat(out.output()).isEqualTo("total 3000\n");
    }

    @Test
    void anUndefinedFunctionFailsTheLinkNamingIt() throws Exception {
        Files.writeString(tmp.resolve("bad.c"), "void not_anywhere(void);\nint main(void) { not_anywhere(); }\n");
        Run r = cc(false, "-o", tmp.resolve("bad").toString(), tmp.resolve("bad.c").toString());
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("undefined reference to `not_anywhere'");
        assertThat(tmp.resolve("bad")).doesNotExist();
    }

    @Test
    void aCompileErrorIsTheCompilersAndASharedLibraryIsRefused() throws Exception {
        Files.writeString(tmp.resolve("syntax.c"), "int main(void) { return }\n");
        assertThat(cc(false, "-c", tmp.resolve("syntax.c").toString(), "-o", tmp.resolve("s.o").toString()).rc())
                .isNotZero();
        Run shared = cc(false, "-shared", "-o", tmp.resolve("lib.so").toString(), tmp.resolve("syntax.c").toString());
        assertThat(shared.rc()).isEqualTo(1);
        assertThat(shared.err()).startsWith("ukl cc: error: -shared");
    }
}
