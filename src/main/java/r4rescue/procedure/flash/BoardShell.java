package r4rescue.procedure.flash;

import java.io.IOException;
import java.util.function.Consumer;

import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Progress;

/**
 * A root shell on the board (OpenWrt booted from SD, NAND or eMMC) as the shell flash needs it: run a command
 * and get its output and exit status; push a file that arrives verified by SHA-256 (chunked and
 * resumable over the console). The console shell driver of {@code r4rescue.protocol.shell} provides
 * both ({@code ShellDriver.run}, {@code ConsoleFileTransfer.upload}); tests script it.
 */
public interface BoardShell {

    /** What a command printed (stdout and stderr) and its exit status. */
    record Result(String output, int status) {
        public boolean ok() {
            return status == 0;
        }
    }

    /** Every command line exactly as sent, for the event log. */
    Result run(String command, long timeoutMs) throws IOException;

    /**
     * Puts {@code data} at {@code remotePath}; returns only once the board's SHA-256 of the whole file
     * equals the host's, else throws. Progress as bytes done of the total; stops between chunks
     * once the user asked to cancel.
     */
    void upload(byte[] data, String remotePath, Consumer<Progress> progress, Cancel cancel)
            throws IOException;
}
