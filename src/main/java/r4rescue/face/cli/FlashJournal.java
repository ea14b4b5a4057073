package r4rescue.face.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import r4rescue.AppDirs;
import r4rescue.console.Console;
import r4rescue.link.DeviceIdentity;
import r4rescue.link.Link;
import r4rescue.link.ReconnectingLink;
import r4rescue.link.SerialLink;
import r4rescue.procedure.core.Journal;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.flash.FlashImage;
import r4rescue.util.Hashes;
import r4rescue.util.Texts;

/** The journal a board command keeps of its procedure, in the user's state folder ({@code r4-rescue journal}). */
final class FlashJournal {

    private FlashJournal() {
    }

    static Path dir() {
        return AppDirs.forThisUser().journals();
    }

    /**
     * Starts the journal of {@code p}: the procedure's own fields plus the board (the adapter as it is
     * recognised again, the port, the baud, the board profile). A journal that cannot be started is a
     * warning on stderr; the procedure goes on without it.
     */
    static void start(Procedure p, String procedure, PrintWriter err, PortOptions port, Console console, Map<String, ?> fields) {
        Map<String, Object> h = new LinkedHashMap<>(fields);
        h.put("board", adapter(console.link(), port.port));
        h.put("port", port.port);
        h.put("baud", port.baud);
        h.put("boardProfile", port.board);
        try {
            p.journal(Journal.start(dir(), procedure, h));
        } catch (IOException e) {
            err.println("r4-rescue: " + Texts.t("cli.journal.not-kept", e.getMessage()));
            err.flush();
        }
    }

    /** "adapter /dev/serial/by-id/…" when the link is a USB adapter it can recognise, else the port. */
    static String adapter(Link link, String port) {
        Link l = link.unwrapped();
        DeviceIdentity id = l instanceof SerialLink s ? s.identity()
                : l instanceof ReconnectingLink r ? r.identity() : null;
        return id == null ? port : "adapter " + id.describe();
    }

    /** The file as the journal keeps it: where it is, its size and SHA-256 (what resume checks it has again). */
    static Map<String, Object> file(Path path, FlashImage image) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("path", path.toAbsolutePath().toString());
        f.put("name", image.name());
        try {
            f.put("size", Files.size(path));
            f.put("sha256", Hashes.sha256Hex(Files.readAllBytes(path)));
        } catch (IOException e) {
            f.put("sha256", "");
        }
        f.put("crc32", String.format("%08x", image.crc32()));
        return f;
    }
}
