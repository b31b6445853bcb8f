package dev.ukl.app;

import dev.ukl.UklException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three forms an app comes in, and the descriptor's mistakes. */
class AppTest {
    @TempDir
    Path tmp;

    @Test
    void ourSampleIsASourceAppWithItsDescriptor() {
        App a = App.load(Path.of("samples/tcp_server"));
        assertThat(a.kind()).isEqualTo(App.Kind.SOURCES);
        assertThat(a.name()).isEqualTo("tcp_server");
        assertThat(a.port()).isEqualTo(5555);
        assertThat(a.ready()).isEqualTo("tcp_server: listening");
        assertThat(a.sources()).extracting(p -> p.getFileName().toString()).containsExactly("shim.S", "tcp_server.c");
    }

    @Test
    void extraSourcesComeFromTheDescriptor() {
        App a = App.load(Path.of("guest/ukl-bench"));
        assertThat(a.sources()).extracting(p -> p.getFileName().toString()).containsExactly("bench.c", "shim.S");
        assertThat(a.ldflags()).containsExactly("-nostdlib");
    }

    @Test
    void aDirectoryWithAMakefileAndNoDescriptorIsAMakefileApp() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("seedlike"));
        Files.writeString(d.resolve("Makefile"), "UKL.a:\n\ttrue\n");
        Files.writeString(d.resolve("main.c"), "int main(void) { return 0; }\n");
        assertThat(App.load(d).kind()).isEqualTo(App.Kind.MAKEFILE);
    }

    @Test
    void aMakefileWithADescriptorAndNoSourcesIsAMakefileAppWithItsPortAndArguments() throws Exception {
        App redis = App.load(Path.of("samples/redis"));
        assertThat(redis.kind()).isEqualTo(App.Kind.MAKEFILE);
        assertThat(redis.name()).isEqualTo("redis");
        assertThat(redis.port()).isEqualTo(6379);
        assertThat(redis.args()).contains("--port", "6379", "--save");
        assertThat(redis.ready()).isEqualTo("Ready to accept connections");
        // sources beside the descriptor still make a sources app (the samples' echo server)
        assertThat(App.load(Path.of("samples/tcp_server")).kind()).isNotEqualTo(App.Kind.MAKEFILE);
    }

    @Test
    void anArchiveIsAPrebuiltApp() throws Exception {
        Path a = Files.writeString(tmp.resolve("UKL.a"), "!<arch>\n");
        App app = App.load(a);
        assertThat(app.kind()).isEqualTo(App.Kind.ARCHIVE);
        assertThat(new AppBuilder(dev.ukl.Project.locate(), tmp.resolve("build")).build(app).userProgram()).isNull();
        assertThatThrownBy(() -> new AppBuilder(dev.ukl.Project.locate(), tmp.resolve("build")).build(app).requireUserProgram())
                .isInstanceOf(UklException.class).hasMessageContaining("no user-program form");
    }

    @Test
    void mistakesAreOneLine() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("bad"));
        assertThatThrownBy(() -> App.load(d)).isInstanceOf(UklException.class).hasMessageContaining("no .c or .S");
        Files.writeString(d.resolve("a.c"), "int x;\n");
        Files.writeString(d.resolve("ukl.properties"), "port=http\n");
        assertThatThrownBy(() -> App.load(d)).isInstanceOf(UklException.class).hasMessageContaining("port must be a number");
        Files.writeString(d.resolve("ukl.properties"), "extra_sources=../nowhere.S\n");
        assertThatThrownBy(() -> App.load(d)).isInstanceOf(UklException.class)
                .hasMessageContaining("extra source ../nowhere.S does not exist");
        Path txt = Files.writeString(tmp.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> App.load(txt)).isInstanceOf(UklException.class)
                .hasMessageContaining("neither a directory nor an archive");
    }
}
