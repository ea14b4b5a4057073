package r4rescue.face.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import r4rescue.procedure.migrate.ProcedureException;
import r4rescue.procedure.migrate.SysupgradeSafety;
import r4rescue.protocol.shell.ConsoleFileTransfer;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Before a sysupgrade: sysupgrade -b on the board, copied here over the console and checked by SHA-256; "
                + "shows what sysupgrade keeps and the changed files it would lose (--keep PATH adds one to /etc/sysupgrade.conf).",
                "Exit codes: 0 backup saved and nothing unkept, 1 a check failed or changed files are not kept, 2 bad input, 3 no link."})
final class BackupCommand extends ShellCommand {

    @Parameters(index = "0", description = "Where to save the backup (.tar.gz) on this computer")
    Path file;

    @Option(names = "--keep", description = "Add this path to /etc/sysupgrade.conf (repeatable)")
    List<String> keep;

    @Override
    String validate() {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return "No such folder for " + file;
        }
        return null;
    }

    @Override
    int body(ShellSession s) throws IOException, ProcedureException {
        SysupgradeSafety safety = new SysupgradeSafety(s.steps());
        ConsoleFileTransfer xfer = new ConsoleFileTransfer(s.shell);
        xfer.onProgress(p -> {
            err().printf("\r  %d/%d bytes, %.0f bytes/s, %d s left", p.done(), p.total(), p.bytesPerSecond(), p.secondsLeft());
            err().flush();
        });
        String sha = safety.backup(file, xfer);
        err().println();
        out().println("Saved " + file + " (SHA-256 " + sha + ")");
        for (String k : keep == null ? List.<String>of() : keep) {
            safety.keep(k);
        }
        List<String> lost = safety.uncovered();
        if (lost.isEmpty()) {
            out().println("Every changed file is kept by sysupgrade.");
            return MainCommand.OK;
        }
        out().println("Changed files sysupgrade would NOT keep (add with --keep PATH):");
        lost.forEach(f -> out().println("  " + f));
        return MainCommand.BOARD_SAID_NO;
    }
}
