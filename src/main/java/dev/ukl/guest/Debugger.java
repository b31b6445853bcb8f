package dev.ukl.guest;

import dev.ukl.UklException;
import net.fornwall.jelf.ElfException;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSymbol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host's gdb on an app that runs under gdbserver in the guest ({@code ukl run --gdb}): the
 * command line that loads the app's symbols and connects to gdbserver through its port forward.
 * For the UKL app the symbols are the vmlinux it is linked into, and gdb is told that the app's
 * text is read-only: the breakpoints gdb sets for itself ({@code next} over a call, {@code finish})
 * then become hardware breakpoints, since the shared kernel text cannot take a software one.
 *
 * @param symbols  the ELF file that names the app's code (see {@link Boot#symbols()})
 * @param hostPort the host port forwarded to gdbserver in the guest
 * @param appText  the UKL app's text (start inclusive, end exclusive), absent for a user program
 */
public record Debugger(Path symbols, int hostPort, Optional<long[]> appText) {
    static final String TEXT_START = "__ukl_text_start";
    static final String TEXT_END = "__ukl_text_end";

    /** The debugger for a boot that runs its app under gdbserver. */
    public static Debugger of(Boot boot, Launch launch) {
        if (launch.tool() != Launch.Tool.GDB) {
            throw new IllegalArgumentException("the launch runs no gdbserver");
        }
        if (boot.symbols() == null || !Files.isRegularFile(boot.symbols())) {
            throw new UklException("no symbols to debug " + boot.name() + " with (" + boot.symbols() + ")");
        }
        return new Debugger(boot.symbols(), launch.debugPort(), appText(boot.symbols()));
    }

    /** The UKL app's text in an ELF file, if the file is a kernel with one linked in. */
    static Optional<long[]> appText(Path elfFile) {
        try {
            ElfFile elf = ElfFile.from(elfFile.toFile());
            ElfSymbol start = elf.getELFSymbol(TEXT_START);
            ElfSymbol end = elf.getELFSymbol(TEXT_END);
            if (start == null || end == null || end.st_value <= start.st_value) {
                return Optional.empty();
            }
            return Optional.of(new long[]{start.st_value, end.st_value});
        } catch (IOException | ElfException e) {
            throw new UklException("cannot read the symbols of " + elfFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * gdb's command line: the symbols, the settings a remote app needs, the connection; then,
     * given a script, its commands without a prompt (and no init file of the user's, so that the
     * transcript is the script's alone).
     */
    public List<String> command(Path script) {
        List<String> cmd = new ArrayList<>(List.of("gdb", "-q"));
        if (script != null) {
            cmd.addAll(List.of("-batch", "-nx"));
        }
        cmd.add(symbols.toString());
        for (String c : setup()) {
            cmd.addAll(List.of("-ex", c));
        }
        if (script != null) {
            cmd.addAll(List.of("-x", script.toString()));
        }
        return cmd;
    }

    /** The commands before the user's: what the app is, where its text is, where gdbserver listens. */
    List<String> setup() {
        List<String> c = new ArrayList<>();
        // gdbserver names the UKL app's executable as the kernel's pseudo file; the symbols are ours
        c.add("set exec-file-mismatch off");
        // the app's files are on the host: nothing to fetch from the guest
        c.add("set sysroot");
        appText.ifPresent(t -> {
            c.add("set mem inaccessible-by-default off");
            c.add("mem 0x" + Long.toHexString(t[0]) + " 0x" + Long.toHexString(t[1]) + " ro");
            c.add("set breakpoint auto-hw on");
            // ptrace reads no kernel text: gdb reads the app's code from vmlinux, as it is
            c.add("set trust-readonly-sections on");
        });
        c.add("target remote 127.0.0.1:" + hostPort);
        return c;
    }
}
