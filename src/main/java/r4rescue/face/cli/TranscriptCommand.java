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

/** {@code transcript [SESSION|--last] --out FILE.zip [--markdown]}: one file to share when a rescue fails. */
@Command(name = "transcript", mixinStandardHelpOptions = true,
        description = {"Packs a recorded session (the window and every board command record one) into a zip to attach to",
                "a forum post or bug report: README.md (a summary to paste), console.bin (raw bytes), console.log (text",
                "with times), steps.jsonl (command line, files, every line sent, exit code), diagnosis.json, files.json",
                "(name, size, SHA-256) and system.json (version, OS). Typed passwords and values of variables named",
                "like *pass* or *key* are masked. Without SESSION (or with --last): the newest session."})
public final class TranscriptCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SESSION",
            description = "A session's file (…/logs/DATE_TIME_PORT.bin or .log) or its name in the logs folder.")
    String session;

    @Option(names = "--last", description = "The newest session (the default).")
    boolean last;

    @Option(names = "--out", required = true, paramLabel = "FILE.zip", description = "Where to write the zip.")
    Path out;

    @Option(names = "--markdown", description = "Also print the README.md summary, ready to paste.")
    boolean markdown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (last && session != null) {
            spec.commandLine().getErr().println("Refused: give SESSION or --last, not both");
            return MainCommand.BAD_INPUT;
        }
        Path logs = AppDirs.forThisUser().logs();
        try {
            Path bin = Transcript.find(logs, session);
            String readme = Transcript.write(bin, out, r4rescue.Version.get());
            if (markdown) {
                spec.commandLine().getOut().print(readme);
            }
            spec.commandLine().getOut().println("Wrote " + out + " from " + bin.getFileName());
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
