package r4rescue.procedure.flash;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import r4rescue.protocol.uboot.CommandResult;
import r4rescue.protocol.uboot.UBootException;
import r4rescue.protocol.uboot.UBootSession;

/** U-Boot commands of a flash, each announced as an event with its exact text and its result checked. */
final class BoardCommands {

    static final Duration SHORT = Duration.ofSeconds(15);
    static final Duration LONG = Duration.ofSeconds(180);
    private static final int MAX_SHOWN_LINES = 12;

    private final UBootSession session;
    private final Consumer<FlashEvent> events;

    BoardCommands(UBootSession session, Consumer<FlashEvent> events) {
        this.session = session;
        this.events = events;
    }

    UBootSession session() {
        return session;
    }

    /** Runs a command and returns its result, failed or not. */
    CommandResult run(FlashStep step, String command, Duration timeout) throws IOException {
        events.accept(FlashEvent.of(FlashEvent.Kind.COMMAND, step, command));
        return session.run(command, timeout);
    }

    /** Runs a command; if U-Boot reports an error (status or error text), throws with everything it printed. */
    CommandResult check(FlashStep step, String command, Duration timeout) throws IOException {
        CommandResult r = run(step, command, timeout);
        if (!r.ok()) {
            throw new UBootException("'" + command + "' failed. U-Boot said: " + shown(r), r);
        }
        return r;
    }

    /** U-Boot's crc32 of {@code len} bytes at {@code addr}. */
    long crc32(FlashStep step, long addr, long len) throws IOException {
        events.accept(FlashEvent.of(FlashEvent.Kind.COMMAND, step, "crc32 " + hex(addr) + " " + hex(len)));
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

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
