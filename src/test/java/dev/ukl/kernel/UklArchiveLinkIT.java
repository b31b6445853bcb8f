package dev.ukl.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ukl.Project;
import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.guest.Pipeline;
import dev.ukl.util.Proc;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's own link step (the series' top Makefile, without ukl's checks in front of it)
 * refuses an app archive with system call instructions, naming each, while byte pairs inside
 * other instructions pass. It runs the step that prepares the archive for vmlinux (target ukl.a
 * in the UKL variant's object directory) with the archive path overridden; the step fails before
 * it writes anything, so the directory's own ukl.a stays.
 */
class UklArchiveLinkIT {
    private static final String SOURCE = """
            long raw_getpid(void)
            {
            	long r;
            	asm volatile("syscall" : "=a"(r) : "a"(39L) : "rcx", "r11", "memory");
            	return r;
            }
            void raw_int80(void)
            {
            	asm volatile("int $0x80" ::: "memory");
            }
            long not_a_syscall(long x)
            {
            	return x * 0x050f050f + 0x80cd;	/* the bytes 0f 05 and cd 80 as immediates */
            }
            """;

    @Test
    void theKernelLinkRefusesAnArchiveWithSyscallInstructions(@TempDir Path tmp) throws IOException {
        Project project = Project.locate();
        Pipeline pipeline = new Pipeline(project, new PrintWriter(System.out, true)).ensurePrerequisites();
        AppBuilder.Built app = new AppBuilder(project).build(App.load(project.root().resolve("samples/tcp_server")));
        pipeline.uklKernel(app.uklArchive());
        Path objdir = project.kernelObjects(Pipeline.UKL_VARIANT);
        byte[] before = Files.readAllBytes(objdir.resolve("ukl.a"));

        Files.writeString(tmp.resolve("bad.c"), SOURCE);
        Proc.Result cc = Proc.run(tmp, List.of("gcc", "-O2", "-mcmodel=kernel", "-fno-pic", "-ffreestanding",
                "-c", "bad.c", "-o", "bad.o"));
        assertThat(cc.ok()).as(cc.output()).isTrue();
        Proc.Result ar = Proc.run(tmp, List.of("ar", "rcs", "bad.a", "bad.o"));
        assertThat(ar.ok()).as(ar.output()).isTrue();

        Proc.Result link = Proc.run(project.kernelSource(), List.of("make", "-s", "O=" + objdir,
                "CONFIG_UKL_ARCHIVE_PATH=\"" + tmp.resolve("bad.a") + "\"", "ukl.a"));
        System.out.println(link.output());
        assertThat(link.ok()).as("the link step must fail").isFalse();
        assertThat(link.output())
                .contains("bad.o: <raw_getpid>:")
                .contains("bad.o: <raw_int80>:")
                .contains("has system call instructions")
                .doesNotContain("<not_a_syscall>");
        assertThat(link.output().lines().filter(l -> l.startsWith("UKL: bad.o:"))).hasSize(2);
        assertThat(Files.readAllBytes(objdir.resolve("ukl.a"))).as("the directory's own ukl.a is kept")
                .isEqualTo(before);
    }
}
