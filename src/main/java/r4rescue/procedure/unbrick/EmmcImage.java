package r4rescue.procedure.unbrick;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;

import r4rescue.board.BoardProfile;
import r4rescue.board.Medium;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.flash.FlashLayouts;
import r4rescue.procedure.flash.Role;
import r4rescue.util.Texts;

/**
 * The eMMC bootloaders an SD image carries in its {@code install} partition (what the card copies to the NAND's
 * {@code emmc_install} volume and the NAND's menu then writes to the eMMC): their CRC-32s, read from the file as a
 * stream, for comparing with what the board holds. {@link SdImageCheck} has already checked the file's type.
 */
public final class EmmcImage {

    private EmmcImage() {
    }

    /** The CRC-32s of the image's eMMC BL2, FIP and GPT; {@link EmmcInstall.Host#NONE} if the file ends before them. */
    public static EmmcInstall.Host crcs(BoardProfile board, Path image, Procedure p) throws Stopped {
        BoardProfile.Layout sd = board.layout("openwrt-sd");
        BoardProfile.Layout emmc = board.layout("openwrt-emmc");
        JsonNode bundle = board.layout("openwrt-snand").install();
        long at = sd.part("install").offset() + sd.install().get("emmcBl2").asLong();
        long bl2Size = FlashLayouts.of(board).on(Medium.EMMC).get(0).place(Role.BL2).blocks() * 512;
        long[][] parts = {
            {at + bundle.get("emmcBl2").asLong(), bl2Size},
            {at + bundle.get("emmcFip").asLong(), emmc.part("fip").size()},
            {at + bundle.get("emmcGpt").asLong(), emmc.install().get("gptSize").asLong()},
        };
        return p.step(Texts.t("emmc.step.image"), Texts.t("emmc.step.image.msg", image.getFileName().toString()), () -> {
            long[] crc = new long[parts.length];
            try (InputStream in = open(image)) {
                long pos = 0;
                for (int i = 0; i < parts.length; i++) {
                    pos += skip(in, parts[i][0] - pos, p);
                    byte[] b = in.readNBytes((int) parts[i][1]);
                    if (pos != parts[i][0] || b.length != parts[i][1]) {
                        p.info(Texts.t("emmc.image.none"));
                        return EmmcInstall.Host.NONE;
                    }
                    pos += b.length;
                    crc[i] = SdImageCheck.crc(b);
                }
            }
            return new EmmcInstall.Host(crc[0], crc[1], crc[2]);
        });
    }

    /** The file as a stream, decompressed when it is gzip. */
    static InputStream open(Path image) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(image), 1 << 16);
        raw.mark(2);
        boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        return gz ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    /** Skips up to {@code n} bytes, a safe point every 64 KiB; returns how many were skipped. */
    private static long skip(InputStream in, long n, Procedure p) throws IOException, Stopped {
        byte[] buf = new byte[1 << 16];
        long done = 0;
        while (done < n) {
            p.checkpoint();
            int r = in.read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }
}
