package dev.ukl.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The initramfs writer against the system's own cpio. */
class CpioWriterTest {
    @TempDir
    Path tmp;

    private static Initramfs sample() {
        return new Initramfs()
                .text("init", 0755, "#!/bin/sh\necho hi\n")
                .text("etc/ukl/job", 0644, "exit 0\n")
                .file("bin/blob", 0755, new byte[]{0, 1, 2, 3, (byte) 0xff})
                .symlink("bin/sh", "busybox")
                .charDevice("dev/console", 0600, 5, 1)
                .dir("tmp");
    }

    private static String run(Path dir, Path stdin, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectInput(stdin.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", Arrays.toString(cmd), out).isZero();
        return out;
    }

    @Test
    void cpioListsEveryEntryWithParentsFirst() throws Exception {
        Path archive = tmp.resolve("a.cpio");
        try (var os = Files.newOutputStream(archive)) {
            sample().writeCpio(os);
        }
        List<String> listed = run(tmp, archive, "cpio", "-t", "--quiet").lines().toList();
        assertThat(listed).containsExactly("bin", "bin/blob", "bin/sh", "dev", "dev/console", "etc", "etc/ukl",
                "etc/ukl/job", "init", "tmp");
    }

    @Test
    void cpioExtractsContentsModesLinksAndDevices() throws Exception {
        Path archive = tmp.resolve("a.cpio");
        try (var os = Files.newOutputStream(archive)) {
            sample().writeCpio(os);
        }
        String verbose = run(tmp, archive, "cpio", "-tv", "--quiet");
        assertThat(verbose).containsPattern("(?m)^lrwxrwxrwx .* bin/sh -> busybox$");
        assertThat(verbose).containsPattern("(?m)^crw------- .* 5, +1 .* dev/console$");
        assertThat(verbose).containsPattern("(?m)^-rwxr-xr-x .* 5 .* bin/blob$");
        Path out = Files.createDirectory(tmp.resolve("x"));
        run(out, archive, "cpio", "-id", "--quiet", "--no-absolute-filenames", "--nonmatching", "dev/*");
        assertThat(Files.readString(out.resolve("init"))).isEqualTo("#!/bin/sh\necho hi\n");
        assertThat(Files.readAllBytes(out.resolve("bin/blob"))).containsExactly(0, 1, 2, 3, 0xff);
        assertThat(Files.isExecutable(out.resolve("init"))).isTrue();
        assertThat(Files.readSymbolicLink(out.resolve("bin/sh")).toString()).isEqualTo("busybox");
    }

    @Test
    void aBareImageHoldsOnlyWhatTheKernelNeedsAndTheAppsFiles() throws Exception {
        Path data = Files.writeString(tmp.resolve("notes.txt"), "a note\n");
        Path archive = tmp.resolve("bare.cpio");
        try (var os = Files.newOutputStream(archive)) {
            GuestImage.bare().addTree("/data/notes.txt", data).initramfs().writeCpio(os);
        }
        List<String> listed = run(tmp, archive, "cpio", "-t", "--quiet").lines().toList();
        assertThat(listed).containsExactly("data", "data/notes.txt", "dev", "dev/console", "dev/null", "etc",
                "etc/ukl", "proc", "root", "sys", "tmp");
    }

    @Test
    void sameInputsGiveSameBytes() throws Exception {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        sample().writeCpio(a);
        Thread.sleep(1100);
        sample().writeCpio(b);
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
        Path g1 = tmp.resolve("1.cpio.gz");
        Path g2 = tmp.resolve("2.cpio.gz");
        sample().writeGzip(g1);
        sample().writeGzip(g2);
        assertThat(Files.readAllBytes(g1)).isEqualTo(Files.readAllBytes(g2));
        assertThat(new String(a.toByteArray(), 0, 6, StandardCharsets.US_ASCII)).isEqualTo("070701");
    }

    @Test
    void insertionOrderDoesNotMatter() throws Exception {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new Initramfs().text("b/y", 0644, "y").text("a/x", 0644, "x").writeCpio(a);
        new Initramfs().text("a/x", 0644, "x").text("b/y", 0644, "y").writeCpio(b);
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
    }
}
