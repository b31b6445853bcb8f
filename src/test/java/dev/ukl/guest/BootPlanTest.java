package dev.ukl.guest;

import dev.ukl.UklException;
import dev.ukl.image.GuestImage;
import dev.ukl.vm.PortForward;
import dev.ukl.vm.QemuConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootPlanTest {
    private static final Path KERNEL = Path.of("/k/bzImage");
    private static final Path INITRD = Path.of("/i/initrd.cpio.gz");

    private static BootPlan plan(String append) {
        return new BootPlan("t", KernelRequest.at(KERNEL), BootPlan.Initramfs.written(INITRD), append, c -> c, null);
    }

    @Test
    void decorationsComposeOverTheCommonSettingsInOrder() {
        BootPlan p = plan(Pipeline.APPEND).withCpus(2).withMemory(128).withIcount(true)
                .withForwards(List.of(new PortForward(40000, 5555))).withCpus(3);
        QemuConfig common = QemuConfig.of(KERNEL, INITRD, p.append());
        QemuConfig c = p.settings().apply(common);
        assertThat(c.cpus()).isEqualTo(3);
        assertThat(c.memoryMb()).isEqualTo(128);
        assertThat(c.icount()).isTrue();
        assertThat(c.forwards()).containsExactly(new PortForward(40000, 5555));
        // a plan is a value: decorating it leaves the original as it was
        assertThat(plan(Pipeline.APPEND).settings().apply(common)).isEqualTo(common);
    }

    @Test
    void kernelParametersGoBeforeInitsArgumentsAndTheLineMustFit() {
        assertThat(plan("console=ttyS0 -- a b").withKernelArgs(List.of("norandmaps", "ukl_ret=off")).append())
                .isEqualTo("console=ttyS0 norandmaps ukl_ret=off -- a b");
        assertThat(plan(Pipeline.APPEND).withKernelArgs(List.of()).append()).isEqualTo(Pipeline.APPEND);
        assertThatThrownBy(() -> plan(Pipeline.APPEND).withKernelArgs(List.of("x".repeat(3000))))
                .isInstanceOf(UklException.class).hasMessageContaining("holds 2047");
        assertThatThrownBy(() -> plan("y".repeat(2048))).isInstanceOf(UklException.class);
    }

    @Test
    void aJobWritesItsImageWaitsForNothingAndKeepsAReadyLine(@TempDir Path dir) {
        // any small program stands in for the exit helper: the image only copies it
        BootPlan job = BootPlan.job("suite", KernelRequest.linking(Path.of("/a/UKL.a")), new GuestImage(GuestImage.BUSYBOX).job("echo hello"));
        Path initrd = job.initramfs().writeTo(dir.resolve("suite.cpio.gz"));
        assertThat(initrd).isEqualTo(dir.resolve("suite.cpio.gz")).isNotEmptyFile();
        assertThat(job.ready()).isNull();
        assertThat(job.append()).isEqualTo(Pipeline.APPEND);
        BootPlan ready = job.readyAt(Pattern.compile("listening"), "the server's start", Duration.ofMinutes(1));
        assertThat(ready.ready().what()).isEqualTo("the server's start");
        assertThat(ready.ready().within()).isEqualTo(Duration.ofMinutes(1));
        assertThat(ready.name()).isEqualTo("suite");
    }

    @Test
    void aKernelRequestNamesAVariantAndTheArchiveOnlyTheUklVariantLinks() {
        Path archive = Path.of("/a/UKL.a");
        assertThat(KernelRequest.of("plain", archive)).isEqualTo(new KernelRequest("plain", null, null));
        assertThat(KernelRequest.of(Pipeline.UKL_VARIANT, archive)).isEqualTo(KernelRequest.linking(archive))
                .isEqualTo(new KernelRequest(Pipeline.UKL_VARIANT, archive, null));
        assertThat(Form.USER.kernel(archive)).isEqualTo(KernelRequest.of("plain", null));
        assertThat(Form.USER_ON_UKL.kernel(archive)).isEqualTo(KernelRequest.linking(archive));
        assertThat(Form.UKL_BASE.kernel(archive)).isEqualTo(KernelRequest.linking(archive));
        assertThat(KernelRequest.at(KERNEL).built()).isEqualTo(KERNEL);
        assertThatThrownBy(() -> new KernelRequest(null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KernelRequest("plain", null, KERNEL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWrittenInitramfsIsUsedWhereItIs() {
        assertThat(plan(Pipeline.APPEND).initramfs().writeTo(Path.of("/elsewhere.cpio.gz"))).isEqualTo(INITRD);
    }
}
