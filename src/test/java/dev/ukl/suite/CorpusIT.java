package dev.ukl.suite;

import dev.ukl.guest.Pipeline;
import dev.ukl.Project;
import dev.ukl.ktap.TestResult;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The C runtime corpus: every program in guest/corpus as a static musl program and as the UKL
 * app, on the UKL kernel, with outputs and exit statuses compared in the guest.
 */
class CorpusIT {
    private final Project project = Project.locate();
    private final Pipeline pipeline = new Pipeline(project, new PrintWriter(System.out, true)).ensurePrerequisites();

    @Test
    void everyProgramGivesTheSameOutputInBothFormsOrItsPinnedLimit() throws Exception {
        TestResult r = new GuestTests(pipeline).runCorpus("it-corpus", null);
        assertThat(r.ok()).isTrue();
        assertThat(r.subtests()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(r.subtests()).extracting(TestResult::name).containsAll(new Corpus(project).names())
                .contains("thread_local", "pthread_create_join", "signals_restart", "tcp_loopback", "fork_wait",
                        "dlopen_refused", "fork_globals", "fork_malloc_stdio", "futex_globals", "vfork_spawn");
        // no documented difference is left: a UKL process owns its globals, so a fork child's
        // writes stay its own, as in the user program
        assertThat(r.subtests()).allSatisfy(t -> assertThat(String.valueOf(t.directive())).as(t.name())
                .doesNotContain("limit"));
        assertThat(project.guest().resolve("corpus/limits")).doesNotExist();
        assertThat(Files.readString(project.guest().resolve("corpus/expect/fork_globals.out")))
                .isEqualTo("stack 1 heap 1\nglobal 0\nexit 0\n");
        // dlopen fails with a clear message and an error status (both forms give expect/dlopen_refused.out)
        assertThat(Files.readString(project.guest().resolve("corpus/expect/dlopen_refused.out")))
                .isEqualTo("dlopen failed: Dynamic loading not supported\nexit 3\n");
        System.out.println("corpus: " + GuestTests.summary(r));
    }
}
