package dev.ukl.guest;

import dev.ukl.Project;
import dev.ukl.app.App;
import dev.ukl.util.Proc;
import dev.ukl.vm.PortForward;
import dev.ukl.vm.Vm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * samples/kvstore, a multi-file C program with an ordinary Makefile: built with
 * make CC="ukl cc" it is an app archive that ukl run boots as the UKL app.
 */
class KvstoreIT {
    private final Project project = Project.locate();
    private final Pipeline pipeline = new Pipeline(project, new PrintWriter(System.out, true)).ensurePrerequisites();

    @TempDir
    Path tmp;

    @Test
    void makeWithUklCcBuildsAnAppThatServesAsTheUklApp() throws Exception {
        Path dir = tmp.resolve("kvstore");
        assertThat(Proc.run(null, List.of("cp", "-r", project.root().resolve("samples/kvstore").toString(),
                dir.toString())).ok()).isTrue();
        Proc.Result make = Proc.run(dir, List.of("make", "CC=" + project.root().resolve("ukl") + " cc"));
        assertThat(make.ok()).as(make.output()).isTrue();
        App app = App.load(dir.resolve("kvstore"));
        assertThat(app.kind()).isEqualTo(App.Kind.ARCHIVE);
        assertThat(app.name()).isEqualTo("kvstore");
        int port = EchoIT.freePort();
        try (RunningApp run = new AppRunner(pipeline).start(app, Form.UKL_SHELL, new PortForward(port, 7070), null)) {
            Vm vm = run.vm();
            List<String> replies = talk(port, "SET lang C", "SET kernel linux 6.1", "GET kernel", "GET nothing",
                    "DEL lang", "STATS");
            assertThat(replies).containsExactly("OK", "OK", "VALUE linux 6.1", "NOTFOUND", "DELETED",
                    "KEYS 1 REQUESTS 6");
            // a second connection, on another thread, sees the same table and its own request count
            assertThat(talk(port, "GET kernel", "STATS")).containsExactly("VALUE linux 6.1", "KEYS 1 REQUESTS 2");
            assertThat(run.output()).anyMatch(l -> l.contains("kvstore: listening on port 7070"));
            vm.shutdown();
        }
    }

    @Test
    void theSameMakefileWithUserspaceBuildsAStaticMuslProgram() throws Exception {
        Path dir = tmp.resolve("kvstore");
        Proc.run(null, List.of("cp", "-r", project.root().resolve("samples/kvstore").toString(), dir.toString()));
        Proc.Result make = Proc.run(dir, List.of("make", "CC=" + project.root().resolve("ukl") + " cc --userspace"));
        assertThat(make.ok()).as(make.output()).isTrue();
        assertThat(Proc.run(null, List.of("readelf", "-h", "-d", dir.resolve("kvstore").toString())).output())
                .contains("EXEC (Executable file)", "X86-64", "There is no dynamic section in this file.");
    }

    private static List<String> talk(int port, String... lines) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            PrintWriter w = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
            BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            List<String> replies = new java.util.ArrayList<>();
            for (String l : lines) {
                w.print(l + "\n");
                w.flush();
                replies.add(r.readLine());
            }
            w.print("QUIT\n");
            w.flush();
            return replies;
        }
    }
}
