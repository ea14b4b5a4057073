package r4rescue.face.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import r4rescue.bench.LoadVsSbBench;
import r4rescue.util.Texts;

/** {@code bench load-vs-sb}: lrzsz {@code sb --ymodem} against our whole {@code load} on one U-Boot. */
@Command(name = "load-vs-sb", mixinStandardHelpOptions = true)
public final class BenchLoadVsSbCommand implements Callable<Integer> {

    @Option(names = {"-p", "--port"}, required = true)
    String port;

    @Option(names = "--size", defaultValue = "300000")
    int size;

    @Option(names = "--rounds", defaultValue = "3")
    int rounds;

    @Option(names = "--cds")
    boolean cds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (size <= 0 || rounds <= 0) {
            spec.commandLine().getErr().println(Texts.t("cli.refused", Texts.t("cli.bench.size-rounds-positive")));
            return MainCommand.BAD_INPUT;
        }
        Path file = Files.createTempFile("r4-bench", ".bin");
        try {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            Files.write(file, data);
            var out = spec.commandLine().getOut();
            LoadVsSbBench.measure(port, file, rounds, cds).forEach(out::println);
            out.flush();
            return MainCommand.OK;
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return MainCommand.BOARD_SAID_NO;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
