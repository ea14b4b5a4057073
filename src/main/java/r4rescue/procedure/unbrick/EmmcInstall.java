package r4rescue.procedure.unbrick;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.console.Tap;
import r4rescue.console.bootlog.Anchor;
import r4rescue.console.bootlog.BootLogData;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.flash.BoardCommands;
import r4rescue.procedure.flash.FlashLayouts;
import r4rescue.procedure.flash.Role;
import r4rescue.protocol.uboot.BootMenuDriver;
import r4rescue.protocol.uboot.CommandResult;
import r4rescue.protocol.uboot.Partconf;
import r4rescue.protocol.uboot.UBootErrors;
import r4rescue.protocol.uboot.UBootException;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * The NAND's own U-Boot menu entry "Install bootloader, recovery and production to eMMC." (OpenWrt's
 * SD-card menu has none: booted from SD, mmc0 is the card), driven like the card's NAND install, then
 * checked: the eMMC's boot0 BL2, its {@code fip} partition and its GPT read back and their CRC-32
 * compared with the NAND's {@code emmc_install} volume they were copied from (and with the SD image
 * file's, when one was checked), and PARTITION_CONFIG made to boot from boot0 (BOOT_PARTITION_ENABLE
 * 0 makes the Boot ROM print "System halt!"). The entry's script prints no line of its own when it
 * succeeds, so the read-back is what says it worked.
 */
public final class EmmcInstall {

    /** The eMMC's bootloaders as the SD image file carries them (CRC-32 each, -1: unknown). */
    public record Host(long bl2, long fip, long gpt) {
        public static final Host NONE = new Host(-1, -1, -1);
    }

    private static final Pattern DONE = Pattern.compile("Press ENTER to return to menu"); // i18n-exempt: U-Boot's askenv prompt
    private static final long INSTALL_TIMEOUT_MS = 20 * 60_000L;
    private static final long SECTOR = 512;

    private final BoardProfile data;
    private final String notDetected;
    /** The NAND volume the entry copies from, and where in it BL2, FIP and GPT are. */
    private final String volume;
    private final long volumeSize;
    private final JsonNode bundle;
    private final long bl2Size;
    private final long fipOffset;
    private final long fipSize;
    private final long gptSize;
    /** {@code mmc partconf} arguments that boot from boot0 with the user area selected, as emmc_write_bl2 leaves it. */
    private final String partconfBoot0;
    private final long ram;
    private final long ram2;
    private final List<String> powerOn = BootLogData.standard().anchors().stream()
            .filter(a -> a.kind() == Anchor.Kind.POWER_ON).map(Anchor::contains).toList();

    public EmmcInstall(BoardProfile board) {
        data = board;
        notDetected = board.text("emmcNotDetected");
        BoardProfile.Layout snand = board.layout("openwrt-snand");
        bundle = snand.install();
        volume = bundle.get("volume").asText();
        volumeSize = snand.ubiVolumes().stream().filter(v -> v.name().equals(volume)).findFirst().orElseThrow().size();
        BoardProfile.Layout emmc = board.layout("openwrt-emmc");
        FlashLayouts.Placement bl2 = FlashLayouts.of(board).on(Medium.EMMC).get(0).place(Role.BL2);
        bl2Size = bl2.blocks() * SECTOR;
        partconfBoot0 = bl2.partconfUser();
        fipOffset = emmc.part("fip").offset();
        fipSize = emmc.part("fip").size();
        gptSize = emmc.install().get("gptSize").asLong();
        ram = board.loadAddress();
        ram2 = ram + 0x0400_0000L;
    }

    /** The menu entry's text, from the board data (the SPI-NAND menu). */
    public String entryTitle() {
        return data.menu("openwrt-SNAND").entries().stream()
                .filter(e -> e.startsWith("Install") && e.contains("eMMC")).findFirst().orElseThrow();
    }

    /**
     * Drives the entry from the NAND's U-Boot prompt and waits for its end. First, with nothing written, the eMMC
     * must answer {@code mmc partconf 0} and the NAND must hold the install volume. U-Boot's script cannot be stopped
     * mid-write, so the watching goes on to its end (or 20 minutes). Stops with U-Boot's words if it reported errors.
     */
    public String install(UBootSession s, Procedure p) throws Stopped {
        p.state(BoardState.untouched(Texts.t("emmc.state.untouched")));
        p.step(Texts.t("emmc.step.precheck"), Texts.t("emmc.step.precheck.msg", volume), () -> {
            BoardCommands c = new BoardCommands(s, p);
            CommandResult conf = c.run("mmc partconf 0", BoardCommands.SHORT);
            if (Partconf.parse(conf.output()).isEmpty()) {
                throw new UBootException(Texts.t("emmc.noEmmc", conf.output().strip()));
            }
            c.check("ubi part ubi", BoardCommands.LONG);
            if (!c.run("ubi check " + volume, BoardCommands.SHORT).ok()) {
                throw new UBootException(Texts.t("emmc.noBundle", volume));
            }
            return null;
        });
        String title = entryTitle();
        String text = p.step(Texts.t("emmc.step.install"), Texts.t("emmc.step.install.msg"), () -> {
            BootMenuDriver menu = new BootMenuDriver(s);
            p.command(BootMenuDriver.openCommand());
            String key = menu.open(title);
            p.command(Texts.t("emmc.menuKey", key, title));
            p.state(BoardState.partlyChanged(Texts.t("emmc.state.writing")));
            menu.press(key);
            String out = watch(s);
            menu.returnToPrompt();
            return out;
        });
        if (text.contains(notDetected)) {
            throw p.failed(Texts.t("emmc.notDetected", notDetected), null);
        }
        List<String> errors = UBootErrors.standard().errorLines(text);
        if (!errors.isEmpty()) {
            throw p.failed(Texts.t("emmc.installErrors", String.join("; ", errors)), null);
        }
        return text;
    }

    /** What the entry prints, up to U-Boot's "Press ENTER to return to menu"; a restart or the time limit throws. */
    private String watch(UBootSession s) throws IOException {
        Tap tap = s.tap();
        long started = System.currentTimeMillis();
        StringBuilder out = new StringBuilder();
        byte[] buf = new byte[4096];
        while (System.currentTimeMillis() - started < INSTALL_TIMEOUT_MS) {
            int n = tap.read(buf, 0, buf.length, 250);
            if (n <= 0) {
                continue;
            }
            int from = Math.max(0, out.length() - 64);
            out.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            if (powerOn.stream().anyMatch(t -> out.indexOf(t, from) >= 0)) {
                throw new UBootException(Texts.t("emmc.restarted"));
            }
            if (DONE.matcher(out).find(from)) {
                return BootMenuDriver.screenText(out.toString());
            }
        }
        throw new UBootException(Texts.t("emmc.timeout", Long.toString(INSTALL_TIMEOUT_MS / 60_000)));
    }

    /**
     * Reads back what the entry wrote and compares CRC-32s: boot0's BL2, the {@code fip} partition and the GPT with
     * the NAND's install volume, and that volume with the image file's (when {@code host} knows them).
     */
    public List<MenuInstall.Check> verify(UBootSession s, Procedure p, Host host) throws Stopped {
        return p.step(Texts.t("emmc.step.verify"), Texts.t("emmc.step.verify.msg", volume), () -> {
            BoardCommands c = new BoardCommands(s, p);
            c.check("ubi part ubi", BoardCommands.LONG);
            clear(c, ram, volumeSize);
            c.check("ubi read " + hex(ram) + " " + volume, BoardCommands.LONG);
            long bl2 = c.crc32(ram + bundle.get("emmcBl2").asLong(), bl2Size);
            long fip = c.crc32(ram + bundle.get("emmcFip").asLong(), fipSize);
            long gpt = c.crc32(ram + bundle.get("emmcGpt").asLong(), gptSize);
            List<MenuInstall.Check> checks = new ArrayList<>();
            if (host.bl2() >= 0) {
                checks.add(MenuInstall.Check.of(Message.of("emmc.check.hostBl2", volume), host.bl2(), bl2));
                checks.add(MenuInstall.Check.of(Message.of("emmc.check.hostFip", volume), host.fip(), fip));
                checks.add(MenuInstall.Check.of(Message.of("emmc.check.hostGpt", volume), host.gpt(), gpt));
            }
            checks.add(MenuInstall.Check.of(Message.of("emmc.check.bl2"), bl2, readBoot0(c, s, p)));
            checks.add(MenuInstall.Check.of(Message.of("emmc.check.fip"), fip, readUser(c, fipOffset, fipSize)));
            checks.add(MenuInstall.Check.of(Message.of("emmc.check.gpt"), gpt, readUser(c, 0, gptSize)));
            if (checks.stream().allMatch(MenuInstall.Check::ok)) {
                p.state(BoardState.verified(Texts.t("emmc.state.verified")));
            }
            return checks;
        });
    }

    /** CRC-32 of BL2 in boot0, read with boot0 selected for access; the user area is selected again whatever happens. */
    private long readBoot0(BoardCommands c, UBootSession s, Procedure p) throws IOException, Stopped {
        clear(c, ram2, bl2Size);
        try {
            c.check("mmc dev 0 1", BoardCommands.SHORT);
            c.check("mmc read " + hex(ram2) + " 0x0 " + hex(bl2Size / SECTOR), BoardCommands.LONG);
            return c.crc32(ram2, bl2Size);
        } finally {
            p.command("mmc dev 0 0");
            s.run("mmc dev 0 0", BoardCommands.SHORT);
        }
    }

    private long readUser(BoardCommands c, long offset, long size) throws IOException, Stopped {
        clear(c, ram2, size);
        c.check("mmc read " + hex(ram2) + " " + hex(offset / SECTOR) + " " + hex(size / SECTOR), BoardCommands.LONG);
        return c.crc32(ram2, size);
    }

    /**
     * Makes the Boot ROM load BL2 from boot0: reads PARTITION_CONFIG and, when BOOT_PARTITION_ENABLE is not boot0,
     * sets it as OpenWrt's emmc_write_bl2 does and reads it back. Returns the value read last.
     */
    public Partconf bootFromBoot0(UBootSession s, Procedure p) throws Stopped {
        return p.step(Texts.t("emmc.step.partconf"), Texts.t("emmc.step.partconf.msg"), () -> {
            BoardCommands c = new BoardCommands(s, p);
            Partconf now = partconf(c);
            if (now.bootsFromBoot0()) {
                p.info(Texts.t("emmc.partconf.ok"));
                return now;
            }
            p.info(Texts.t("emmc.partconf.setting", Integer.toString(now.bootPartitionEnable())));
            c.check("mmc partconf " + partconfBoot0, BoardCommands.SHORT);
            Partconf after = partconf(c);
            if (!after.bootsFromBoot0()) {
                throw new UBootException(Texts.t("emmc.partconf.notSet", Integer.toString(after.bootPartitionEnable())));
            }
            p.info(Texts.t("emmc.partconf.set"));
            return after;
        });
    }

    private static Partconf partconf(BoardCommands c) throws IOException, Stopped {
        CommandResult r = c.check("mmc partconf 0", BoardCommands.SHORT);
        return Partconf.parse(r.output()).orElseThrow(() -> new UBootException(Texts.t("emmc.noEmmc", r.output().strip())));
    }

    /** Zeroes RAM before a read that a CRC is taken over, so a read that silently did nothing cannot pass. */
    private static void clear(BoardCommands c, long addr, long size) throws IOException, Stopped {
        c.check("mw " + hex(addr) + " 0x0 " + hex((size + 3) / 4), BoardCommands.SHORT);
    }

    private static String hex(long v) {
        return BoardCommands.hex(v);
    }
}
