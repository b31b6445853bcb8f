package dev.ukl.kernel;

import dev.ukl.UklException;
import dev.ukl.util.Proc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The code comparison on real gcc output: programs that differ the way a patch could make them. */
class TextComparisonTest {
    private static final String BASE = """
            int f(int x) { return x + 1; }
            int g(int x) { return x * 2; }
            void _start(void) { for (;;) ; }
            """;
    /** A function that reads a global placed after a table, as kernel code reads data after kallsyms. */
    private static final String DATA = BASE + """
            char table[16] = { 1 };
            int counter = 5;
            int get(void) { return counter + table[1]; }
            """;

    @TempDir
    Path tmp;

    private Path build(String name, String source) throws Exception {
        Path c = Files.writeString(tmp.resolve(name + ".c"), source);
        Path out = tmp.resolve(name);
        Proc.Result r = Proc.run(tmp, List.of("gcc", "-O2", "-nostdlib", "-static", "-fno-pie", "-no-pie",
                "-o", out.toString(), c.toString()));
        assertThat(r.ok()).as(r.output()).isTrue();
        return out;
    }

    @Test
    void theSameSourceGivesTheSameCode() throws Exception {
        TextComparison c = TextComparison.of(build("a", BASE), build("b", BASE));
        assertThat(c.same()).isTrue();
        assertThat(c.differing()).isEmpty();
        assertThat(c.summary()).startsWith("same code (.text ").endsWith(" bytes)");
        assertThat(c.moved()).isZero();
    }

    @Test
    void aChangedConstantIsFoundInItsFunction() throws Exception {
        TextComparison c = TextComparison.of(build("a", BASE), build("b", BASE.replace("x * 2", "x * 3")));
        assertThat(c.same()).isFalse();
        assertThat(c.differing()).singleElement().asString().startsWith("g: same size, other code at +0x");
        assertThat(c.count()).isEqualTo(1);
    }

    @Test
    void aFunctionThatGrewOrIsNewComesFirst() throws Exception {
        String grown = BASE.replace("return x + 1;", "return x > 10 ? x * x * x + 7 : x - 3;")
                + "int h(int x) { return x ^ 5; }\n";
        Path a = build("a", BASE);
        Path b = build("b", grown);
        TextComparison c = TextComparison.of(a, b);
        assertThat(c.same()).isFalse();
        assertThat(c.differing()).anySatisfy(d -> assertThat(d).matches("f: \\d+ bytes, \\d+ in .*/b"))
                .anySatisfy(d -> assertThat(d).isEqualTo("h: only in " + b));
        assertThat(c.differing().get(0)).startsWith("f: ");
        assertThat(c.summary()).contains("function(s) differ");
    }

    @Test
    void codeThatRefersToDataThatMovedIsTheSameCode() throws Exception {
        Path a = build("a", DATA);
        Path b = build("b", DATA.replace("table[16]", "table[4096]"));
        TextComparison c = TextComparison.of(a, b);
        assertThat(c.same()).as(c.differing().toString()).isTrue();
        assertThat(c.moved()).isEqualTo(1);
        assertThat(c.shifts()).isPositive();
        assertThat(c.summary()).contains("1 function(s) refer to data that moved");
    }

    @Test
    void aChangedConstantBesideDataThatMovedIsStillFound() throws Exception {
        Path a = build("a", DATA);
        Path b = build("b", DATA.replace("table[16]", "table[4096]").replace("x * 2", "x * 3"));
        TextComparison c = TextComparison.of(a, b);
        assertThat(c.same()).isFalse();
        assertThat(c.differing()).singleElement().asString().startsWith("g: same size, other code at +0x");
        assertThat(c.moved()).isEqualTo(1);
    }

    @Test
    void somethingThatIsNoElfFileIsOneClearError() throws Exception {
        Path junk = Files.writeString(tmp.resolve("vmlinux"), "not an ELF file");
        assertThatThrownBy(() -> TextComparison.of(junk, junk)).isInstanceOf(UklException.class)
                .hasMessageContaining("cannot read the code of " + junk);
    }
}
