package r4rescue.procedure.unbrick;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;

import r4rescue.board.BoardProfile;
import r4rescue.board.ImageInfo;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.util.Hashes;
import r4rescue.util.Texts;

/**
 * Checks a file meant for the rescue SD card ({@code …-sdcard.img.gz}, or the same decompressed)
 * without loading it: decompresses as a stream, names its first MiBs (GPT with an SD BL2), and
 * reads the copies of the NAND BL2 and FIP that its {@code install} partition carries (what the
 * card's menu entry writes to the NAND), with their CRC-32 for comparing after the install.
 */
public final class SdImageCheck {

    /** What the file is. {@code ok} means: right for the rescue card. */
    public record Report(boolean ok, String verdict, boolean compressed, ImageInfo head, ImageInfo nandBl2,
                         ImageInfo nandFip, long nandBl2Crc, long nandFipCrc, long bl2CopySize, long fipVolumeSize,
                         String sha256, List<String> notes) {
        /** True if the card can install the NAND bootloaders by its own menu. */
        public boolean carriesNandInstall() {
            return nandBl2 != null && nandBl2.ok() && nandBl2.medium() == Medium.SNAND && nandFip != null && nandFip.ok();
        }
    }

    private static final int HEAD = 8 << 20;

    private SdImageCheck() {
    }

    /** Reads only the file, so every chunk is a safe point of {@code p}: Cancel stops it there. */
    public static Report check(BoardProfile data, Path file, Procedure p) throws IOException, Stopped {
        BoardProfile.Layout sd = data.layout("openwrt-sd");
        BoardProfile.Layout snand = data.layout("openwrt-snand");
        JsonNode install = sd.install();
        long installAt = sd.part("install").offset();
        long bl2At = installAt + install.get("snandBl2").asLong();
        long fipAt = installAt + install.get("snandFip").asLong();
        long bl2Size = snand.part("bl2").size() / snand.bl2Copies().size();
        long fipSize = snand.ubiVolumes().stream().filter(v -> v.name().equals("fip")).findFirst().orElseThrow().size();

        MessageDigest sha = Hashes.sha256();
        List<String> notes = new ArrayList<>();
        try (DigestInputStream raw = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), sha)) {
            raw.mark(16);
            byte[] magic = raw.readNBytes(2);
            raw.reset();
            boolean gz = magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
            InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw;
            ImageInspector inspector = data.images();
            byte[] head = in.readNBytes(HEAD);
            ImageInfo headInfo = inspector.inspect(head);
            ImageInfo bl2 = null;
            ImageInfo fip = null;
            long bl2Crc = -1;
            long fipCrc = -1;
            if (headInfo.kind() == ImageKind.SDCARD_IMAGE) {
                skip(in, bl2At - head.length, p);
                byte[] b = in.readNBytes((int) bl2Size);
                skip(in, fipAt - bl2At - b.length, p);
                byte[] f = in.readNBytes((int) fipSize);
                if (b.length == bl2Size && f.length == fipSize) {
                    bl2 = inspector.inspect(b);
                    fip = inspector.inspect(f);
                    bl2Crc = crc(b);
                    fipCrc = crc(f);
                } else {
                    notes.add(Texts.t("proc.sdimage.theImageEndsBefore"));
                }
            }
            // The SHA-256 is of the file as downloaded (what sha256sums lists).
            byte[] buf = new byte[1 << 16];
            while (raw.read(buf) >= 0) {
                p.checkpoint();
            }
            String hash = Hashes.hex(sha.digest());
            String verdict;
            boolean ok = headInfo.kind() == ImageKind.SDCARD_IMAGE;
            if (ok) {
                verdict = Texts.t(gz ? "proc.sdimage.rightGz" : "proc.sdimage.right", headInfo.detail().replaceFirst(", [0-9,]+ bytes$", ""));
                Report r = new Report(true, verdict, gz, headInfo, bl2, fip, bl2Crc, fipCrc, bl2Size, fipSize, hash, notes);
                if (r.carriesNandInstall()) {
                    notes.add(Texts.t("proc.sdimage.itCarriesTheNAND", bl2.detail(), fip.detail()));
                } else {
                    notes.add(Texts.t("proc.sdimage.itCarriesNoUsable"));
                }
                return r;
            }
            verdict = headInfo.kind() == ImageKind.UNKNOWN && gz
                    ? Texts.t("proc.sdimage.notAnSDCard", headInfo.detail())
                    : Texts.t("proc.sdimage.notAnSDCard2", headInfo.kind().label(), headInfo.detail());
            return new Report(false, verdict, gz, headInfo, null, null, -1, -1, bl2Size, fipSize, hash, notes);
        } catch (java.util.zip.ZipException e) {
            return new Report(false, Texts.t("proc.sdimage.theGzipDataIs", e.getMessage()),
                    true, null, null, null, -1, -1, bl2Size, fipSize, null, notes);
        }
    }

    private static void skip(InputStream in, long n, Procedure p) throws IOException, Stopped {
        byte[] buf = new byte[1 << 16];
        while (n > 0) {
            p.checkpoint();
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                return;
            }
            n -= r;
        }
    }

    static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }
}
