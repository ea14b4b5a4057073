package r4rescue.face.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import r4rescue.AppDirs;
import r4rescue.procedure.transcript.Transcript;
import r4rescue.util.Texts;

/** {@code transcript [SESSION|--last] --out FILE.zip [--markdown]}: one file to share when a rescue fails. */
@Command(name = "transcript", mixinStandardHelpOptions = true)
public final class TranscriptCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SESSION")
    String session;

    @Option(names = "--last")
    boolean last;

    @Option(names = "--out", required = true, paramLabel = "FILE.zip")
    Path out;

    @Option(names = "--markdown")
    boolean markdown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (last && session != null) {
            spec.commandLine().getErr().println(Texts.t("cli.refused", Texts.t("cli.transcript.both")));
            return MainCommand.BAD_INPUT;
        }
        Path logs = AppDirs.forThisUser().logs();
        try {
            Path bin = Transcript.find(logs, session);
            String readme = Transcript.write(bin, out, r4rescue.Version.get());
            if (markdown) {
                spec.commandLine().getOut().print(readme);
            }
            spec.commandLine().getOut().println(Texts.t("cli.transcript.wrote", out, bin.getFileName()));
            return MainCommand.OK;
        } catch (IOException e) {
            spec.commandLine().getErr().println("transcript: " + e.getMessage());
            return MainCommand.BAD_INPUT;
        } finally {
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
        }
    }
}
