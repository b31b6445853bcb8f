package dev.ukl.guest;

import dev.ukl.Project;
import dev.ukl.UklException;

import java.io.IOException;
import java.nio.file.Files;

/**
 * A runner script from guest/ as the guest's init job: guest/ktap.sh (the KTAP helpers the
 * scripts share) in front of it, and the variables the caller sets in front of both.
 */
public final class GuestScript {
    static final String HELPERS = "ktap.sh";

    private GuestScript() {
    }

    /** The job text: each variable as NAME=VALUE, the helpers, then the script guest/PATH. */
    public static String job(Project project, String path, java.util.Map<String, String> variables) {
        StringBuilder sb = new StringBuilder();
        variables.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.append(read(project, HELPERS)).append('\n').append(read(project, path)).toString();
    }

    private static String read(Project project, String path) {
        try {
            return Files.readString(project.guest().resolve(path));
        } catch (IOException e) {
            throw new UklException("cannot read guest/" + path + ": " + e.getMessage(), e);
        }
    }
}
