package dev.ukl.guest;

import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.image.GuestImage;
import dev.ukl.kernel.KernelBuilder;

import java.nio.file.Path;

/** The UKL app, linked into the kernel, started by the guest's shell beside a normal userspace. */
final class UklShellForm implements InKernelForm {
    @Override
    public String label() {
        return "ukl-shell";
    }

    @Override
    public String describe() {
        return "as the UKL app, started from the shell";
    }

    @Override
    public Boot prepare(String uklName, App app, AppBuilder.Built built, Path kernel, Launch launch,
                        GuestImage image) {
        return UserForm.shell(bootName(app), kernel, uklName, KernelBuilder.vmlinuxOf(kernel), app, launch, image);
    }
}
