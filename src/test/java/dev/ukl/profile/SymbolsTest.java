package dev.ukl.profile;

import dev.ukl.UklException;
import dev.ukl.util.Proc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Symbols and the attribution of counts to them, on a program gcc really built. */
class SymbolsTest {
    @TempDir
    static Path dir;
    static Path program;
    static Map<String, Long> nm = new HashMap<>();

    @BeforeAll
    static void build() throws Exception {
        Path src = dir.resolve("p.c");
        Files.writeString(src, """
                __attribute__((noinline)) int alpha(int x) { return x * 3 + 1; }
                __attribute__((noinline)) int beta(int x) { return alpha(x) - 2; }
                void _start(void) { for (;;) beta(4); }
                """);
        program = dir.resolve("p");
        Proc.Result r = Proc.run(dir, List.of("gcc", "-O2", "-static", "-nostdlib", "-o", program.toString(),
                src.toString()));
        assertThat(r.ok()).as(r.output()).isTrue();
        for (String l : Proc.run(dir, List.of("nm", program.toString())).output().split("\n")) {
            String[] f = l.split(" ");
            if (f.length == 3) {
                nm.put(f[2], Long.parseUnsignedLong(f[0], 16));
            }
        }
    }

    @Test
    void anAddressInsideAFunctionIsThatFunctions() {
        Symbols s = new Symbols().add(program);
        assertThat(s.nameOf(nm.get("alpha"))).isEqualTo("alpha");
        assertThat(s.nameOf(nm.get("beta") + 2)).isEqualTo("beta");
        assertThat(s.nameOf(0x10)).isEqualTo("[unknown]");
        assertThat(s.addressOf("_start")).hasValue(nm.get("_start"));
        assertThat(s.addressOf("no_such_symbol")).isEmpty();
    }

    @Test
    void countsGoToFunctionsAndTheAppIsToldFromTheKernel() {
        Symbols s = new Symbols().add(program);
        Map<Long, Long> counts = new HashMap<>();
        counts.put(nm.get("alpha"), 30L);
        counts.put(nm.get("alpha") + 1, 10L);
        counts.put(nm.get("beta"), 20L);
        counts.put(0xffffffff81000000L, 140L);
        CaseProfile p = CaseProfile.of("case", 10, 2, counts, s, a -> a > 0);
        assertThat(p.instructions()).isEqualTo(200);
        assertThat(p.app()).isEqualTo(60);
        assertThat(p.perCall()).isEqualTo(20.0);
        assertThat(p.rows()).containsExactly(new CaseProfile.Row("[unknown]", "kernel", 140),
                new CaseProfile.Row("alpha", "app", 40), new CaseProfile.Row("beta", "app", 20));
        String table = p.table("user", 2);
        assertThat(table).startsWith("case, user: 10 calls in 2 windows, 20.00 guest instructions per call "
                + "(app 6.00, kernel 14.00)");
        assertThat(table).contains("alpha", "4.00", "20.0%").contains("(1 more functions)").doesNotContain("beta");
    }

    @Test
    void aStrippedFileIsOneClearError() throws Exception {
        Path stripped = dir.resolve("stripped");
        Files.copy(program, stripped);
        assertThat(Proc.run(dir, List.of("strip", stripped.toString())).ok()).isTrue();
        assertThatThrownBy(() -> new Symbols().add(stripped)).isInstanceOf(UklException.class)
                .hasMessageContaining("no symbol table");
    }
}
