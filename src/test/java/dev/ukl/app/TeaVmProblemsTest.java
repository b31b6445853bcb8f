package dev.ukl.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TeaVmProblemsTest {
    @Test
    void aMissingClassIsOneLineWithTheAppMethodThatUsesIt() throws Exception {
        // captured from teavm-maven-plugin 0.16.0 translating a program that uses java.net.Socket
        String log = Files.readString(Path.of("src/test/resources/teavm/class-not-found.log"));
        assertThat(TeaVmProblems.from(log)).isEqualTo(
                "Class java.net.Socket was not found, at bad.Main.main(Main.java:4)");
    }

    @Test
    void mavensOwnErrorLinesAloneAreNoProblem() {
        String log = "[ERROR] Failed to execute goal x\n[ERROR] \n[ERROR] Re-run Maven using the -X switch\n";
        assertThat(TeaVmProblems.from(log)).isEmpty();
    }
}
