package r4rescue.face.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bench}: performance figures, one {@code NAME VALUE UNIT} line each. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = {
                BenchConsoleCommand.class,
                BenchWindowCommand.class,
                BenchBoardsCommand.class,
                BenchDiagnoseCommand.class,
                BenchYmodemCommand.class,
                BenchLoadVsSbCommand.class,
        })
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
