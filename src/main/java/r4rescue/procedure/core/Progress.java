package r4rescue.procedure.core;

import java.util.Locale;

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
            return what + " · " + duration(elapsedMs / 1000.0) + " so far";
        }
        double left = secondsLeft();
        String leftText = left < 0 ? "" : (estimate ? "about " : "") + duration(left) + " left";
        return String.format(Locale.ROOT, "%s · %,d of %,d bytes · %.1f KiB/s · %s%s", what, done, total,
                bytesPerSecond() / 1024, leftText, estimate ? " (estimate)" : "");
    }

    public static String duration(double secs) {
        long s = Math.round(secs);
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}
