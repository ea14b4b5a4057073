package r4rescue.face.cli;

import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import r4rescue.console.Console;
import r4rescue.console.Tap;
import r4rescue.protocol.ymodem.YmodemLine;
import r4rescue.protocol.ymodem.YmodemReceiver;
import r4rescue.protocol.ymodem.YmodemSender;

/**
 * {@code bench ymodem}: our YMODEM sender over an in-process link paced like 115200 8N1
 * (11,520 bytes/s each way), into our receiver; prints the efficiency against the line rate.
 */
@Command(name = "ymodem", mixinStandardHelpOptions = true,
        description = "Measure the YMODEM sender's efficiency on a paced 115200 link (11,520 bytes/s each way).")
public final class BenchYmodemCommand implements Callable<Integer> {

    @Option(names = "--size", defaultValue = "300000", description = "Bytes to send (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--line-rate", defaultValue = "11520", description = "Bytes per second each way (default ${DEFAULT-VALUE})")
    int lineRate;

    @Option(names = "--latency-us", defaultValue = "1000",
            description = "Adapter latency per direction in microseconds (default ${DEFAULT-VALUE})")
    long latencyMicros;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (size < 0 || lineRate <= 0 || latencyMicros < 0) {
            spec.commandLine().getErr().println("Refused: sizes and rates must be positive");
            return MainCommand.BAD_INPUT;
        }
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        try (PacedLinkPair pair = new PacedLinkPair(lineRate, latencyMicros);
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
                if (!java.util.Arrays.equals(got.data(), data)) {
                    spec.commandLine().getErr().println("The file arrived damaged");
                    return MainCommand.BOARD_SAID_NO;
                }
                var out = spec.commandLine().getOut();
                out.printf("ymodem.size %d bytes%n", size);
                out.printf("ymodem.time %.2f s%n", r.millis() / 1000.0);
                out.printf("ymodem.rate %.0f bytes/s%n", r.bytesPerSecond());
                out.printf("ymodem.line_rate %d bytes/s%n", lineRate);
                out.printf("ymodem.efficiency %.1f %%%n", 100.0 * r.bytesPerSecond() / lineRate);
                out.printf("ymodem.retransmits %d blocks%n", r.retransmits());
                out.flush();
                return MainCommand.OK;
            }
        }
    }
}
