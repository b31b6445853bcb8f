package dev.ukl.bench;

import dev.ukl.profile.CaseProfile;
import dev.ukl.profile.ProfileComparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two forms' profiles of one case side by side, on the captured getppid profile (the user program
 * and the UKL app with every fast path; see FloorTableTest).
 */
class ProfileComparisonTest {
    @Test
    void theAppsFunctionsMatchAcrossTheFormsAndTheEntriesAreWhereTheyDiffer() throws IOException {
        List<SyscallProfile.Result> r = FloorTableTest.captured();
        CaseProfile user = r.get(0).get("getppid");
        CaseProfile ukl = r.get(1).get("getppid");
        List<ProfileComparison.Row> rows = ProfileComparison.rows(user, ukl);

        // the UKL archive's prefix is gone: sys and main are one row each, the same count in both
        assertThat(rows).filteredOn(row -> row.region().equals("app")).extracting(ProfileComparison.Row::function)
                .containsExactlyInAnyOrder("sys", "main");
        assertThat(rows).filteredOn(row -> row.region().equals("app"))
                .allSatisfy(row -> assertThat(row.difference()).isCloseTo(0.0, within(0.01)));
        // the largest difference is the user program's SYSCALL entry, which the UKL app never runs
        ProfileComparison.Row first = rows.get(0);
        assertThat(first.region()).isEqualTo("kernel");
        assertThat(first.other()).isZero();
        assertThat(first.base()).isGreaterThan(20);
        // every instruction of both profiles is in some row
        assertThat(rows.stream().mapToDouble(ProfileComparison.Row::base).sum()).isCloseTo(user.perCall(),
                within(0.01));
        assertThat(rows.stream().mapToDouble(ProfileComparison.Row::other).sum()).isCloseTo(ukl.perCall(),
                within(0.01));
        // differences largest first, either way
        for (int i = 1; i < rows.size(); i++) {
            assertThat(Math.abs(rows.get(i).difference())).isLessThanOrEqualTo(Math.abs(rows.get(i - 1).difference()));
        }
    }

    @Test
    void theTableShowsTotalsTheTopFunctionsAndTheRest() throws IOException {
        List<SyscallProfile.Result> r = FloorTableTest.captured();
        CaseProfile user = r.get(0).get("getppid");
        CaseProfile ukl = r.get(1).get("getppid");
        String table = ProfileComparison.table("call", "user", user, "ukl", ukl, 3);
        System.out.print(table);
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).isEqualTo("getppid: ukl against user, guest instructions per call");
        assertThat(lines.get(2)).matches(" +\\(all\\) +212 +105 +-107");
        assertThat(lines.get(3)).matches(" +\\(app\\) +16 +16 +\\+0");
        // three functions, then the rest
        assertThat(lines).hasSize(2 + 3 + 3 + 1);
        assertThat(lines.get(lines.size() - 1)).contains("more functions)");
    }
}
