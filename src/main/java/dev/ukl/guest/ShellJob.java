package dev.ukl.guest;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The guest job that starts an app from the shell: its environment and arguments, stdout on
 * ttyS1 and stderr on ttyS2 (both raw, so bytes pass unchanged) or both on the console,
 * waiting for its port when it has one, then a ready line, then its exit status as one
 * console line.
 */
final class ShellJob {
    static final String READY = "ukl-guest: app ready";
    static final Pattern READY_LINE = Pattern.compile(Pattern.quote(READY));
    static final String STARTING = "ukl-guest: starting ";
    static final Pattern STARTING_LINE = Pattern.compile("^" + Pattern.quote(STARTING));
    /** What init and this job print on the console; none of it is the app's. */
    static final String OWN_PREFIX = "ukl-guest: ";
    /** The console line with the app's exit status (128+N when signal N ended it). */
    static final String STATUS = "ukl-guest: app exited with status ";
    private static final String TEMPLATE = """
            %7$scd /
            %1$secho "%8$s%2$s"
            %3$s </dev/null%9$s &
            pid=$!
            port=%4$d
            if [ "$port" -ne 0 ]; then
            	while ! netstat -ltn 2>/dev/null | grep -q ":$port "; do
            		if ! kill -0 "$pid" 2>/dev/null; then
            			echo "ukl-guest: the app ended before listening on port $port"
            			break
            		fi
            		usleep 100000
            	done
            fi
            echo "%5$s (pid $pid)"
            wait "$pid"
            status=$?
            echo "%6$s$status"
            exit "$status"
            """;

    private ShellJob() {
    }

    private static final String RAW_TTYS = """
            for tty in /dev/ttyS1 /dev/ttyS2; do
            	stty -F "$tty" 115200 raw -echo
            done
            """;

    /**
     * The job for a program at a guest path; {@code port} 0 when the app has none; on
     * {@code serial} ttys or on the console.
     */
    static String script(String name, String program, List<String> args, Map<String, String> env, int port,
                         boolean serial) {
        StringBuilder exports = new StringBuilder();
        env.forEach((k, v) -> exports.append("export ").append(k).append('=').append(quote(v)).append('\n'));
        StringBuilder command = new StringBuilder(program);
        for (String a : args) {
            command.append(' ').append(quote(a));
        }
        return TEMPLATE.formatted(exports, name, command, port, READY, STATUS, serial ? RAW_TTYS : "", STARTING,
                serial ? " >/dev/ttyS1 2>/dev/ttyS2" : "");
    }

    /** A shell word that stands for exactly {@code s}. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
