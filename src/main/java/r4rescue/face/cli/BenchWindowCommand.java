package r4rescue.face.cli;

import java.util.concurrent.Callable;

import javafx.application.Platform;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import r4rescue.bench.WindowBench;
import r4rescue.util.Texts;

/** {@code bench window}: a steady stream into the real window; frame gaps and lost bytes. */
@Command(name = "window",
        mixinStandardHelpOptions = true)
public final class BenchWindowCommand implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "60")
    int seconds;

    @Option(names = "--rate", defaultValue = "150000")
    int rate;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || rate < 1) {
            System.err.println(Texts.t("cli.bench.seconds-rate-positive"));
            return MainCommand.BAD_INPUT;
        }
        WindowBench.Result r = WindowBench.run(WindowBench.startFx(), seconds, rate);
        r.figures().forEach(System.out::println);
        Platform.exit();
        return MainCommand.OK;
    }
}
