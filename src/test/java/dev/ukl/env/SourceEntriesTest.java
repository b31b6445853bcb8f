package dev.ukl.env;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SourceEntriesTest {
    @TempDir
    Path apt;

    /** The entries file of a Debian 12 machine like this one (deb822). */
    static final String DEBIAN = """
            Types: deb
            # http://snapshot.debian.org/archive/debian/20250520T000000Z
            URIs: http://deb.debian.org/debian
            Suites: bookworm bookworm-updates
            Components: main
            Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

            Types: deb
            URIs: http://deb.debian.org/debian-security
            Suites: bookworm-security
            Components: main
            Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
            """;

    @Test
    void sourceEntriesCopyEveryStanzaWithDebSrc() {
        String src = SourceEntries.sourceVersionOf(DEBIAN);
        assertThat(src.lines().filter(l -> l.startsWith("Types:"))).containsExactly("Types: deb-src", "Types: deb-src");
        assertThat(src).contains("URIs: http://deb.debian.org/debian-security")
                .contains("Suites: bookworm bookworm-updates").doesNotContain("Types: deb\n");
    }

    @Test
    void presenceIsSeenInBothFormats() throws Exception {
        Files.createDirectories(apt.resolve("sources.list.d"));
        Files.writeString(apt.resolve("sources.list.d/debian.sources"), DEBIAN);
        assertThat(new SourceEntries(apt).present()).isFalse();
        Files.writeString(apt.resolve("sources.list"), "deb-src http://deb.debian.org/debian bookworm main\n");
        assertThat(new SourceEntries(apt).present()).isTrue();
        Files.delete(apt.resolve("sources.list"));
        Files.writeString(apt.resolve("sources.list.d/ukl-deb-src.sources"), SourceEntries.sourceVersionOf(DEBIAN));
        assertThat(new SourceEntries(apt).present()).isTrue();
    }
}
