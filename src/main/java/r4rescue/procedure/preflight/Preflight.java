package r4rescue.procedure.preflight;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

import r4rescue.console.Console;
import r4rescue.console.Subscription;
import r4rescue.console.bootlog.BaudGuesser;
import r4rescue.util.Message;

/**
 * The adapter pre-flight over an open console: a loopback test (TX bridged to RX, no board) at the
 * console rate and at the fast rate, and a listen to the board's first seconds after power-on.
 */
public final class Preflight {

    /** The rates the loopback tries: the console's, and the fastest the recovery uses. */
    public static final int SLOW = 115200;
    public static final int FAST = 921600;
    /** Below this similarity a guess is no rate at all: bytes from no UART setting (wrong voltage, noise). */
    private static final double FITS = 0.88; // boot text at a wrong rate scores >= 0.91, random bytes <= 0.81

    private static final byte[] PATTERN = pattern();

    private final Console console;

    public Preflight(Console console) {
        this.console = console;
    }

    /** Every byte value, twice, in an order that makes a lost or doubled byte visible. */
    private static byte[] pattern() {
        byte[] p = new byte[512];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 167 + 13);
        }
        return p;
    }

    /** Sends the pattern at {@link #SLOW} and {@link #FAST} through the TX-RX bridge and compares. */
    public AdapterFinding loopback(long waitMillis) throws IOException, InterruptedException {
        Capture cap = new Capture();
        int before = console.link().baud();
        try (Subscription s = console.subscribe("preflight-loopback", cap)) {
            AdapterFinding slow = echo(cap, SLOW, waitMillis);
            if (slow != null) {
                return slow;
            }
            AdapterFinding fast = echo(cap, FAST, waitMillis);
            return fast != null ? new AdapterFinding(Verdict.FAST_RATE_FAILS, fast.detail())
                    : new AdapterFinding(Verdict.LOOPBACK_OK, Message.of("proc.preflight.loopbackOk.detail", PATTERN.length));
        } finally {
            console.link().setBaud(before);
        }
    }

    /** Null when the pattern came back whole at {@code rate}. */
    private AdapterFinding echo(Capture cap, int rate, long waitMillis) throws IOException, InterruptedException {
        console.link().setBaud(rate);
        cap.clear();
        console.send(PATTERN);
        byte[] got = cap.awaitCount(PATTERN.length, waitMillis);
        if (Arrays.equals(got, PATTERN)) {
            return null;
        }
        if (got.length == 0) {
            return new AdapterFinding(Verdict.LOOPBACK_DEAD, Message.of("proc.preflight.loopbackDead.detail", PATTERN.length, rate));
        }
        int same = 0;
        for (int i = 0; i < Math.min(got.length, PATTERN.length); i++) {
            same += got[i] == PATTERN[i] ? 1 : 0;
        }
        return new AdapterFinding(Verdict.LOOPBACK_GARBLED, Message.of("proc.preflight.loopbackGarbled.detail", rate,
                PATTERN.length, got.length, same));
    }

    /**
     * Listens for the board: {@code prompt} runs once listening (it asks for, or makes, the power
     * cycle); then waits up to {@code firstMillis} for a byte and gathers {@code windowMillis} after it.
     */
    public AdapterFinding listen(Runnable prompt, long firstMillis, long windowMillis) throws InterruptedException {
        Capture cap = new Capture();
        try (Subscription s = console.subscribe("preflight-listen", cap)) {
            prompt.run();
            return classify(cap.awaitWindow(firstMillis, windowMillis), console.link().baud());
        }
    }

    /** The verdict on what arrived at {@code baud} after power-on. */
    static AdapterFinding classify(byte[] got, int baud) {
        if (got.length == 0) {
            return new AdapterFinding(Verdict.SILENCE, Message.of("proc.preflight.silence.detail", baud));
        }
        BaudGuesser.Guess g = BaudGuesser.standard().guess(got, baud);
        if (g.rate() == baud) {
            return new AdapterFinding(Verdict.GOOD_TEXT, Message.of("proc.preflight.goodText.detail", got.length, baud));
        }
        if (g.rate() != 0 && g.confident() && g.score() >= FITS) {
            return new AdapterFinding(Verdict.WRONG_RATE, Message.of("proc.preflight.wrongRate.detail", got.length, baud, g.rate(),
                    String.format(Locale.ROOT, "%.2f", g.score())));
        }
        return new AdapterFinding(Verdict.NOISE, Message.of("proc.preflight.noise.detail", got.length, baud, g.rate(),
                String.format(Locale.ROOT, "%.2f", g.score())));
    }
}
