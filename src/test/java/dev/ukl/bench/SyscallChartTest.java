package dev.ukl.bench;

import dev.ukl.UklException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chart of a report built from a console captured from a real -icount boot. */
class SyscallChartTest {
    @Test
    void drawsAPictureOfEveryFormBesideTheBaseline(@TempDir Path dir) throws Exception {
        List<SyscallReport.Case> cases = SyscallReport.parse(SyscallReportTest.console());
        // a second form 10% dearer in every case: its bars stand at 110% of the first's
        List<SyscallReport.Case> dearer = cases.stream().map(c -> new SyscallReport.Case(c.name(), c.calls(),
                c.instructions() * 11 / 10, c.batch(), c.bestBatch() * 11 / 10)).toList();
        SyscallReport report = new SyscallReport();
        report.add(new SyscallReport.Run("user", "plain", cases));
        report.add(new SyscallReport.Run("ukl", "ukl", dearer));
        Path png = SyscallChart.write(report, dir.resolve("bench/syscalls.png"));
        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(560);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    void oneFormIsNothingToCompare(@TempDir Path dir) throws Exception {
        SyscallReport report = new SyscallReport();
        report.add(new SyscallReport.Run("user", "plain", SyscallReport.parse(SyscallReportTest.console())));
        assertThatThrownBy(() -> SyscallChart.write(report, dir.resolve("x.png")))
                .isInstanceOf(UklException.class).hasMessageContaining("at least two forms");
    }
}
