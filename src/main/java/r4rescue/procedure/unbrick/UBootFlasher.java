package r4rescue.procedure.unbrick;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import r4rescue.board.BoardData;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.procedure.steps.Commands;
import r4rescue.protocol.uboot.LoadOptions;
import r4rescue.protocol.uboot.LoadResult;
import r4rescue.protocol.uboot.UBootException;

/**
 * The minimal safe flashing sequence for the SPI-NAND from U-Boot (OpenWrt layout): BL2 into all
 * copies of MTD {@code bl2}, FIP into the static UBI volume {@code fip}. Each file is refused if
 * it is the wrong kind, loaded with YMODEM and CRC-checked before anything is erased, and each
 * write is read back and compared.
 */
public final class UBootFlasher implements BootloaderFlasher {

    private static final long RAM = LoadOptions.DEFAULT_MT7988_ADDR;
    private static final long RAM2 = RAM + 0x0400_0000L;

    @Override
    public List<MenuInstall.Check> flash(Commands c, Medium target, Image bl2, Image fip) throws IOException {
        if (target != Medium.SNAND) {
            throw new UBootException("Writing " + target.label() + " from here is not supported yet: boot from the NAND and use its menu entry"
                    + " 'Install bootloader, recovery and production to eMMC.'");
        }
        BoardData.Layout l = BoardData.standard().layout("openwrt-snand");
        long copy = l.part("bl2").size() / l.bl2Copies().size();
        long fipVol = l.ubiVolumes().stream().filter(v -> v.name().equals("fip")).findFirst().orElseThrow().size();
        ImageInspector ins = ImageInspector.standard();
        String why = ins.refusal(ins.inspect(bl2.data()), ImageKind.BL2, target, copy);
        if (why == null) {
            why = ins.refusal(ins.inspect(fip.data()), ImageKind.FIP, target, fipVol);
        }
        if (why != null) {
            throw new UBootException(why + ". Nothing was sent to the board.");
        }
        List<MenuInstall.Check> checks = new ArrayList<>();

        c.safeState("Nothing written yet: the NAND is as it was.");
        load(c, bl2);
        c.safeState("The BL2 partition is being rewritten: until it is done the NAND does not boot. The SD card still boots: run this step again.");
        c.check("mtd erase bl2", Duration.ofSeconds(60));
        for (long off : l.bl2Copies()) {
            c.check("mtd write bl2 " + Commands.hex(RAM) + " " + Commands.hex(off) + " " + Commands.hex(copy), Duration.ofSeconds(60));
        }
        long want = crc(bl2.data());
        for (long off : l.bl2Copies()) {
            c.check("mtd read bl2 " + Commands.hex(RAM2) + " " + Commands.hex(off) + " " + Commands.hex(copy), Duration.ofSeconds(60));
            checks.add(new MenuInstall.Check("NAND BL2 copy at " + Commands.hex(off), want, c.crc32(RAM2, bl2.data().length)));
        }
        requireAll(checks, "BL2");

        c.safeState("BL2 is written and verified; the FIP is as it was.");
        load(c, fip);
        c.safeState("The FIP volume is being rewritten: until it is done the NAND boot stops after BL2. The SD card still boots: run this step again.");
        c.check("ubi part ubi", Duration.ofSeconds(60));
        if (c.run("ubi check fip").ok()) {
            c.check("ubi remove fip", Duration.ofSeconds(60));
        }
        c.check("ubi create fip " + Commands.hex(fipVol) + " static", Duration.ofSeconds(60));
        c.check("ubi write " + Commands.hex(RAM) + " fip " + Commands.hex(fip.data().length), Duration.ofSeconds(120));
        c.check("ubi read " + Commands.hex(RAM2) + " fip " + Commands.hex(fip.data().length), Duration.ofSeconds(120));
        MenuInstall.Check f = new MenuInstall.Check("NAND fip volume", crc(fip.data()), c.crc32(RAM2, fip.data().length));
        checks.add(f);
        requireAll(checks, "FIP");
        c.safeState("BL2 and FIP are written and verified.");
        return checks;
    }

    private static void load(Commands c, Image img) throws IOException {
        c.listener().command("loady " + Commands.hex(RAM) + "    (YMODEM: " + img.name() + ", " + img.data().length + " bytes)");
        LoadResult r = c.session().loadToRam(img.name(), img.data(), LoadOptions.defaults().withAddress(RAM)
                .withProgress(p -> c.listener().progress(img.name(), p.bytes(), p.total())));
        c.listener().command("crc32 " + Commands.hex(RAM) + " " + Commands.hex(img.data().length) + "    → " + r.crcHex() + " (the host's: equal)");
    }

    private static void requireAll(List<MenuInstall.Check> checks, String what) throws UBootException {
        for (MenuInstall.Check k : checks) {
            if (!k.ok()) {
                throw new UBootException(what + " read back differs: " + k + ". Do not power off; the SD card still boots, write it again.");
            }
        }
    }

    static long crc(byte[] d) {
        CRC32 c = new CRC32();
        c.update(d);
        return c.getValue();
    }
}
