package r4rescue.board;

import java.util.List;

/**
 * What {@link ImageInspector} found in a file.
 *
 * @param kind      what the file is
 * @param medium    for BL2: the boot medium its header was made for; otherwise {@link Medium#NONE}
 * @param size      the file's length in bytes
 * @param problems  reasons the file is unusable as it is (truncated, corrupt header); empty if none
 * @param detail    one line a user can read, e.g. "BL2 for SPI-NAND, 245,760 bytes"
 */
public record ImageInfo(ImageKind kind, Medium medium, long size, List<String> problems, String detail) {

    public boolean ok() {
        return problems.isEmpty();
    }

    public boolean compressed() {
        return kind == ImageKind.GZIP || kind == ImageKind.XZ || kind == ImageKind.ZSTD || kind == ImageKind.BZIP2;
    }
}
