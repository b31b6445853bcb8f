package dev.ukl.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.guest.Pipeline;
import dev.ukl.util.Proc;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's own link step (the series' top Makefile, without ukl's checks in front of it)
 * refuses an app archive with system call instructions, naming each, while byte pairs inside
 * other instructions pass. The archive goes into the UKL variant's object directory as UKL.a,
 * as ukl places an app's, but past ukl's own archive check, and the variant is built as always;
 * afterwards the sample's archive is linked again.
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

        Path log = project.logs().resolve("kernel-" + Pipeline.UKL_VARIANT + ".log");
        KernelBuilder builder = new KernelBuilder(project);
        try {
            try (var lock = builder.lock(Pipeline.UKL_VARIANT, pipeline.out())) {
                Files.copy(tmp.resolve("bad.a"), objdir.resolve("UKL.a"), StandardCopyOption.REPLACE_EXISTING);
                assertThatThrownBy(() -> builder.build(Pipeline.UKL_VARIANT, List.of(), pipeline.out()))
                        .as("the kernel build must fail").isInstanceOf(UklException.class);
            }
            String output = Files.readString(log);
            assertThat(output)
                    .contains("bad.o: <raw_getpid>:")
                    .contains("bad.o: <raw_int80>:")
                    .contains("has system call instructions")
                    .doesNotContain("<not_a_syscall>");
            assertThat(output.lines().filter(l -> l.startsWith("UKL: bad.o:"))).hasSize(2);
            assertThat(Files.readAllBytes(objdir.resolve("ukl.a"))).as("the link never took the archive")
                    .isEqualTo(before);
        } finally {
            pipeline.uklKernel(app.uklArchive());
        }
    }
}
