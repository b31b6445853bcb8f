package dev.ukl.guest;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The guest job that starts an app from the shell: its environment and arguments, waiting for
 * its port when it has one, then a ready line, then its exit status as one console line. Where
 * the app writes is chosen at boot, so one initramfs serves every way of booting it: with
 * {@link #SERIAL_PARAMETER} on the kernel command line (ukl run) stdout goes to ttyS1 and stderr
 * to ttyS2, both raw so bytes pass unchanged; without it (a cluster, whose VM has only its
 * console) both go to the console.
 */
final class ShellJob {
    /** A kernel parameter the kernel ignores (a module's, for no module) and the job reads. */
    static final String SERIAL_PARAMETER = "ukl.output=serial";
    static final String READY = "ukl-guest: app ready";
    static final Pattern READY_LINE = Pattern.compile(Pattern.quote(READY));
    static final String STARTING = "ukl-guest: starting ";
    static final Pattern STARTING_LINE = Pattern.compile("^" + Pattern.quote(STARTING));
    /** What init and this job print on the console; none of it is the app's. */
    static final String OWN_PREFIX = "ukl-guest: ";
    /** The console line with the app's exit status (128+N when signal N ended it). */
    static final String STATUS = "ukl-guest: app exited with status ";
    private static final String TEMPLATE = """
            cd /
            %1$secho "%7$s%2$s"
            case " $(cat /proc/cmdline) " in
            *" %8$s "*)
            	for tty in /dev/ttyS1 /dev/ttyS2; do
            		stty -F "$tty" 115200 raw -echo
            	done
            	err=/dev/ttyS2
            	%3$s </dev/null >/dev/ttyS1 2>/dev/ttyS2 &
            	;;
            *)
            	err=/dev/console
            	%3$s </dev/null &
            	;;
            esac
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
            %9$secho "%6$s$status"
            exit "$status"
            """;

    /**
     * After a run under perf: its report on the app's stderr. The app's code is kernel text in
     * the UKL form, named in kallsyms with the ukl_ prefix every app symbol gets; the report reads
     * a copy of kallsyms that gives the app's text (the ukl_ symbols from __ukl_text_start on)
     * its own names back.
     */
    private static final String PERF_REPORT = """
            awk '$3 == "__ukl_text_start" { app = 1; print; next }
            	app && $3 !~ /^ukl_/ { app = 0 }
            	app { $3 = substr($3, 5) }
            	{ print }' /proc/kallsyms >/tmp/ukl-kallsyms
            perf report -i /tmp/ukl-perf.data --kallsyms=/tmp/ukl-kallsyms --stdio --sort sym 2>&1 | head -n 40 >"$err"
            """;

    private ShellJob() {
    }

    /** The job for a program at a guest path; {@code port} 0 when the app has none. */
    static String script(String name, String program, List<String> args, Map<String, String> env, int port) {
        return script(name, program, args, env, port, Launch.Tool.NONE);
    }

    /** The same, the program run under a tool (strace's output, perf's report on its stderr). */
    static String script(String name, String program, List<String> args, Map<String, String> env, int port,
                         Launch.Tool tool) {
        StringBuilder exports = new StringBuilder();
        env.forEach((k, v) -> exports.append("export ").append(k).append('=').append(quote(v)).append('\n'));
        StringBuilder command = new StringBuilder(switch (tool) {
            case NONE -> "";
            case STRACE -> "strace -f ";
            case PERF -> "perf record -q -e cpu-clock -F 1000 -o /tmp/ukl-perf.data -- ";
            case GDB -> "gdbserver --once --no-startup-with-shell 0.0.0.0:" + Launch.GDBSERVER_PORT + " ";
        }).append(program);
        for (String a : args) {
            command.append(' ').append(quote(a));
        }
        return TEMPLATE.formatted(exports, name, command, port, READY, STATUS, STARTING, SERIAL_PARAMETER,
                tool == Launch.Tool.PERF ? PERF_REPORT : "");
    }

    /** A shell word that stands for exactly {@code s}. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
