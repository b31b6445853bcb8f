package dev.ukl.bench;

import dev.ukl.profile.CaseProfile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The entry/work split on a real profile (`ukl profile --form user,ukl`, captured from
 * build/profile/syscalls.json): getppid and a 1-byte pipe write as the user program and as the
 * UKL app with both fast paths.
 */
class FloorTableTest {
    static List<SyscallProfile.Result> captured() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(Path.of("src/test/resources/profile/cases-user-ukl.json").toFile());
        Map<String, List<CaseProfile>> byForm = new LinkedHashMap<>();
        for (JsonNode n : root) {
            byForm.computeIfAbsent(n.get("form").asText(), f -> new ArrayList<>())
                    .add(json.treeToValue(n.get("profile"), CaseProfile.class));
        }
        List<SyscallProfile.Result> results = new ArrayList<>();
        byForm.forEach((form, cases) -> results.add(new SyscallProfile.Result(form, null, cases)));
        return results;
    }

    @Test
    void theEntryAndReturnAreTheFunctionsAroundTheCallAndTheWorkIsTheSameInBothForms() throws IOException {
        List<SyscallProfile.Result> r = captured();
        CaseProfile user = r.get(0).get("getppid");
        CaseProfile ukl = r.get(1).get("getppid");
        // SYSCALL entry 51+5+3, do_syscall_64 25, dispatch 5, enter 7, exit 10+19+5, SYSRET 20+3
        assertThat(user.per(user.entryPath())).isCloseTo(153.0, within(0.5));
        // the shortcut entry 43, its getppid function 2, the return's ret 1
        assertThat(ukl.per(ukl.entryPath())).isCloseTo(46.0, within(0.5));
        // getppid's work (__x64_sys_getppid 7, __task_pid_nr_ns 36), the same in both forms but for
        // the timer interrupts that land in some windows
        assertThat(user.per(user.work())).isCloseTo(43.0, within(1.0));
        assertThat(ukl.per(ukl.work())).isCloseTo(user.per(user.work()), within(0.5));
        assertThat(ukl.per(ukl.app())).isEqualTo(user.per(user.app()));
        assertThat(user.floor()).isEqualTo(user.app() + user.work());

        // the pipe write's shortcut calls ksys_write itself: the work left is the user form's
        // less __x64_sys_write's four instructions of register unpacking (and, in this capture,
        // about two more of deferred frees that ran in the user form's windows)
        CaseProfile userPipe = r.get(0).get("pipe_write_1");
        CaseProfile uklPipe = r.get(1).get("pipe_write_1");
        assertThat(userPipe.per(userPipe.work()) - uklPipe.per(uklPipe.work())).isBetween(4.0, 6.5);
    }

    @Test
    void theFloorIsShownAsAShareOfTheUserForm() throws IOException {
        List<SyscallProfile.Result> r = captured();
        String table = FloorTable.format(r, List.of("getppid", "pipe_write_1"));
        assertThat(table.lines().filter(l -> l.strip().startsWith("getppid"))).hasSize(2);
        // with an entry and a return of no cost, getppid would still count about 59 of the user
        // program's 211.9: over a quarter
        assertThat(table).containsPattern("getppid +ukl +105\\.02 +15\\.60 +46\\.00 +43\\.\\d\\d +59\\.\\d\\d +27\\.\\d%");
        assertThat(table).containsPattern("pipe_write_1 +ukl +659\\.30 .* 79\\.\\d%");
        assertThat(FloorTable.format(r.subList(1, 2), List.of("getppid"))).doesNotContain("%").contains("floor");
    }
}
