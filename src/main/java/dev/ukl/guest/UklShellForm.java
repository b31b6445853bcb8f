package dev.ukl.guest;

import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.image.GuestImage;

/** The UKL app, linked into the kernel, started by the guest's shell beside a normal userspace. */
final class UklShellForm implements Form {
    @Override
    public String label() {
        return "ukl-shell";
    }

    @Override
    public String describe() {
        return "as the UKL app, started from the shell";
    }

    @Override
    public Boot prepare(Pipeline pipeline, App app, AppBuilder.Built built, Launch launch, GuestImage image) {
        image.job(ShellJob.script(app.name(), AppRunner.UKL_NAME, launch.argsFor(app), launch.env(),
                UserForm.guestPort(app, launch)));
        return new Boot("run-" + app.name() + "-" + label(), pipeline.uklKernel(built.uklArchive()), image,
                Pipeline.APPEND, ShellJob.READY_LINE, "the app's start (" + ShellJob.READY + ")", Boot.Output.SERIAL);
    }
}
