package dev.ukl;

import dev.ukl.env.Doctor;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.PrintWriter;

/**
 * Before any test runs, makes sure the machine has what the tests use (gcc, cpio, QEMU, the
 * kernel source...), installing it when running as root, as `ukl run` and `ukl test` do. So
 * `mvn verify` works on a new machine.
 */
public final class PrerequisitesListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Doctor.standard().ensure(true, new PrintWriter(System.out, true), Project.locate().logs());
    }
}
