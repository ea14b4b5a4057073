package r4rescue.procedure.flash;

import java.util.zip.CRC32;

import r4rescue.board.ImageInfo;
import r4rescue.board.Medium;

/**
 * A file checked for a role: its bytes (decompressed if asked), what it is, and the medium it is
 * meant for: given with {@code --medium}, read from a BL2's header, or hinted by the file name
 * ({@code hinted}); null if unknown.
 */
public record FlashImage(String name, byte[] data, ImageInfo info, Role role, Medium medium, boolean hinted,
                         boolean decompressed) {

    public long crc32() {
        CRC32 c = new CRC32();
        c.update(data);
        return c.getValue();
    }

    public int size() {
        return data.length;
    }
}
