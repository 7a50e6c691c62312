package io.mtl4j.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line console progress bar with live loss and throughput. On a terminal it redraws in place;
 * otherwise (CI logs, files) it prints a line at every 10% so logs stay short.
 */
final class ProgressBar {

    private final PrintStream out;
    private final int total;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private int lastDecile = -1;

    ProgressBar(PrintStream out, int total) {
        this.out = out;
        this.total = Math.max(1, total);
        this.interactive = System.console() != null;
    }

    void update(int step, int epoch, double loss, double learningRate) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = step / Math.max(seconds, 1e-9);
        double eta = (total - step) / Math.max(rate, 1e-9);
        int width = 30;
        int filled = (int) ((long) width * step / total);
        String line = String.format(Locale.ROOT, "epoch %d [%s%s] %d/%d loss %.4f lr %.2e %.2f it/s eta %s",
                epoch + 1, "=".repeat(filled), " ".repeat(width - filled), step, total, loss, learningRate, rate,
                format(eta));
        if (interactive) {
            out.print("\r" + line);
            out.flush();
        } else {
            int decile = (int) (10L * step / total);
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line);
            }
        }
    }

    /** Prints a line of its own (a dev evaluation, say) without breaking the bar. */
    void message(String text) {
        if (interactive) {
            out.print("\r");
        }
        out.println(text);
    }

    void finish() {
        if (interactive) {
            out.println();
        }
    }

    private static String format(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
