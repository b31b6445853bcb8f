package dev.ukl.util;

import java.io.PrintStream;

/**
 * A progress bar on stderr for long steps (kernel builds, boots). On a terminal it
 * redraws one line; otherwise it prints a line at every tenth of the way.
 */
public final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final boolean terminal;
    private int total;
    private int lastDecile = -1;
    private int shown;
    private long lastDraw;

    public Progress(String label, int total) {
        this(System.err, label, total, System.console() != null);
    }

    Progress(PrintStream out, String label, int total, boolean terminal) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.terminal = terminal;
    }

    /**
     * Reports {@code done} steps out of the total; {@code what} names the current one. The total is
     * an estimate (the previous build's line count): a step past it stretches the total, and the
     * figure shown never goes back and stays below 100% until {@link #done}.
     */
    public void update(int done, String what) {
        if (done > total) {
            total = done + done / 10 + 1;
        }
        int pct = Math.min(99, Math.max(shown, (int) (100L * done / total)));
        shown = pct;
        if (terminal) {
            long now = System.nanoTime();
            if (now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            int filled = WIDTH * pct / 100;
            String text = what.length() > 40 ? "..." + what.substring(what.length() - 37) : what;
            out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                    + String.format("%3d%% %-40s", pct, text));
            out.flush();
        } else if (pct / 10 > lastDecile) {
            lastDecile = pct / 10;
            out.println(label + ": " + pct + "%");
        }
    }

    /** Ends the bar with a closing message. */
    public void done(String message) {
        if (terminal) {
            out.print("\r" + " ".repeat(label.length() + WIDTH + 50) + "\r");
        }
        out.println(label + ": " + message);
    }
}
