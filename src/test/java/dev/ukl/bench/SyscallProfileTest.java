package dev.ukl.bench;

import dev.ukl.UklException;
import dev.ukl.profile.CaseProfile;
import dev.ukl.profile.PluginOutput;
import dev.ukl.profile.Symbols;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Matching the plugin's windows to the benchmark's cases: tag i is case i, a window per batch. */
class SyscallProfileTest {
    private static final SyscallReport.Run RUN = new SyscallReport.Run("user", "plain",
            List.of(new SyscallReport.Case("getppid", 100, 21000, 10, 2100),
                    new SyscallReport.Case("pipe_write_1", 40, 30000, 10, 7500)));

    @Test
    void tagIIsCaseIAndItsCountsAreItsOwn() {
        PluginOutput counts = new PluginOutput(Map.of(0, 10L, 1, 4L),
                Map.of(0, Map.of(0x1000L, 21080L), 1, Map.of(0x2000L, 30040L)));
        List<CaseProfile> cases = SyscallProfile.attribute(RUN, counts, new Symbols(), a -> true);
        assertThat(cases).extracting(CaseProfile::name).containsExactly("getppid", "pipe_write_1");
        assertThat(cases.get(0).perCall()).isEqualTo(210.8);
        assertThat(cases.get(1).perCall()).isEqualTo(751.0);
        assertThat(cases).extracting(CaseProfile::windows).containsExactly(10L, 4L);
    }

    @Test
    void windowsThatDoNotMatchTheBatchesAreRefused() {
        PluginOutput missing = new PluginOutput(Map.of(0, 9L, 1, 4L),
                Map.of(0, Map.of(0x1000L, 100L), 1, Map.of(0x2000L, 100L)));
        assertThatThrownBy(() -> SyscallProfile.attribute(RUN, missing, new Symbols(), a -> true))
                .isInstanceOf(UklException.class).hasMessageContaining("10 batches, the plugin saw 9 windows");
    }

    @Test
    void aWindowTagTheBenchmarkDidNotReportIsRefused() {
        PluginOutput extra = new PluginOutput(Map.of(0, 10L, 1, 4L, 2, 1L),
                Map.of(0, Map.of(0x1000L, 100L), 1, Map.of(0x2000L, 100L), 2, Map.of(0x3000L, 5L)));
        assertThatThrownBy(() -> SyscallProfile.attribute(RUN, extra, new Symbols(), a -> true))
                .isInstanceOf(UklException.class).hasMessageContaining("3 window tags for 2 benchmark cases");
    }
}
