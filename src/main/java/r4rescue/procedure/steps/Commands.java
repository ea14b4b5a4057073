package r4rescue.procedure.steps;

import java.io.IOException;
import java.time.Duration;

import r4rescue.protocol.uboot.CommandResult;
import r4rescue.protocol.uboot.UBootSession;

/**
 * U-Boot commands sent on behalf of a procedure: each one shown to the user as sent, checked (an
 * error stops the procedure with U-Boot's words), and the cancel flag looked at before it.
 */
public final class Commands {

    private final UBootSession session;
    private final StepListener listener;
    private final Cancellation cancel;
    private String safeState = "Nothing was changed on the board.";

    public Commands(UBootSession session, StepListener listener, Cancellation cancel) {
        this.session = session;
        this.listener = listener;
        this.cancel = cancel;
    }

    public UBootSession session() {
        return session;
    }

    public StepListener listener() {
        return listener;
    }

    public Cancellation cancellation() {
        return cancel;
    }

    /** What the board is left as if the user cancels now (said when Cancel stops the work). */
    public void safeState(String s) {
        safeState = s;
    }

    public String safeState() {
        return safeState;
    }

    /** Runs a command and throws with U-Boot's words if it failed. */
    public CommandResult check(String command, Duration timeout) throws IOException {
        cancel.check(safeState);
        listener.command(command);
        return session.check(command, timeout);
    }

    public CommandResult check(String command) throws IOException {
        return check(command, Duration.ofSeconds(30));
    }

    /** Runs a command whose failure is an answer, not an error (e.g. {@code ubi check fip}). */
    public CommandResult run(String command) throws IOException {
        cancel.check(safeState);
        listener.command(command);
        return session.run(command, Duration.ofSeconds(30));
    }

    /** U-Boot's CRC-32 of RAM, the command shown. */
    public long crc32(long addr, long length) throws IOException {
        cancel.check(safeState);
        listener.command("crc32 " + hex(addr) + " " + hex(length));
        return session.crc32(addr, length);
    }

    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
