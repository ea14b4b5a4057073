package r4rescue.procedure.flash;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import r4rescue.board.ImageInfo;
import r4rescue.board.BoardProfile;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * Checks a file for a role before the board is touched: its kind by header (never an SD image or
 * a sysupgrade .itb), whole, for the right medium, compressed only if it may be unpacked, and no
 * larger than the largest place any matching layout has for it.
 */
public final class ImageCheck {

    /** No BL2 or FIP comes near this; a larger gzip is refused rather than unpacked into memory. */
    static final long MAX_UNPACKED = 64L << 20;

    private final ImageInspector inspector;
    private final FlashLayouts layouts;

    public ImageCheck(BoardProfile board) {
        inspector = board.images();
        layouts = FlashLayouts.of(board);
    }

    /**
     * @param medium     the medium named by the user ({@code --medium}), or null
     * @param decompress unpack a gzip file instead of refusing it
     */
    public FlashImage check(Path file, Role role, Medium medium, boolean decompress) throws FlashRefused {
        byte[] data;
        try {
            if (Files.isDirectory(file)) {
                throw new FlashRefused(Message.of("proc.imagecheck.isADirectoryNot", file));
            }
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new FlashRefused(Message.of("proc.imagecheck.noSuchFile", file));
        } catch (IOException e) {
            throw new FlashRefused(Message.of("proc.imagecheck.cannotRead", file, e.getMessage()));
        }
        return check(file.getFileName().toString(), data, role, medium, decompress);
    }

    public FlashImage check(String name, byte[] data, Role role, Medium medium, boolean decompress) throws FlashRefused {
        ImageInfo info = inspector.inspect(data);
        boolean unpacked = false;
        if (info.compressed()) {
            if (info.kind() != ImageKind.GZIP) {
                throw new FlashRefused(Message.of("proc.imagecheck.isA", name, info.kind().label(), unpackTool(info.kind()), name));
            }
            if (!decompress) {
                throw new FlashRefused(Message.of("proc.imagecheck.isGzipCompressedNot", name, role.kind().label(), name));
            }
            data = gunzip(name, data);
            name = name.replaceFirst("(?i)\\.gz$", "");
            info = inspector.inspect(data);
            unpacked = true;
            if (info.compressed()) {
                throw new FlashRefused(Message.of("proc.imagecheck.isCompressedTwice", name, info.kind().label()));
            }
        }
        if (info.kind() == ImageKind.EMPTY) {
            throw new FlashRefused(Message.of("proc.imagecheck.isEmpty", name));
        }
        Medium target = medium;
        boolean hinted = false;
        if (target == null && role == Role.BL2 && info.kind() == ImageKind.BL2) {
            target = info.medium();
        }
        if (target == null && role == Role.FIP) {
            target = layouts.mediumHint(name);
            hinted = target != null;
        }
        String why = inspector.refusal(info, role.kind(), role == Role.BL2 ? target : null, 0);
        if (why != null) {
            throw new FlashRefused(name + ": " + why);
        }
        long limit = limit(role, hinted ? null : target);
        if (limit == 0) {
            throw new FlashRefused(target == null ? Message.of("proc.imagecheck.noPlaceAnywhere", role.kind().label())
                    : Message.of("proc.imagecheck.noPlaceOn", role.kind().label(), target.label()));
        }
        if (info.size() > limit) {
            throw new FlashRefused(String.format(Texts.t("proc.imagecheck.sDBytesIs"), name, info.size(), role.lower(),
                    target == null ? "the BPI-R4" : target.label(), limit, role.kind().label()));
        }
        return new FlashImage(name, data, info, role, target, hinted, unpacked);
    }

    /**
     * The refusal when the file's name says another medium than {@code target} (an
     * {@code …-emmc-bl31-uboot.fip} for the NAND), else null. For callers that know the target
     * (the wizard); on the command line {@code --medium} is the way to insist.
     */
    public String nameContradicts(String name, Role role, Medium target) {
        Medium named = layouts.mediumHint(name);
        return named == null || target == null || named == target ? null : contradiction(name, role, named, target);
    }

    static String contradiction(String name, Role role, Medium named, Medium target) {
        return Texts.t("proc.imagecheck.itsNameSaysIt", name, role.name(), named.label(), target.label());
    }

    /** The largest place for {@code role} among the layouts on {@code medium} (all media for null). */
    private long limit(Role role, Medium medium) {
        long max = 0;
        for (FlashLayouts.Layout l : layouts.on(medium)) {
            FlashLayouts.Placement p = l.place(role);
            if (p != null) {
                max = Math.max(max, p.limit());
            }
        }
        return max;
    }

    private static byte[] gunzip(String name, byte[] data) throws FlashRefused {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > MAX_UNPACKED) {
                    throw new FlashRefused(Message.of("proc.imagecheck.unpacksToMoreThan", name, (MAX_UNPACKED >> 20)));
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new FlashRefused(Message.of("proc.imagecheck.isADamagedGzip", name, e.getMessage()));
        }
    }

    private static String unpackTool(ImageKind k) {
        return switch (k) {
            case XZ -> "xz -dk";
            case ZSTD -> "zstd -d";
            case BZIP2 -> "bunzip2 -k";
            default -> "gunzip -k";
        };
    }
}
