package r4rescue.face.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import r4rescue.bench.YmodemBench;

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

    @Option(names = "--latency-timer-ms", defaultValue = "0",
            description = "The adapter's latency timer on the way to the host (FTDI default 16, udev rule 1; default ${DEFAULT-VALUE}: none)")
    int latencyTimerMs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (size < 0 || lineRate <= 0 || latencyMicros < 0 || latencyTimerMs < 0) {
            spec.commandLine().getErr().println("Refused: sizes and rates must be positive");
            return MainCommand.BAD_INPUT;
        }
        try {
            var out = spec.commandLine().getOut();
            YmodemBench.measure(size, lineRate, latencyMicros, latencyTimerMs * 1000L).forEach(out::println);
            out.flush();
            return MainCommand.OK;
        } catch (IOException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return MainCommand.BOARD_SAID_NO;
        }
    }
}
