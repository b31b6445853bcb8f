package dev.ukl.guest;

import dev.ukl.util.Proc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** gdb's command line for ukl run --gdb, on ELF files gcc writes. */
class DebuggerTest {
    @TempDir
    Path tmp;

    /** A program gcc links from C and, when given, assembler of its own. */
    private Path program(String name, String asm) throws Exception {
        Path c = Files.writeString(tmp.resolve(name + ".c"), "int main(void) { return 0; }\n");
        Path out = tmp.resolve(name);
        List<String> cmd = new java.util.ArrayList<>(List.of("gcc", "-o", out.toString(), c.toString()));
        if (asm != null) {
            cmd.add(Files.writeString(tmp.resolve(name + ".S"), asm).toString());
        }
        Proc.Result r = Proc.run(tmp, cmd);
        assertThat(r.ok()).as(r.output()).isTrue();
        return out;
    }

    @Test
    void aKernelWithTheAppsTextIsToldThatTextIsReadOnly() throws Exception {
        Path elf = program("withtext", """
                	.text
                	.globl __ukl_text_start, __ukl_text_end
                __ukl_text_start:
                	.skip 64
                __ukl_text_end:
                """);
        Optional<long[]> text = Debugger.appText(elf);
        assertThat(text).isPresent();
        assertThat(text.get()[1] - text.get()[0]).isEqualTo(64);
        Debugger d = new Debugger(elf, 4321, text);
        List<String> setup = d.setup();
        assertThat(setup).contains("set mem inaccessible-by-default off", "set breakpoint auto-hw on",
                "set trust-readonly-sections on",
                "mem 0x" + Long.toHexString(text.get()[0]) + " 0x" + Long.toHexString(text.get()[1]) + " ro");
        assertThat(setup).last().isEqualTo("target remote 127.0.0.1:4321");
    }

    @Test
    void aUserProgramIsDebuggedAsItIs() throws Exception {
        Path elf = program("plain", null);
        assertThat(Debugger.appText(elf)).isEmpty();
        Debugger d = new Debugger(elf, 4321, Debugger.appText(elf));
        assertThat(d.setup()).containsExactly("set exec-file-mismatch off", "set sysroot",
                "target remote 127.0.0.1:4321");
        // interactive: the user's own gdb init files; the symbols before the commands
        assertThat(d.command(null)).startsWith("gdb", "-q", elf.toString()).doesNotContain("-batch", "-nx");
        Path script = tmp.resolve("s.gdb");
        List<String> batch = d.command(script);
        assertThat(batch).startsWith("gdb", "-q", "-batch", "-nx", elf.toString()).endsWith("-x", script.toString());
    }
}
