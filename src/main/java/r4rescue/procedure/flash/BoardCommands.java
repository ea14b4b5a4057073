package r4rescue.procedure.flash;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.uboot.CommandResult;
import r4rescue.protocol.uboot.UBootException;
import r4rescue.protocol.uboot.UBootSession;

/**
 * U-Boot commands of a procedure (the flash, the SD card's menu install): each announced with its
 * exact text, its result checked, and the user's cancel honoured before it is sent (the procedure
 * decides whether stopping is safe there).
 */
public final class BoardCommands {

    public static final Duration SHORT = Duration.ofSeconds(15);
    public static final Duration LONG = Duration.ofSeconds(180);
    private static final int MAX_SHOWN_LINES = 12;

    private final UBootSession session;
    private final Procedure p;

    public BoardCommands(UBootSession session, Procedure p) {
        this.session = session;
        this.p = p;
    }

    /** Runs a command and returns its result, failed or not. */
    public CommandResult run(String command, Duration timeout) throws IOException, Stopped {
        p.checkpoint();
        return cleanup(command, timeout);
    }

    /**
     * Runs a checked command that changes the flash: the last safe point is before it, and the
     * board's state is said the moment it is sent (not earlier: a stop just before it leaves the
     * board as it was, and the state must say so).
     */
    CommandResult destructive(String command, Duration timeout, BoardState changing) throws IOException, Stopped {
        p.checkpoint();
        p.state(changing);
        return checked(command, cleanup(command, timeout));
    }

    /** Runs a command that must run even after an abort (putting the eMMC back to its user area). */
    CommandResult cleanup(String command, Duration timeout) throws IOException {
        p.command(command);
        return session.run(command, timeout);
    }

    /** Runs a command; if U-Boot reports an error (status or error text), throws with everything it printed. */
    public CommandResult check(String command, Duration timeout) throws IOException, Stopped {
        return checked(command, run(command, timeout));
    }

    static CommandResult checked(String command, CommandResult r) throws UBootException {
        if (!r.ok()) {
            throw new UBootException("'" + command + "' failed. U-Boot said: " + shown(r), r);
        }
        return r;
    }

    /** U-Boot's crc32 of {@code len} bytes at {@code addr}. */
    public long crc32(long addr, long len) throws IOException, Stopped {
        p.checkpoint();
        p.command("crc32 " + hex(addr) + " " + hex(len));
        return session.crc32(addr, len);
    }

    /** The command's output, at most a dozen lines, or its exit status when it printed nothing. */
    static String shown(CommandResult r) {
        List<String> lines = r.lines().stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "nothing (exit status " + r.status() + ")";
        }
        List<String> cut = lines.size() > MAX_SHOWN_LINES ? lines.subList(lines.size() - MAX_SHOWN_LINES, lines.size()) : lines;
        return String.join(" | ", cut);
    }

    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
