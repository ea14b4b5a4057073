package r4rescue.procedure.slots;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import r4rescue.util.Texts;

/**
 * Checks a root filesystem tarball on the host before it goes near the board: a tar (plain or
 * gzip) whose members include {@code sbin/init}. Anything else (a sysupgrade .itb, a squashfs, a
 * truncated download) is refused.
 */
public final class RootfsArchive {

    /** What the check found; {@code moduleReleases}: the kernel releases under lib/modules. */
    public record Check(boolean gzip, long members, boolean hasInit, java.util.Set<String> moduleReleases) {
    }

    private static final java.util.regex.Pattern MODULES = java.util.regex.Pattern.compile("^(?:\\./)?lib/modules/([^/]+)/?.*");

    private RootfsArchive() {
    }

    public static Check check(Path file) throws IOException {
        boolean gzip;
        try (InputStream raw = Files.newInputStream(file)) {
            byte[] magic = raw.readNBytes(2);
            gzip = magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        }
        try (InputStream in = gzip ? new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)))
                : new BufferedInputStream(Files.newInputStream(file))) {
            long members = 0;
            boolean init = false;
            java.util.Set<String> releases = new java.util.TreeSet<>();
            byte[] h = new byte[512];
            while (true) {
                if (in.readNBytes(h, 0, 512) < 512) {
                    throw new IOException(file.getFileName() + (members == 0 ? Texts.t("proc.rootfs.isNotATar")
                            : Texts.t("proc.rootfs.isNotAComplete")));
                }
                if (isZero(h)) {
                    break;
                }
                if (!new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
                    throw new IOException(file.getFileName() + " is not a tar archive" + (gzip ? Texts.t("proc.rootfs.insideItsGzip") : ""));
                }
                String name = field(h, 0, 100);
                String prefix = field(h, 345, 155);
                String full = prefix.isEmpty() ? name : prefix + "/" + name;
                if (full.equals("sbin/init") || full.equals("./sbin/init")) {
                    init = true;
                }
                java.util.regex.Matcher m = MODULES.matcher(full);
                if (m.matches()) {
                    releases.add(m.group(1));
                }
                long size = Long.parseLong(field(h, 124, 12).trim().isEmpty() ? "0" : field(h, 124, 12).trim(), 8);
                long skip = (size + 511) / 512 * 512;
                in.skipNBytes(skip);
                members++;
            }
            return new Check(gzip, members, init, releases);
        } catch (java.io.EOFException e) {
            throw new IOException(Texts.t("proc.rootfs.endsInTheMiddle", file.getFileName()), e);
        } catch (java.util.zip.ZipException e) {
            throw new IOException(Texts.t("proc.rootfs.isADamagedGzip", file.getFileName(), e.getMessage()), e);
        }
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
