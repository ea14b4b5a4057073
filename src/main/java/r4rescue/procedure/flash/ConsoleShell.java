package r4rescue.procedure.flash;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Progress;
import r4rescue.protocol.shell.ConsoleFileTransfer;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.shell.ShellResult;

/** {@link BoardShell} over the console: the shell driver runs commands, the console file transfer pushes files. */
public final class ConsoleShell implements BoardShell {

    private final ShellDriver shell;
    private final ConsoleFileTransfer transfer;

    public ConsoleShell(ShellDriver shell) {
        this.shell = shell;
        this.transfer = new ConsoleFileTransfer(shell);
    }

    @Override
    public Result run(String command, long timeoutMs) throws IOException {
        ShellResult r = shell.run(command, timeoutMs);
        return new Result(r.output(), r.exitStatus());
    }

    @Override
    public void upload(byte[] data, String remotePath, Consumer<Progress> progress, Cancel cancel) throws IOException {
        long t0 = System.currentTimeMillis();
        transfer.onProgress(p -> progress.accept(new Progress(FlashStep.LOAD.label(), p.done(), p.total(),
                System.currentTimeMillis() - t0, false)));
        try {
            transfer.upload(data, remotePath, cancel.token());
        } catch (CancellationException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
