package r4rescue.procedure.core;

import java.util.Locale;

import r4rescue.util.Texts;

/**
 * Figures of long work at one moment, and the one wording of them every face shows: bytes done of
 * the total, the rate so far and the time left at that rate. {@code estimate} marks figures partly
 * guessed (sizes the board has not named yet, or a write it reports only when it ends).
 */
public record Progress(String what, long done, long total, long elapsedMs, boolean estimate) {

    /** 0..1, or -1 when the total is unknown. */
    public double fraction() {
        return total <= 0 ? -1 : Math.min(1.0, (double) done / total);
    }

    public double bytesPerSecond() {
        return done / Math.max(0.001, elapsedMs / 1000.0);
    }

    /** Seconds left at the rate so far, or -1 when unknown. */
    public double secondsLeft() {
        double bps = bytesPerSecond();
        return total <= 0 || bps <= 0 ? -1 : Math.max(0, total - done) / bps;
    }

    /** E.g. "fip · 360,136 of 1,150,136 bytes · 11.2 KiB/s · 1 min 10 s left". */
    public String text() {
        if (total <= 0) {
            return Texts.t("proc.progress.soFar", what, duration(elapsedMs / 1000.0));
        }
        double left = secondsLeft();
        String leftText = left < 0 ? "" : Texts.t(estimate ? "proc.progress.aboutLeft" : "proc.progress.left", duration(left));
        String rate = String.format(Locale.ROOT, "%.1f", bytesPerSecond() / 1024);
        return Texts.t(estimate ? "proc.progress.estimate" : "proc.progress.bytes", what, String.format(Locale.ROOT, "%,d", done),
                String.format(Locale.ROOT, "%,d", total), rate, leftText);
    }

    public static String duration(double secs) {
        long s = Math.round(secs);
        return s >= 60 ? Texts.t("proc.progress.minSec", s / 60, s % 60) : Texts.t("proc.progress.sec", s);
    }
}
