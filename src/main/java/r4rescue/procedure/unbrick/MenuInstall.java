package r4rescue.procedure.unbrick;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

import r4rescue.board.BoardProfile;
import r4rescue.console.Tap;
import r4rescue.console.bootlog.Anchor;
import r4rescue.console.bootlog.BootLogData;
import r4rescue.procedure.steps.Commands;
import r4rescue.protocol.uboot.UBootErrors;
import r4rescue.protocol.uboot.UBootException;

/**
 * The fastest sound repair from OpenWrt's SD card: its own U-Boot menu entry "Install bootloader,
 * recovery and production to NAND." (found by its text in the rendered menu, chosen by its key),
 * then a check of what was written: every BL2 copy in the NAND and the {@code fip} volume read
 * back and their CRC-32 compared with the card's install copies (and with the host's image file
 * when the user picked it).
 */
public final class MenuInstall {

    /** One comparison: {@code what}, the CRC it must have and the CRC found. */
    public record Check(String what, long expected, long actual) {
        public boolean ok() {
            return expected == actual;
        }

        @Override
        public String toString() {
            return String.format("%s: %08x %s %08x", what, actual, ok() ? "=" : "≠", expected);
        }
    }

    private static final Pattern DONE = Pattern.compile("Press ENTER to return to menu");
    private static final long INSTALL_TIMEOUT_MS = 20 * 60_000L;
    private static final long REPORT_MS = 200;

    private static final String NOTHING_WRITTEN = "Nothing was written: the board waits at the SD card's U-Boot prompt.";
    private static final Pattern UBI_SIZE = Pattern.compile("Using max size \\((\\d+)\\)");

    private static final String STILL_RUNNING = "Cancelled while the card's U-Boot was installing. U-Boot cannot be stopped "
            + "mid-write, so the board carries on by itself until its console shows \"Press ENTER to return to menu\"; until then "
            + "the NAND may hold a partial bootloader. Nothing is lost: the SD card still boots. Run this step again to wait for "
            + "the end and verify, or power-cycle and start again from \"Power on from the SD card\".";

    private final BoardProfile data;
    /** The line the SD card's install script ends with. */
    private final String completed;
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
        completed = board.text("menuInstallDone");
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
     * was checked): a difference stops here, with nothing erased. Throws with U-Boot's words if
     * the install did not complete.
     */
    public String install(Commands c, long hostBl2Crc, long hostFipCrc) throws IOException {
        String title = entryTitle();
        Tap tap = c.session().tap();
        if (leftRunning) {
            // A cancelled install goes on by itself; its rest is still in the tap.
            c.safeState(STILL_RUNNING);
            c.listener().say("Waiting for the install U-Boot was still running when you cancelled to end…");
            String rest = watchInstall(c, tap);
            finishInstall(c);
            if (rest.contains(completed)) {
                return rest;
            }
        }
        c.safeState(NOTHING_WRITTEN);
        compareCardWithImage(c, hostBl2Crc, hostFipCrc);
        c.cancellation().check(c.safeState());
        c.listener().command("bootmenu -1");
        tap.drain();
        c.session().console().send("bootmenu -1\r");
        Tap.Match menu = tap.readUntil(BootMenuScreen.FOOTER, 15_000);
        if (menu == null) {
            throw new UBootException("The boot menu did not appear after 'bootmenu -1'.");
        }
        BootMenuScreen screen = BootMenuScreen.parse(menu.text());
        String key = screen.keyOf(title);
        if (key == null) {
            leaveMenu(c);
            throw new UBootException("This card's menu has no entry '" + title + "' (it lists: "
                    + String.join(", ", screen.entries().values()) + "). It is not OpenWrt's SD image: pick BL2 and FIP files instead.");
        }
        c.listener().command(key + "    (menu key of \"" + title + "\")");
        c.listener().say("Installing from the card to the NAND: U-Boot erases and writes BL2, FIP, recovery and production. "
                + "Do not switch off. Time left is estimated from the sizes U-Boot prints.");
        c.safeState(STILL_RUNNING);
        leftRunning = true;
        c.session().console().send(key);
        String text = watchInstall(c, tap);
        finishInstall(c);
        if (!text.contains(completed)) {
            List<String> errors = UBootErrors.standard().errorLines(text);
            throw new UBootException("The card's install stopped"
                    + (errors.isEmpty() ? " without saying why" : ": " + String.join("; ", errors))
                    + ". The NAND may hold a partial bootloader; the SD card still boots, so this can be tried again.");
        }
        return text;
    }

    /**
     * Reads the install's output until U-Boot asks for ENTER, reporting progress worked out from
     * it; Cancel stops the watching (U-Boot's script cannot be stopped from here).
     */
    private String watchInstall(Commands c, Tap tap) throws IOException {
        long started = System.currentTimeMillis();
        InstallProgress progress = new InstallProgress(data, started);
        StringBuilder out = new StringBuilder();
        byte[] buf = new byte[4096];
        long reported = 0;
        while (true) {
            c.cancellation().check(c.safeState());
            if (System.currentTimeMillis() - started > INSTALL_TIMEOUT_MS) {
                throw new UBootException("The install did not finish within " + INSTALL_TIMEOUT_MS / 60_000 + " minutes.");
            }
            int n = tap.read(buf, 0, buf.length, 250);
            long now = System.currentTimeMillis();
            if (n > 0) {
                String chunk = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                int from = Math.max(0, out.length() - 64);
                out.append(chunk);
                progress.feed(chunk, now);
                if (powerOn.stream().anyMatch(p -> out.indexOf(p, from) >= 0)) {
                    leftRunning = false;
                    throw new UBootException("The board restarted before the install ended, so the NAND may hold a partial "
                            + "bootloader. Nothing is lost: the SD card still boots. Start again from \"Power on from the SD card\".");
                }
                if (DONE.matcher(out).find(from)) {
                    c.listener().progress(progress.figures(now));
                    return BootMenuScreen.clean(out.toString());
                }
            }
            if (now - reported >= REPORT_MS) {
                c.listener().progress(progress.figures(now));
                reported = now;
            }
        }
    }

    /** Answers U-Boot's "Press ENTER to return to menu" and leaves the menu for the prompt. */
    private void finishInstall(Commands c) throws IOException {
        leftRunning = false;
        c.session().console().send("\r");
        leaveMenu(c);
    }

    /** Leaves the menu for the prompt (Ctrl-C quits U-Boot's bootmenu) and makes sure the prompt answers. */
    private void leaveMenu(Commands c) throws IOException {
        c.session().tap().readUntil(BootMenuScreen.FOOTER, 5_000);
        c.session().console().send(new byte[] {3});
        c.session().tap().readUntil(Pattern.compile(Pattern.quote(c.session().prompt())), 3_000);
        c.session().run("true");
    }

    /**
     * Reads the card's NAND BL2 and FIP (its {@code install} partition, what the menu entry will
     * write) and compares them with the image file's; throws, before anything is erased, if one
     * differs. Without an image file there is nothing to compare with here: it says so.
     */
    private void compareCardWithImage(Commands c, long hostBl2Crc, long hostFipCrc) throws IOException {
        if (hostBl2Crc < 0 && hostFipCrc < 0) {
            c.listener().say("No image file was checked, so the card's bootloaders cannot be compared before the install; "
                    + "they are compared with what lands in the NAND afterwards.");
            return;
        }
        c.listener().say("Before anything is erased: reading the card's NAND bootloaders and comparing them with the image file…");
        List<Check> bad = readCard(c).against(hostBl2Crc, hostFipCrc).stream().filter(k -> !k.ok()).toList();
        if (!bad.isEmpty()) {
            throw new UBootException("The SD card does not hold the bootloaders of the image file you checked ("
                    + bad.stream().map(Check::toString).collect(Collectors.joining("; "))
                    + "). The menu key was not pressed: nothing was erased and the NAND is as it was. "
                    + "Write the card again from that image file (or check the file you picked), then start again.");
        }
        c.listener().say("The card's BL2 and FIP match the image file.");
    }

    /** The CRC-32s of the card's NAND BL2 and FIP, as U-Boot read them. */
    private record Card(long bl2, long fip) {
        /** A check against the image file's CRC for each one known (-1: no file). */
        List<Check> against(long hostBl2Crc, long hostFipCrc) {
            List<Check> checks = new ArrayList<>();
            if (hostBl2Crc >= 0) {
                checks.add(new Check("BL2 on the card = BL2 in the image file", hostBl2Crc, bl2));
            }
            if (hostFipCrc >= 0) {
                checks.add(new Check("FIP on the card = FIP in the image file", hostFipCrc, fip));
            }
            return checks;
        }
    }

    private Card readCard(Commands c) throws IOException {
        return new Card(readCard(c, "snandBl2", bl2Size), readCard(c, "snandFip", fipSize));
    }

    /** CRC-32 of {@code size} bytes of the card's install partition at the board data's {@code key}, read into cleared RAM. */
    private long readCard(Commands c, String key, long size) throws IOException {
        long at = sd.part("install").offset() + sd.install().get(key).asLong();
        clearRam(c, ram, size);
        c.check("mmc read " + Commands.hex(ram) + " " + Commands.hex(at / 512) + " " + Commands.hex(size / 512));
        return c.crc32(ram, size);
    }

    /** Zeroes RAM before a read that a CRC is taken over, so a read that silently did nothing cannot pass with old bytes. */
    private static void clearRam(Commands c, long addr, long size) throws IOException {
        c.check("mw " + Commands.hex(addr) + " 0x0 " + Commands.hex((size + 3) / 4));
    }

    /**
     * Reads back what the install wrote and compares: each BL2 copy with the card's NAND BL2, the
     * {@code fip} volume (the bytes it holds, as U-Boot counts them) with the card's NAND FIP, and
     * the card's copies with the host's image file ({@code hostBl2Crc}/{@code hostFipCrc}, -1 when
     * no file was checked).
     */
    public List<Check> verify(Commands c, long hostBl2Crc, long hostFipCrc) throws IOException {
        c.safeState("The install finished; only reading back, nothing is written.");
        Card card = readCard(c);
        List<Check> checks = new ArrayList<>(card.against(hostBl2Crc, hostFipCrc));
        for (long off : snand.bl2Copies()) {
            clearRam(c, ram2, bl2Size);
            c.check("mtd read bl2 " + Commands.hex(ram2) + " " + Commands.hex(off) + " " + Commands.hex(bl2Size));
            checks.add(new Check("NAND BL2 copy at " + Commands.hex(off), card.bl2(), c.crc32(ram2, bl2Size)));
        }
        c.check("ubi part ubi");
        clearRam(c, ram2, fipSize);
        // Without a size, U-Boot reads what the static volume holds and says how much: that many bytes are compared.
        String read = c.check("ubi read " + Commands.hex(ram2) + " fip").output();
        Matcher m = UBI_SIZE.matcher(read);
        if (!m.find()) {
            throw new UBootException("'ubi read' did not say how many bytes the fip volume holds: " + read.strip());
        }
        checks.add(new Check("NAND fip volume (" + m.group(1) + " bytes)", card.fip(), c.crc32(ram2, Long.parseLong(m.group(1)))));
        return checks;
    }
}
