package dev.ukl.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CcArgumentsTest {
    @Test
    void aCompileKeepsEverythingButTheOutput() {
        CcArguments a = CcArguments.parse(List.of("-O2", "-I", "inc", "-c", "x.c", "-o", "x.o"), true);
        assertThat(a.mode()).isEqualTo(CcArguments.Mode.COMPILE);
        assertThat(a.output()).isEqualTo("x.o");
        assertThat(a.kept()).containsExactly("-O2", "-I", "inc", "-c", "x.c");
    }

    @Test
    void aLinkDropsWhatTheKernelModelCannotUseOnlyForUkl() {
        List<String> args = List.of("-fPIC", "-o", "prog", "a.o", "b.o", "-lm", "-pthread", "-Wl,-rpath,/usr/lib",
                "-Wl,--gc-sections");
        CcArguments ukl = CcArguments.parse(args, true);
        assertThat(ukl.mode()).isEqualTo(CcArguments.Mode.LINK);
        assertThat(ukl.output()).isEqualTo("prog");
        assertThat(ukl.kept()).containsExactly("a.o", "b.o", "-lm", "-Wl,--gc-sections");
        assertThat(ukl.dropped()).containsExactly("-fPIC", "-pthread", "-Wl,-rpath,/usr/lib");
        CcArguments user = CcArguments.parse(args, false);
        assertThat(user.kept()).contains("-fPIC", "-pthread", "-Wl,-rpath,/usr/lib");
    }

    @Test
    void libtoolsSplitRpathIsDroppedWithItsValue() {
        // as libtool links the SQLite shell
        CcArguments a = CcArguments.parse(List.of("-o", "sqlite3", "shell.c", "./.libs/libsqlite3.a", "-Wl,-rpath",
                "-Wl,/usr/local/lib"), true);
        assertThat(a.kept()).containsExactly("shell.c", "./.libs/libsqlite3.a");
        assertThat(a.dropped()).containsExactly("-Wl,-rpath", "-Wl,/usr/local/lib");
    }

    @Test
    void queriesAndArgumentFreeCallsGoToGccUnchanged() {
        assertThat(CcArguments.parse(List.of("--version"), true).mode()).isEqualTo(CcArguments.Mode.QUERY);
        assertThat(CcArguments.parse(List.of("-print-file-name=include"), true).mode())
                .isEqualTo(CcArguments.Mode.QUERY);
        assertThat(CcArguments.parse(List.of("-O2"), true).mode()).isEqualTo(CcArguments.Mode.QUERY);
    }

    @Test
    void anAttachedOutputAndValueOptionsAreUnderstood() {
        CcArguments a = CcArguments.parse(List.of("-oout", "-x", "c", "-", "-D", "X=1"), true);
        assertThat(a.output()).isEqualTo("out");
        assertThat(a.kept()).containsExactly("-x", "c", "-", "-D", "X=1");
    }

    @Test
    void aSharedLibraryIsRefusedForUklOnly() {
        assertThatThrownBy(() -> CcArguments.parse(List.of("-shared", "-o", "lib.so", "a.o"), true))
                .isInstanceOf(CcException.class).hasMessageContaining("cannot be a shared library");
        assertThat(CcArguments.parse(List.of("-shared", "-o", "lib.so", "a.o"), false).kept()).contains("-shared");
    }
}
