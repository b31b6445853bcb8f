package dev.ukl.suite;

import dev.ukl.Project;
import dev.ukl.UklException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusTest {
    private final Corpus corpus = new Corpus(Project.locate());

    @Test
    void everyProgramOfTheCorpusHasTheOutputItMustGiveEndingInItsExitStatus() throws Exception {
        assertThat(corpus.names()).hasSizeGreaterThanOrEqualTo(48);
        for (String name : corpus.names()) {
            String expected = Files.readString(Corpus.expectedOutput(corpus.dir(), name));
            assertThat(expected).as(name).containsPattern("(?m)^exit \\d+\\n\\z");
        }
    }

    @Test
    void aProgramWithoutExpectedOutputIsRefusedWithWhereToWriteIt(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("expect"));
        assertThatThrownBy(() -> Corpus.expectedOutput(dir, "newprog"))
                .isInstanceOf(UklException.class)
                .hasMessageContaining("corpus program newprog has no expected output")
                .hasMessageContaining(dir.resolve("expect/newprog.out").toString());
    }
}
