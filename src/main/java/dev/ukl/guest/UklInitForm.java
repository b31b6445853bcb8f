package dev.ukl.guest;

import dev.ukl.UklException;
import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.image.GuestImage;
import dev.ukl.kernel.KernelBuilder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The UKL app as init (PID 1): no shell runs; the kernel execs the app, configures the network
 * itself, and gives the app its arguments and environment from the kernel command line, so
 * what does not fit there is refused here. The app's stdout and stderr are the console.
 */
final class UklInitForm implements InKernelForm {
    /** init/main.c's MAX_INIT_ARGS and MAX_INIT_ENVS; the kernel sets HOME and TERM itself. */
    static final int MAX_INIT_ARGS = 32;
    static final int MAX_INIT_ENVS = 32 - 2;
    /** The labels of the init forms: as init beside busybox, and bare. */
    static final String LABEL = "ukl-init";
    static final String BARE_LABEL = "ukl-bare";

    /** Whether the initramfs holds nothing but the app's volumes: no shell, no other program. */
    private final boolean bare;

    UklInitForm(boolean bare) {
        this.bare = bare;
    }

    /** Whether a form's label is an init form's (an image records its form by label). */
    static boolean isInit(String label) {
        return label.equals(LABEL) || label.equals(BARE_LABEL);
    }

    @Override
    public String label() {
        return bare ? BARE_LABEL : LABEL;
    }

    @Override
    public String describe() {
        return bare ? "as the UKL app, started as init from an initramfs with nothing else"
                : "as the UKL app, started as init";
    }

    @Override
    public GuestImage baseImage(Pipeline pipeline) {
        return bare ? GuestImage.bare() : pipeline.image();
    }

    @Override
    public void check(Launch launch) {
        if (launch.tool() != Launch.Tool.NONE) {
            throw new UklException("--strace, --perf and --gdb run the app from the shell: they do not go with "
                    + "--as-init");
        }
    }

    @Override
    public Boot prepare(String uklName, App app, AppBuilder.Built built, Path kernel, Launch launch,
                        GuestImage image) {
        String name = uklName;
        String append = commandLine(name, launch.argsFor(app), launch.env());
        Pattern start = startLine(name);
        Pattern ready = app.ready() != null ? Pattern.compile(Pattern.quote(app.ready())) : start;
        return new Boot(bootName(app), kernel, append, ready, "the app's start as init (" + ready.pattern() + ")",
                start, Boot.Output.INIT, KernelBuilder.vmlinuxOf(kernel));
    }

    /** The kernel's line as it starts the app at {@code uklName} as init. */
    static Pattern startLine(String uklName) {
        return Pattern.compile(Pattern.quote("Run " + uklName + " as init process"));
    }

    /**
     * The kernel command line that starts the UKL app as init: variables before "--" (the
     * kernel hands unknown NAME=VALUE parameters to init as its environment), arguments after.
     */
    static String commandLine(String uklName, List<String> args, Map<String, String> env) {
        if (args.size() + 1 > MAX_INIT_ARGS) {
            throw new UklException("as init the app gets at most " + (MAX_INIT_ARGS - 1)
                    + " arguments (the kernel's limit); " + args.size() + " given");
        }
        if (env.size() > MAX_INIT_ENVS) {
            throw new UklException("as init the app gets at most " + MAX_INIT_ENVS
                    + " variables (the kernel's limit); " + env.size() + " given");
        }
        StringBuilder line = new StringBuilder(Pipeline.APPEND.replace("rdinit=/init", "rdinit=" + uklName))
                .append(" ip=10.0.2.15::10.0.2.2:255.255.255.0::eth0:off");
        env.forEach((k, v) -> line.append(' ').append(k).append('=').append(word("-e " + k, v)));
        if (!args.isEmpty()) {
            line.append(" --");
            for (String a : args) {
                if (a.isEmpty()) {
                    throw new UklException("as init the app's arguments travel on the kernel command line, "
                            + "which cannot carry an empty argument");
                }
                line.append(' ').append(word("argument", a));
            }
        }
        String whole = line.toString();
        BootPlan.requireFits(whole, "as init the app's arguments and variables travel on it; "
                + "run the app from the shell instead: leave out --as-init");
        return whole;
    }

    /** A value as the kernel's parameter parser reads it back: quoted when it has blanks. */
    private static String word(String what, String value) {
        if (value.chars().anyMatch(c -> c < 0x20 || c == '"' || c > 0x7e)) {
            throw new UklException(what + " '" + value + "': as init it travels on the kernel command line, "
                    + "which cannot carry double quotes, control or non-ASCII characters");
        }
        return value.isEmpty() || value.contains(" ") ? "\"" + value + "\"" : value;
    }
}
