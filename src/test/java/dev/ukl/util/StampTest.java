package dev.ukl.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StampTest {
    @TempDir
    Path tmp;

    @Test
    void freshOnlyWithTheSameHashAndEveryOutput() throws IOException {
        Path out = Files.writeString(tmp.resolve("prog"), "x");
        Stamp s = Stamp.beside(out);
        assertThat(s.file()).isEqualTo(tmp.resolve("prog.stamp"));
        assertThat(s.fresh("abc", out)).isFalse();
        s.write("abc");
        assertThat(s.fresh("abc", out)).isTrue();
        assertThat(s.fresh("abd", out)).isFalse();
        assertThat(s.fresh("abc", out, tmp.resolve("missing"))).isFalse();
        Files.delete(out);
        assertThat(s.fresh("abc", out)).isFalse();
    }

    @Test
    void aStampInADirectoryNotYetThereIsWritten() {
        Stamp s = new Stamp(tmp.resolve("a/b/.ukl-stamp"));
        assertThat(s.read()).isNull();
        s.write("h");
        assertThat(s.read()).isEqualTo("h");
    }
}
