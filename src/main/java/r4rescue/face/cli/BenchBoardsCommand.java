package r4rescue.face.cli;

import java.util.concurrent.Callable;

import javafx.application.Platform;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import r4rescue.bench.BoardsBench;
import r4rescue.bench.WindowBench;
import r4rescue.util.Texts;

/** {@code bench boards}: N simulated boards streaming boot logs in the bench window; CPU, heap, frame gaps. */
@Command(name = "boards",
        mixinStandardHelpOptions = true)
public final class BenchBoardsCommand implements Callable<Integer> {

    @Option(names = "--boards", defaultValue = "8")
    int boards;

    @Option(names = "--seconds", defaultValue = "30")
    int seconds;

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || boards < 1) {
            System.err.println(Texts.t("cli.bench.boards-seconds-positive"));
            return MainCommand.BAD_INPUT;
        }
        BoardsBench.run(WindowBench.startFx(), boards, seconds).figures().forEach(System.out::println);
        Platform.exit();
        return MainCommand.OK;
    }
}
