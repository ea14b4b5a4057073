package r4rescue.procedure.unbrick;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.board.BoardProfile;
import r4rescue.console.Tap;
import r4rescue.console.bootlog.Anchor;
import r4rescue.console.bootlog.BootLogData;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.flash.BoardCommands;
import r4rescue.protocol.uboot.BootMenuDriver;
import r4rescue.protocol.uboot.UBootErrors;
import r4rescue.protocol.uboot.UBootException;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * The fastest sound repair from OpenWrt's SD card: its own U-Boot menu entry "Install bootloader,
 * recovery and production to NAND." (found by its text in the rendered menu, chosen by its key),
 * then a check of what was written: every BL2 copy in the NAND and the {@code fip} volume read
 * back and their CRC-32 compared with the card's install copies (and with the host's image file
 * when the user picked it).
 */
public final class MenuInstall {

    /** One comparison: {@code what}, the CRC it must have and the CRC found. */
    public record Check(Message name, long expected, long actual) {
        public boolean ok() {
            return expected == actual;
        }

        /** What was compared, in the user's language. */
        public String what() {
            return name.text();
        }

        /** What was compared, in English, for {@code --json} and transcripts. */
        public String english() {
            return name.english();
        }

        public static Check of(Message name, long expected, long actual) {
            return new Check(name, expected, actual);
        }

        /** E.g. "FIP on the card = FIP in the image file: 2798e665 ≠ cb9a0830". */
        public Message message() {
            return Message.of("proc.menu.check", name, String.format("%08x", actual), ok() ? "=" : "≠",
                    String.format("%08x", expected));
        }

        @Override
        public String toString() {
            return message().text();
        }

        /** The comparisons, one message, so that JSON gets them in English. */
        public static Message all(List<Check> checks) {
            Message m = checks.get(0).message();
            for (Check c : checks.subList(1, checks.size())) {
                m = Message.of("proc.menu.checkAnd", m, c.message());
            }
            return m;
        }
    }

    private static final long INSTALL_TIMEOUT_MS = 20 * 60_000L;
    private static final long REPORT_MS = 200;

    private static final BoardState INSTALLED = BoardState.damaged(Message.of("proc.menu.theCardSInstall"));
    private static final Message NOTHING_WRITTEN = Message.of("proc.menu.nothingWasWrittenThe");
    private static final Pattern UBI_SIZE = Pattern.compile("Using max size \\((\\d+)\\)"); // i18n-exempt: board output

    private static final Message STILL_RUNNING = Message.of("proc.menu.theCardSU");

    private final BoardProfile data;
    /** U-Boot's askenv prompt at the end of the menu entry: the entry ended (the install script prints no closing line). */
    private final String entryEnd;
    /** The entry's own words when it finds no NAND (it then writes nothing). */
    private final String notDetected;
    /** RAM for card reads (the load address) and, 64 MiB above it, for the NAND's read-back. */
    private final long ram;
    private final long ram2;
    /** The Boot ROM's first words after power-on (stages.json): the board restarted, so no install is running. */
    private final List<String> powerOn = BootLogData.standard().anchors().stream()
            .filter(a -> a.kind() == Anchor.Kind.POWER_ON).map(Anchor::contains).toList();
    /** True while an install this object started may still be running on the board (its watching was cancelled). */
    private volatile boolean leftRunning;
    /** Where the card keeps what its menu installs, and how much of it is compared. */
    private final BoardProfile.Layout sd;
    private final BoardProfile.Layout snand;
    private final long bl2Size;
    private final long fipSize;

    public MenuInstall(BoardProfile board) {
        data = board;
        entryEnd = board.text("menuReturn");
        notDetected = board.text("nandNotDetected");
        ram = board.loadAddress();
        ram2 = ram + 0x0400_0000L;
        sd = board.layout("openwrt-sd");
        snand = board.layout("openwrt-snand");
        bl2Size = snand.part("bl2").size() / snand.bl2Copies().size();
        fipSize = snand.ubiVolumes().stream().filter(v -> v.name().equals("fip")).findFirst().orElseThrow().size();
    }

    /** The menu entry's text, from the board data (the SD card's menu). */
    public String entryTitle() {
        return data.menu("openwrt-SD").entries().stream()
                .filter(e -> e.startsWith("Install") && e.contains("NAND")).findFirst().orElseThrow();
    }

    /**
     * Drives the menu entry and waits for it to finish; the session must sit at the prompt of
     * the SD card's U-Boot. Before the menu key is pressed, the card's NAND BL2 and FIP are read
     * and compared with the image file's ({@code hostBl2Crc}/{@code hostFipCrc}, -1 when no file
     * was checked): a difference stops here, with nothing erased. Stops with U-Boot's words if
     * the install did not complete. Cancel while U-Boot installs: the watching goes on to the end
     * (U-Boot's script cannot be stopped from here); a second Cancel leaves it running.
     */
    public String install(UBootSession s, Procedure p, long hostBl2Crc, long hostFipCrc) throws Stopped {
        String title = entryTitle();
        BootMenuDriver menu = new BootMenuDriver(s);
        if (leftRunning) {
            // A cancelled install goes on by itself; its rest is still in the tap.
            p.state(BoardState.damaged(STILL_RUNNING));
            String rest = p.step(Message.of("proc.menu.waitForTheCard"), Texts.t("proc.menu.waitingForTheInstall"),
                    () -> finishInstall(menu, watchInstall(s, p)));
            if (!rest.contains(notDetected) && UBootErrors.standard().errorLines(rest).isEmpty()) {
                p.state(INSTALLED);
                return rest;
            }
        }
        p.state(BoardState.untouched(NOTHING_WRITTEN));
        p.step(Message.of("proc.menu.compareTheCardWith"), Texts.t("proc.menu.readingTheCardS"), () -> {
            compareCardWithImage(new BoardCommands(s, p), p, hostBl2Crc, hostFipCrc);
            return null;
        });
        String text = p.step(Message.of("proc.menu.installFromTheCard"), Texts.t("proc.menu.installingFromTheCard"), () -> {
            p.command(BootMenuDriver.openCommand());
            String key;
            try {
                key = menu.open(title);
            } catch (UBootException e) {
                throw new UBootException(Texts.t("proc.menu.itIsNotOpenWrt", e.getMessage()));
            }
            p.command(key + "    (menu key of \"" + title + "\")");
            p.state(BoardState.damaged(STILL_RUNNING));
            leftRunning = true;
            menu.press(key);
            return finishInstall(menu, watchInstall(s, p));
        });
        // The entry prints no line of success: it ended, and unless it said why not, the read-back decides.
        if (text.contains(notDetected)) {
            p.state(BoardState.untouched(NOTHING_WRITTEN));
            throw p.failed(Texts.t("nandmenu.notDetected", notDetected), null);
        }
        List<String> errors = UBootErrors.standard().errorLines(text);
        if (!errors.isEmpty()) {
            throw p.failed(Texts.t("nandmenu.installErrors", String.join("; ", errors)), null);
        }
        p.state(INSTALLED);
        return text;
    }

    /**
     * Reads the install's output until U-Boot asks for ENTER, reporting progress worked out from
     * it. A safe point only once the install ended: while it runs, the board's state is not one to stop at.
     */
    private String watchInstall(UBootSession s, Procedure p) throws IOException, Stopped {
        Tap tap = s.tap();
        long started = System.currentTimeMillis();
        InstallProgress progress = new InstallProgress(data, started);
        StringBuilder out = new StringBuilder();
        byte[] buf = new byte[4096];
        long reported = 0;
        while (true) {
            p.checkpoint();
            if (System.currentTimeMillis() - started > INSTALL_TIMEOUT_MS) {
                throw new UBootException(Texts.t("proc.menu.theInstallDidNot", INSTALL_TIMEOUT_MS / 60_000));
            }
            int n = tap.read(buf, 0, buf.length, 250);
            long now = System.currentTimeMillis();
            if (n > 0) {
                String chunk = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                int from = Math.max(0, out.length() - 64);
                out.append(chunk);
                progress.feed(chunk, now);
                if (powerOn.stream().anyMatch(t -> out.indexOf(t, from) >= 0)) {
                    leftRunning = false;
                    throw new UBootException(Texts.t("proc.menu.theBoardRestartedBefore"));
                }
                if (out.indexOf(entryEnd, from) >= 0) {
                    p.progress(progress.figures(now));
                    return BootMenuDriver.screenText(out.toString());
                }
            }
            if (now - reported >= REPORT_MS) {
                p.progress(progress.figures(now));
                reported = now;
            }
        }
    }

    /** Answers U-Boot's "Press ENTER to return to menu" and leaves the menu for the prompt; returns {@code text}. */
    private String finishInstall(BootMenuDriver menu, String text) throws IOException {
        leftRunning = false;
        menu.returnToPrompt();
        return text;
    }

    /**
     * Reads the card's NAND BL2 and FIP (its {@code install} partition, what the menu entry will
     * write) and compares them with the image file's; throws, before anything is erased, if one
     * differs. Without an image file there is nothing to compare with here: it says so.
     */
    private void compareCardWithImage(BoardCommands c, Procedure p, long hostBl2Crc, long hostFipCrc) throws IOException, Stopped {
        if (hostBl2Crc < 0 && hostFipCrc < 0) {
            p.info(Texts.t("proc.menu.noImageFileWas"));
            return;
        }
        p.info(Texts.t("proc.menu.beforeAnythingIsErased"));
        List<Check> bad = readCard(c).against(hostBl2Crc, hostFipCrc).stream().filter(k -> !k.ok()).toList();
        if (!bad.isEmpty()) {
            throw p.failed(Message.of("proc.menu.cardNotFromFile", Check.all(bad)),
                    null);
        }
        p.info(Texts.t("proc.menu.theCardSBL2"));
    }

    /** The CRC-32s of the card's NAND BL2 and FIP, as U-Boot read them. */
    private record Card(long bl2, long fip) {
        /** A check against the image file's CRC for each one known (-1: no file). */
        List<Check> against(long hostBl2Crc, long hostFipCrc) {
            List<Check> checks = new ArrayList<>();
            if (hostBl2Crc >= 0) {
                checks.add(new Check(Message.of("proc.menu.bl2OnTheCard"), hostBl2Crc, bl2));
            }
            if (hostFipCrc >= 0) {
                checks.add(new Check(Message.of("proc.menu.fipOnTheCard"), hostFipCrc, fip));
            }
            return checks;
        }
    }

    private Card readCard(BoardCommands c) throws IOException, Stopped {
        return new Card(readCard(c, "snandBl2", bl2Size), readCard(c, "snandFip", fipSize));
    }

    /** CRC-32 of {@code size} bytes of the card's install partition at the board data's {@code key}, read into cleared RAM. */
    private long readCard(BoardCommands c, String key, long size) throws IOException, Stopped {
        long at = sd.part("install").offset() + sd.install().get(key).asLong();
        clearRam(c, ram, size);
        c.check("mmc read " + hex(ram) + " " + hex(at / 512) + " " + hex(size / 512), BoardCommands.SHORT);
        return c.crc32(ram, size);
    }

    /** Zeroes RAM before a read that a CRC is taken over, so a read that silently did nothing cannot pass with old bytes. */
    private static void clearRam(BoardCommands c, long addr, long size) throws IOException, Stopped {
        c.check("mw " + hex(addr) + " 0x0 " + hex((size + 3) / 4), BoardCommands.SHORT);
    }

    /**
     * Reads back what the install wrote and compares: each BL2 copy with the card's NAND BL2, the
     * {@code fip} volume (the bytes it holds, as U-Boot counts them) with the card's NAND FIP, and
     * the card's copies with the host's image file ({@code hostBl2Crc}/{@code hostFipCrc}, -1 when
     * no file was checked).
     */
    public List<Check> verify(UBootSession s, Procedure p, long hostBl2Crc, long hostFipCrc) throws Stopped {
        return p.step(Message.of("proc.menu.readBackAndCompare"), Texts.t("proc.menu.readingBackWhatThe"), () -> {
            BoardCommands c = new BoardCommands(s, p);
            Card card = readCard(c);
            List<Check> checks = new ArrayList<>(card.against(hostBl2Crc, hostFipCrc));
            for (long off : snand.bl2Copies()) {
                clearRam(c, ram2, bl2Size);
                c.check("mtd read bl2 " + hex(ram2) + " " + hex(off) + " " + hex(bl2Size), BoardCommands.LONG);
                checks.add(new Check(Message.of("proc.menu.nandBL2CopyAt", hex(off)), card.bl2(), c.crc32(ram2, bl2Size)));
            }
            c.check("ubi part ubi", BoardCommands.LONG);
            clearRam(c, ram2, fipSize);
            // Without a size, U-Boot reads what the static volume holds and says how much: that many bytes are compared.
            String read = c.check("ubi read " + hex(ram2) + " fip", BoardCommands.LONG).output();
            Matcher m = UBI_SIZE.matcher(read);
            if (!m.find()) {
                throw new UBootException(Texts.t("proc.menu.ubiReadDidNot", read.strip()));
            }
            checks.add(new Check(Message.of("proc.menu.nandFipVolume", m.group(1)), card.fip(), c.crc32(ram2, Long.parseLong(m.group(1)))));
            if (checks.stream().allMatch(Check::ok)) {
                p.state(BoardState.verified(Message.of(hostBl2Crc >= 0 ? "proc.menu.nandEqualsCardAndFile" : "proc.menu.nandEqualsCard")));
            }
            return checks;
        });
    }

    private static String hex(long v) {
        return BoardCommands.hex(v);
    }
}
