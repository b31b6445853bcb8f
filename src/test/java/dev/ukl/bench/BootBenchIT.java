package dev.ukl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ukl.Main;
import dev.ukl.Project;
import dev.ukl.util.Json;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ukl bench boot} on the sample echo server as a user runs it: the user program on the plain
 * kernel and the UKL app as init, each counted to its first listen() and its memory floor searched
 * (to 64 MiB, to keep the test short). It checks the report's shape, what each figure is measured
 * by, and the facts that do not depend on a measurement (the UKL kernel holds the app; every count
 * reaches the mark); never a figure's size. A command-line program (Lua, with its one-line script)
 * has no first listen(): it is counted to its end, and its floor is the least memory in which it
 * ends as it does with the most.
 */
class BootBenchIT {
    /** {@code ukl bench boot APP --form FORMS --floor-step MB} as a user runs it; what it printed. */
    private static String benchBoot(String app, String forms, int floorStepMb) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new String[] {"bench", "boot", app, "--form", forms,
                "--floor-step", Integer.toString(floorStepMb)}, new PrintWriter(out, true), new PrintWriter(err, true));
        System.out.print(out);
        System.out.print(err);
        assertThat(status).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void theSampleServerIsCountedToItsFirstListenAndItsMemoryFloorFoundInBothForms() throws Exception {
        String out = benchBoot("samples/tcp_server", "user,ukl-init", 64);
        assertThat(out).contains("instr. to ready", "firmware included", "__x64_sys_listen",
                "tcp_server   user", "tcp_server   ukl-init");

        Path json = Project.locate().build().resolve("bench/boot.json");
        JsonNode forms = Json.MAPPER.readTree(json.toFile()).get(0).get("forms");
        assertThat(forms).hasSize(2);
        JsonNode user = forms.get(0);
        JsonNode ukl = forms.get(1);
        assertThat(user.get("form").asText()).isEqualTo("user");
        assertThat(ukl.get("form").asText()).isEqualTo("ukl-init");
        for (JsonNode f : forms) {
            assertThat(f.get("kernelBytes").asLong()).isPositive();
            assertThat(f.get("initrdBytes").asLong()).isPositive();
            // more than the firmware alone: the kernel booted and the app called listen()
            assertThat(f.get("instructionsToReady").asLong()).isGreaterThan(10_000_000L);
            int floor = f.get("floorMb").asInt();
            assertThat(floor).as("served within the searched range").isBetween(32, 512);
            assertThat(f.get("failedMb").asInt()).isLessThan(floor);
        }
        assertThat(ukl.get("kernelBytes").asLong()).as("the UKL kernel holds the app's code")
                .isGreaterThan(user.get("kernelBytes").asLong());
    }

    @Test
    void aCommandLineProgramIsCountedToItsEndAndItsFloorIsWhereItStillEndsTheSame() throws Exception {
        String out = benchBoot("samples/lua", "ukl-init", 256);
        assertThat(out).contains("counting instructions to its end", "lua ukl-init in 512 MiB",
                "lua ukl-init in 32 MiB");

        Path json = Project.locate().build().resolve("bench/boot.json");
        JsonNode app = Json.MAPPER.readTree(json.toFile()).get(0);
        assertThat(app.get("port").asInt()).isZero();
        JsonNode ukl = app.get("forms").get(0);
        assertThat(ukl.get("form").asText()).isEqualTo("ukl-init");
        assertThat(ukl.get("toEnd").asBoolean()).isTrue();
        assertThat(ukl.get("instructionsToReady").asLong()).isGreaterThan(10_000_000L);
        int floor = ukl.get("floorMb").asInt();
        assertThat(floor).as("ended the same within the searched range").isBetween(32, 512);
        assertThat(ukl.get("failedMb").asInt()).isLessThan(floor);
    }
}
