package r4rescue.face.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import r4rescue.bench.YmodemBench;
import r4rescue.util.Texts;

/**
 * {@code bench ymodem}: our YMODEM sender over an in-process link paced like 115200 8N1
 * (11,520 bytes/s each way), into our receiver; prints the efficiency against the line rate.
 */
@Command(name = "ymodem", mixinStandardHelpOptions = true)
public final class BenchYmodemCommand implements Callable<Integer> {

    @Option(names = "--size", defaultValue = "300000")
    int size;

    @Option(names = "--line-rate", defaultValue = "11520")
    int lineRate;

    @Option(names = "--latency-us", defaultValue = "1000")
    long latencyMicros;

    @Option(names = "--latency-timer-ms", defaultValue = "0")
    int latencyTimerMs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (size < 0 || lineRate <= 0 || latencyMicros < 0 || latencyTimerMs < 0) {
            spec.commandLine().getErr().println(Texts.t("cli.refused", Texts.t("cli.bench.sizes-rates-positive")));
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
