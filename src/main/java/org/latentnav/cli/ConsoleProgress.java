package org.latentnav.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line terminal progress bar with rate and ETA, redrawn at most twice a second. When the
 * output is not a terminal (a log file), it prints a full line every 30 seconds instead.
 */
public final class ConsoleProgress {
    private static final long REDRAW_NANOS = 500_000_000L;
    private static final long LOG_NANOS = 30_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final long startDone;
    private final boolean terminal = System.console() != null;
    private long lastDraw;

    public ConsoleProgress(PrintStream out, long done, long total) {
        this.out = out;
        this.total = total;
        this.startDone = done;
    }

    /** Redraws the bar if enough time has passed; {@code suffix} follows the ETA. */
    public void update(long done, String suffix) {
        long now = System.nanoTime();
        if (now - lastDraw < (terminal ? REDRAW_NANOS : LOG_NANOS) && done < total) {
            return;
        }
        lastDraw = now;
        double seconds = (now - startNanos) / 1e9;
        double rate = (done - startDone) / Math.max(seconds, 1e-9);
        long etaSeconds = rate > 0 ? (long) ((total - done) / rate) : -1;
        int filled = (int) (WIDTH * done / Math.max(1, total));
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        out.printf(
                "%s[%s] %d/%d %.1f it/s ETA %s %s",
                terminal ? "\r" : "",
                bar,
                done,
                total,
                rate,
                etaSeconds < 0 ? "?" : format(etaSeconds),
                suffix);
        if (done >= total || !terminal) {
            out.println();
        }
        out.flush();
    }

    static String format(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
