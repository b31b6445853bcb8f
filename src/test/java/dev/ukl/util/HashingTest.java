package dev.ukl.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashingTest {
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void theDigestIsTheSameEachTimeItIsAsked() {
        Hashing h = new Hashing().add("revision").add("fragment");
        String first = h.hex();
        assertThat(h.hex()).isEqualTo(first).isNotEqualTo(EMPTY);
    }

    @Test
    void nothingCanBeAddedOnceTheDigestIsTaken() {
        Hashing h = new Hashing().add("a");
        h.hex();
        assertThatThrownBy(() -> h.add("b")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> h.addBytes(new byte[1])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void partsAreDelimitedSoMovingABoundaryChangesTheDigest() {
        assertThat(new Hashing().add("ab").add("c").hex()).isNotEqualTo(new Hashing().add("a").add("bc").hex());
    }

    @Test
    void aFileCountsByItsPathAndItsContent(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Files.writeString(a, "one");
        String before = new Hashing().addFile(a).hex();
        assertThat(new Hashing().addFile(a).hex()).isEqualTo(before);
        Files.writeString(a, "two");
        assertThat(new Hashing().addFile(a).hex()).isNotEqualTo(before);
        Path b = dir.resolve("b");
        Files.writeString(b, "two");
        assertThat(new Hashing().addFile(b).hex()).isNotEqualTo(new Hashing().addFile(a).hex());
    }

    @Test
    void theStampOfABuildIsFreshOnlyForTheSameInputs(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bzImage");
        Files.writeString(out, "image");
        Stamp stamp = new Stamp(dir.resolve(".stamp"));
        Hashing h = new Hashing().add("rev1");
        assertThat(stamp.fresh(h.hex(), out)).isFalse();
        stamp.write(h.hex());
        assertThat(stamp.fresh(new Hashing().add("rev1").hex(), out)).isTrue();
        assertThat(stamp.fresh(new Hashing().add("rev2").hex(), out)).isFalse();
    }
}
