package dev.ukl.guest;

import dev.ukl.app.App;
import dev.ukl.app.AppBuilder;
import dev.ukl.image.GuestImage;

import java.nio.file.Path;

/**
 * One way to run an app (as a user program, as the UKL app from a shell, as the UKL app as
 * init): each has its own runner behind this interface, which picks the kernel, adds what its
 * guest needs to the image and says how the app starts and ends.
 */
public interface FormRunner {
    /** A short name for file names: user, ukl-shell, ukl-init, ukl-bare. */
    String label();

    /** How the app runs, for messages: "as a user program on the plain kernel". */
    String describe();

    /** Whether the app runs linked into the kernel, its code in vmlinux (else as a user program). */
    default boolean appInKernel() {
        return false;
    }

    /** The kernel variant the form boots (plain, ukl). */
    String variant();

    /** The image the form's boot starts from, before the launch's volumes and what the form adds. */
    default GuestImage baseImage(Pipeline pipeline) {
        return pipeline.image();
    }

    /** Refuses a launch the form cannot run, before anything is built. */
    default void check(Launch launch) {
    }

    /**
     * Prepares a boot of the built app on the built kernel as the launch asks; the image already
     * holds the launch's volumes. Nothing is built here: the values come down from the planner
     * ({@link AppRunner#prepare}), {@code uklName} being the exec name that starts the UKL app.
     */
    Boot prepare(String uklName, App app, AppBuilder.Built built, Path kernel, Launch launch, GuestImage image);

    /** The name of a boot of the app in this form: it names the boot's files. */
    default String bootName(App app) {
        return "run-" + app.name() + "-" + label();
    }

    /** The same form under another label, so two boots of it can run at once without sharing files. */
    static FormRunner suffixed(FormRunner form, String suffix) {
        return new FormRunner() {
            @Override
            public String label() {
                return form.label() + "-" + suffix;
            }

            @Override
            public String describe() {
                return form.describe();
            }

            @Override
            public boolean appInKernel() {
                return form.appInKernel();
            }

            @Override
            public GuestImage baseImage(Pipeline pipeline) {
                return form.baseImage(pipeline);
            }

            @Override
            public String variant() {
                return form.variant();
            }

            @Override
            public void check(Launch launch) {
                form.check(launch);
            }

            @Override
            public Boot prepare(String uklName, App app, AppBuilder.Built built, Path kernel, Launch launch,
                                GuestImage image) {
                Boot b = form.prepare(uklName, app, built, kernel, launch, image);
                return new Boot(b.name() + "-" + suffix, b.kernel(), b.append(), b.ready(), b.readyWhat(), b.start(),
                        b.output(), b.symbols());
            }
        };
    }
}
