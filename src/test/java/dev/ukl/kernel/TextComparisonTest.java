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
        assertThat(c.summary()).startsWith("same .text (").endsWith(" bytes)");
    }

    @Test
    void aChangedConstantIsFoundInItsFunction() throws Exception {
        TextComparison c = TextComparison.of(build("a", BASE), build("b", BASE.replace("x * 2", "x * 3")));
        assertThat(c.same()).isFalse();
        assertThat(c.differing()).containsExactly("g: same size, other bytes");
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
    void somethingThatIsNoElfFileIsOneClearError() throws Exception {
        Path junk = Files.writeString(tmp.resolve("vmlinux"), "not an ELF file");
        assertThatThrownBy(() -> TextComparison.of(junk, junk)).isInstanceOf(UklException.class)
                .hasMessageContaining("cannot read the code of " + junk);
    }
}
