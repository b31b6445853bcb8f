package dev.ukl.guest;

import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.image.GuestImage;

import java.nio.file.Path;

/**
 * The baseline: the app as a normal user program, started from the shell on a kernel without
 * UKL; or, as the control that an ordinary process sees no change, on the UKL kernel the UKL
 * forms boot, with the app's archive linked in but not started.
 */
final class UserForm implements FormRunner {
    private final String variant;

    /** On the UKL variant, the kernel that links the same app (see {@link Pipeline#kernelFor}). */
    UserForm(String variant) {
        this.variant = variant;
    }

    @Override
    public String label() {
        return "user";
    }

    @Override
    public String variant() {
        return variant;
    }

    @Override
    public String describe() {
        return Pipeline.UKL_VARIANT.equals(variant)
                ? "as a user program on the UKL kernel (the app linked in, not started)"
                : "as a user program on the " + variant + " kernel";
    }

    @Override
    public Boot prepare(String uklName, App app, AppBuilder.Built built, Path kernel, Launch launch,
                        GuestImage image) {
        String program = "/apps/" + app.name();
        image.addProgram(program.substring(1), built.requireUserProgram());
        return shell(bootName(app), kernel, program, built.requireUserProgram(), app, launch, image);
    }

    /** A boot whose job starts the program from the shell: the user form's and the UKL shell form's. */
    static Boot shell(String name, Path kernel, String program, Path symbols, App app, Launch launch,
                      GuestImage image) {
        if (launch.tool() != Launch.Tool.NONE) {
            Path tool = launch.tool().program();
            image.addProgram(tool.toString().substring(1), tool);
        }
        // under gdbserver the app starts stopped: it is ready for the debugger when gdbserver listens
        int port = launch.tool() == Launch.Tool.GDB ? Launch.GDBSERVER_PORT : guestPort(app, launch);
        image.job(ShellJob.script(app.name(), program, launch.argsFor(app), launch.env(), port, launch.tool()));
        String append = launch.console() ? Pipeline.APPEND : Pipeline.APPEND + " " + ShellJob.SERIAL_PARAMETER;
        return new Boot(name, kernel, append, ShellJob.READY_LINE,
                "the app's start (" + ShellJob.READY + ")", ShellJob.STARTING_LINE,
                launch.console() ? Boot.Output.CONSOLE : Boot.Output.SERIAL, symbols);
    }

    static int guestPort(App app, Launch launch) {
        return launch.forward() == null ? app.port() : launch.forward().guestPort();
    }
}
