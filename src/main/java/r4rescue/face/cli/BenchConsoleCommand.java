package r4rescue.face.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import r4rescue.bench.ConsoleBench;
import r4rescue.util.Texts;

/** {@code bench console}: throughput of bytes → decoder → ANSI/line assembler → styled model, no window. */
@Command(name = "console",
        mixinStandardHelpOptions = true)
public final class BenchConsoleCommand implements Callable<Integer> {

    @Option(names = "--megabytes", defaultValue = "64")
    int megabytes;

    @Option(names = "--rounds", defaultValue = "5")
    int rounds;

    @Option(names = "--chunk", defaultValue = "4096")
    int chunk;

    @Override
    public Integer call() {
        if (megabytes < 1 || rounds < 1 || chunk < 1) {
            System.err.println(Texts.t("cli.bench.console-positive"));
            return MainCommand.BAD_INPUT;
        }
        ConsoleBench.measure(megabytes, rounds, chunk).forEach(System.out::println);
        return MainCommand.OK;
    }
}
