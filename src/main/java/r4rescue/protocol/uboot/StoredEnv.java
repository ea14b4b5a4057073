package r4rescue.protocol.uboot;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.board.BoardProfile;

/**
 * The copy of the environment that {@code saveenv} just stored, read back from where it went and
 * compared, byte for byte, with the running environment exported the way saveenv writes it
 * ({@code env export -c -s SIZE}: CRC-32, the flag byte on redundant builds, the variables,
 * zero padding — cmd/nvedit.c). Where it went comes from saveenv's own words ("Saving Environment
 * to UBI", "Writing to redundant UBI... " = the REDUND volume, "Writing to redundant MMC(0)... " =
 * the redundant offset: env/ubi.c, env/mmc.c) and the BPI-R4's layouts in the board data. The flag
 * byte is not compared: saveenv counts it up, export writes 1.
 */
final class StoredEnv {

    /** Where a copy lives: the U-Boot command that reads it to {@code %s}, its size, its header length. */
    record Place(String where, String readCommand, long size, int header) {
    }

    private static final Pattern SAVING = Pattern.compile("Saving Environment to (\\w+)");
    /** Scratch RAM above the load address, clear of images being loaded there. */
    static final long STORED_AT = 0x5800_0000L;
    static final long EXPORTED_AT = 0x5810_0000L;

    private StoredEnv() {
    }

    /** The copy saveenv's output says it wrote, or null when this is not one of {@code data}'s places. */
    static Place placeOf(String saveOutput, BoardProfile data) {
        Matcher m = SAVING.matcher(saveOutput);
        if (!m.find()) {
            return null;
        }
        boolean second = saveOutput.contains("Writing to redundant");
        switch (m.group(1)) {
            case "UBI" -> {
                String volume = second ? "ubootenv2" : "ubootenv";
                long size = data.layout("openwrt-snand").envSize();
                return new Place("UBI volume " + volume, "ubi read %s " + volume + " " + hex(size), size, 5);
            }
            case "MMC" -> {
                BoardProfile.Layout l = data.layout("openwrt-emmc");
                long off = second ? l.envRedundOffset() : l.envOffset();
                return new Place("MMC at " + hex(off), "mmc read %s " + hex(off / 512) + " " + hex(l.envSize() / 512), l.envSize(), 5);
            }
            case "MTD" -> {
                long size = data.layout("mtk-sdk-snand").envSize();
                return new Place("MTD partition u-boot-env", "mtd read u-boot-env %s 0x0 " + hex(size), size, 4);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Reads the stored copy into cleared RAM and compares it with the running environment;
     * returns what was checked, throws with U-Boot's words when it differs or cannot be read.
     */
    static String verify(UBootSession s, Place p) throws IOException {
        s.check("mw " + hex(STORED_AT) + " 0x0 " + hex(p.size() / 4));
        s.check(String.format(p.readCommand(), hex(STORED_AT)), Duration.ofSeconds(30));
        return compare(s, p, STORED_AT);
    }

    /** Compares the copy at {@code stored} with the running environment exported next to it. */
    static String compare(UBootSession s, Place p, long stored) throws IOException {
        s.check("env export -c -s " + hex(p.size()) + " " + hex(EXPORTED_AT));
        CommandResult crc = s.run("cmp.l " + hex(stored) + " " + hex(EXPORTED_AT) + " 1");
        CommandResult vars = s.run("cmp.b " + hex(stored + p.header()) + " " + hex(EXPORTED_AT + p.header())
                + " " + hex(p.size() - p.header()), Duration.ofSeconds(30));
        if (!vars.ok()) {
            throw new UBootException("saveenv answered OK, but the copy stored in the " + p.where()
                    + " is not the running environment (" + vars.output().strip().replace('\n', ' ')
                    + "). The saved settings are not what you see: after a reset the board uses the stored copy.", vars);
        }
        if (!crc.ok()) {
            throw new UBootException("saveenv answered OK, but the checksum of the copy stored in the " + p.where()
                    + " is wrong (" + crc.output().strip().replace('\n', ' ') + "): after a reset U-Boot will not use it.", crc);
        }
        return "saved; the copy in the " + p.where() + " was read back and equals the running environment";
    }

    private static String hex(long v) {
        return UBootSession.hex(v);
    }
}
