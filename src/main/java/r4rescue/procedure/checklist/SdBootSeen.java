package r4rescue.procedure.checklist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import r4rescue.console.bootlog.BootEvent;
import r4rescue.console.bootlog.BootLogObserver;
import r4rescue.console.bootlog.Stage;

/**
 * An SD-card boot this program saw, read back from its own session logs ({@code *.log}, one
 * "yyyy-MM-dd HH:mm:ss.SSS  line" per line): BL2 named the SD card as its boot device and the card's
 * U-Boot then printed its banner. The card's image is told by BL2's and U-Boot's version lines.
 */
public final class SdBootSeen {

    /** When it was seen, BL2's and U-Boot's words, and the session log that holds them. */
    public record SdBoot(String when, String bl2, String uboot, Path log) {
    }

    /** "2026-12-03 16:03:53.123  " before each line of a session log. */
    private static final int STAMP = "yyyy-MM-dd HH:mm:ss.SSS  ".length();
    /** The newest session logs only: a long bench history need not be read at every checklist. */
    private static final int NEWEST = 100;

    private SdBootSeen() {
    }

    /** The newest SD boot in the session logs under {@code logs}; {@code sdDevice}: the words BL2 uses for the card. */
    public static Optional<SdBoot> newest(Path logs, String sdDevice) throws IOException {
        if (logs == null || !Files.isDirectory(logs)) {
            return Optional.empty();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(logs)) {
            // names start with the session's start time (SessionLog), so the name's order is the time's
            files = s.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .sorted((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString())).limit(NEWEST).toList();
        }
        for (Path f : files) {
            Optional<SdBoot> b = newestIn(f, sdDevice);
            if (b.isPresent()) {
                return b;
            }
        }
        return Optional.empty();
    }

    static Optional<SdBoot> newestIn(Path log, String sdDevice) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        BootLogObserver o = new BootLogObserver();
        // one boot at a time: what BL2 named, its version line, the time; U-Boot's banner completes it
        String[] boot = new String[3];
        SdBoot[] found = new SdBoot[1];
        String[] stamp = new String[1];
        o.addListener(e -> {
            if (e.kind() == BootEvent.Kind.POWER_ON) {
                boot[0] = boot[1] = boot[2] = null;
            } else if (e.kind() == BootEvent.Kind.BOOT_DEVICE && e.stage() == Stage.BL2) {
                boot[0] = e.value();
                boot[2] = stamp[0];
            } else if (e.kind() == BootEvent.Kind.VERSION && e.stage() == Stage.BL2) {
                boot[1] = e.text().strip();
            } else if (e.kind() == BootEvent.Kind.VERSION && e.stage() == Stage.UBOOT && sdDevice.equals(boot[0])) {
                found[0] = new SdBoot(boot[2], boot[1] == null ? "" : boot[1], e.text().strip(), log);
            }
        });
        for (String l : lines) {
            boolean stamped = l.length() >= STAMP && l.charAt(4) == '-' && l.startsWith("  ", STAMP - 2);
            stamp[0] = stamped ? l.substring(0, STAMP - 2) : stamp[0];
            o.accept(stamped ? l.substring(STAMP) : l, 0);
        }
        return Optional.ofNullable(found[0]);
    }
}
