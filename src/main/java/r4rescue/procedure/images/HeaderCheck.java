package r4rescue.procedure.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import r4rescue.board.ImageInfo;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.util.Texts;

/**
 * Checks that a file is what its catalogue entry says, by its headers ({@link ImageInspector}):
 * a BL2 for the right medium, a whole FIP, a FIT, a GPT, or a gzip whose whole stream unpacks
 * (its CRC is checked at the end) into an SD-card image.
 */
final class HeaderCheck {

    /** Enough of an SD image to hold its GPT and the BL2 at 17 KiB with its file header. */
    private static final int SD_HEAD = 2 << 20;

    private final ImageInspector inspector;

    HeaderCheck(ImageInspector inspector) {
        this.inspector = inspector;
    }

    /** What the file is, in words, when it matches {@code type}; otherwise why it is refused. */
    String check(Path file, ImageCatalogue.FileType type) throws IOException, ImageRefused {
        if (type.kind() == ImageKind.SDCARD_IMAGE) {
            return checkSdGz(file);
        }
        ImageInfo info = inspector.inspect(file);
        String refusal = switch (type.kind()) {
            case BL2, FIP -> inspector.refusal(info, type.kind(), type.medium(), 0);
            default -> info.kind() != type.kind() ? Texts.t("proc.header.expectedA", type.kind().label(), info.kind().label())
                    : info.ok() ? null : String.join("; ", info.problems());
        };
        if (refusal != null) {
            throw new ImageRefused(file.getFileName() + ": " + refusal);
        }
        return info.detail();
    }

    private String checkSdGz(Path file) throws IOException, ImageRefused {
        byte[] head;
        long total = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024)) {
            head = in.readNBytes(SD_HEAD);
            total = head.length;
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
            }
        } catch (IOException e) {
            throw new ImageRefused(Texts.t("proc.header.notAWholeGzip", file.getFileName(), e.getMessage()));
        }
        ImageInfo info = inspector.inspect(head);
        if (info.kind() != ImageKind.SDCARD_IMAGE) {
            throw new ImageRefused(Texts.t("proc.header.unpacksToA", file.getFileName(), info.kind().label()));
        }
        return String.format(Texts.t("proc.header.gzipOfAWhole"), Medium.SD.label(), total);
    }
}
