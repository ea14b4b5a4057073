package r4rescue.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import r4rescue.console.Console;
import r4rescue.console.Tap;
import r4rescue.protocol.ymodem.YmodemLine;
import r4rescue.protocol.ymodem.YmodemReceiver;
import r4rescue.protocol.ymodem.YmodemSender;

/**
 * Our YMODEM sender over an in-process link paced like a UART ({@link PacedLinkPair}), into our
 * receiver: the efficiency against the line rate, with or without an FTDI latency timer.
 */
public final class YmodemBench {

    private YmodemBench() {
    }

    /** Sends {@code size} random bytes; returns the figures, or throws if the file arrived damaged. */
    public static List<String> measure(int size, int lineRate, long latencyMicros, long latencyTimerMicros)
            throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        try (PacedLinkPair pair = new PacedLinkPair(lineRate, latencyMicros, latencyTimerMicros);
             Console host = new Console(pair.host());
             Console board = new Console(pair.board())) {
            host.open();
            board.open();
            try (Tap ht = host.tap(); Tap bt = board.tap()) {
                CompletableFuture<YmodemReceiver.Received> rx = CompletableFuture.supplyAsync(() -> {
                    try {
                        return new YmodemReceiver(YmodemLine.of(bt, board)).receive(10_000);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                YmodemSender.Result r = new YmodemSender(YmodemLine.of(ht, host)).send("bench.bin", data, 0);
                YmodemReceiver.Received got = rx.get(30, TimeUnit.SECONDS);
                if (!Arrays.equals(got.data(), data)) {
                    throw new IOException("The file arrived damaged");
                }
                return List.of(
                        String.format(Locale.ROOT, "ymodem.size %d bytes", size),
                        String.format(Locale.ROOT, "ymodem.time %.2f s", r.millis() / 1000.0),
                        String.format(Locale.ROOT, "ymodem.rate %.0f bytes/s", r.bytesPerSecond()),
                        String.format(Locale.ROOT, "ymodem.line_rate %d bytes/s", lineRate),
                        String.format(Locale.ROOT, "ymodem.latency_timer %.1f ms", latencyTimerMicros / 1000.0),
                        String.format(Locale.ROOT, "ymodem.efficiency %.1f %%", 100.0 * r.bytesPerSecond() / lineRate),
                        String.format(Locale.ROOT, "ymodem.retransmits %d blocks", r.retransmits()));
            }
        }
    }
}
