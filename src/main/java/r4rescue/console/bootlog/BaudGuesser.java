package r4rescue.console.bootlog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import r4rescue.util.Message;

/**
 * Guesses the baud rate the board really sends at from bytes captured at a known (wrong) rate.
 * Text captured at the right rate is almost all printable ASCII. At a wrong rate each received
 * byte is a re-sampling of the line, and the byte distribution depends on the ratio of the two
 * rates: for each candidate rate the guesser simulates (with {@link UartSimulator}) how a sample
 * boot log sent at that rate looks when captured at the capture rate, and picks the candidate
 * whose byte histogram is closest (Bhattacharyya coefficient) to the captured one. Candidates
 * whose simulated histograms are themselves alike cannot be told apart; the guess says so.
 */
public final class BaudGuesser {

    /** The rates tried, as a user's terminal offers them. */
    public static final int[] RATES = {9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600, 1500000};

    private static final double TEXT_RATIO = 0.9;
    private static final double ALIKE = 0.97;
    private static final double MARGIN = 0.01;
    private static final int MAX_SAMPLE = 64 * 1024;
    private static volatile BaudGuesser standard;

    private final byte[] reference;
    private final Map<Long, double[]> fingerprints = new ConcurrentHashMap<>();

    public BaudGuesser(byte[] referenceText) {
        this.reference = referenceText.clone();
    }

    /** A guesser calibrated on a sample BPI-R4 boot log shipped with the program. */
    public static BaudGuesser standard() {
        BaudGuesser g = standard;
        if (g == null) {
            try (InputStream in = BaudGuesser.class.getResourceAsStream("/r4rescue/bootlog/baud-reference.txt")) {
                if (in == null) {
                    throw new IllegalStateException("missing baud-reference.txt");
                }
                g = new BaudGuesser(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            standard = g;
        }
        return g;
    }

    /**
     * @param rate      the likely sending rate, or 0 if nothing fits
     * @param confident false when other candidates fit about as well ({@link #alike})
     * @param alike     rates that produce nearly the same bytes at this capture rate
     */
    public record Guess(int captureBaud, int rate, double score, boolean confident, List<Integer> alike, Message note) {
    }

    public Guess guess(byte[] captured, int captureBaud) {
        int n = Math.min(captured.length, MAX_SAMPLE);
        if (n == 0) {
            return new Guess(captureBaud, 0, 0, false, List.of(), Message.of("diag.baud.nothing"));
        }
        int text = 0;
        double[] hist = new double[256];
        for (int i = 0; i < n; i++) {
            int b = captured[i] & 0xff;
            hist[b]++;
            if (b >= 0x20 && b < 0x7f || b == '\r' || b == '\n' || b == '\t' || b == 0x1b) {
                text++;
            }
        }
        if (text >= TEXT_RATIO * n) {
            return new Guess(captureBaud, captureBaud, 1.0, true, List.of(), Message.of("diag.baud.text", captureBaud));
        }
        normalise(hist);
        int best = 0;
        double bestScore = -1;
        double second = -1;
        for (int rate : RATES) {
            if (rate == captureBaud) {
                continue;
            }
            double s = similarity(hist, fingerprint(rate, captureBaud));
            if (s > bestScore) {
                second = bestScore;
                bestScore = s;
                best = rate;
            } else if (s > second) {
                second = s;
            }
        }
        List<Integer> alike = new ArrayList<>();
        double[] bestPrint = fingerprint(best, captureBaud);
        for (int rate : RATES) {
            if (rate != best && rate != captureBaud && similarity(bestPrint, fingerprint(rate, captureBaud)) >= ALIKE) {
                alike.add(rate);
            }
        }
        boolean confident = alike.isEmpty() && bestScore - second >= MARGIN;
        Message note = alike.isEmpty() ? Message.of("diag.baud.fit", captureBaud, best)
                : Message.of("diag.baud.fit-alike", captureBaud, best, alike);
        return new Guess(captureBaud, best, bestScore, confident, List.copyOf(alike), note);
    }

    /** Byte histogram of the reference text sent at {@code sendBaud} and captured at {@code recvBaud}. */
    double[] fingerprint(int sendBaud, int recvBaud) {
        return fingerprints.computeIfAbsent(((long) sendBaud << 32) | recvBaud, k -> {
            double[] h = new double[256];
            for (double phase : new double[] {0, 0.37, 0.71}) {
                for (int gap : new int[] {0, 40}) {
                    for (byte b : UartSimulator.resample(reference, sendBaud, recvBaud, gap, phase)) {
                        h[b & 0xff]++;
                    }
                }
            }
            normalise(h);
            return h;
        });
    }

    private static void normalise(double[] h) {
        double sum = 0;
        for (int i = 0; i < h.length; i++) {
            h[i] += 1e-3; // a byte never seen in the sample is unlikely, not impossible
            sum += h[i];
        }
        for (int i = 0; i < h.length; i++) {
            h[i] /= sum;
        }
    }

    static double similarity(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += Math.sqrt(p[i] * q[i]);
        }
        return s;
    }
}
