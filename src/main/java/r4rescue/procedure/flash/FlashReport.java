package r4rescue.procedure.flash;

import java.util.List;

/**
 * A finished, verified flash: where it went, the sizes, the host's CRC-32 and the board's for the
 * load and for every copy read back, and how long each part took.
 *
 * @param loadedBytes the image as loaded and written (padded to the write unit)
 * @param hostCrc     CRC-32 of the loaded bytes on the host
 * @param loadCrc     U-Boot's crc32 of them in RAM
 * @param copies      one read-back check per copy written
 * @param loadRetransmits YMODEM blocks sent again (a noisy line)
 */
public record FlashReport(String file, Role role, String place, String layout, long fileBytes, long fileCrc,
                          long loadedBytes, long hostCrc, long loadCrc, List<CopyCheck> copies, long loadMillis,
                          double loadBytesPerSecond, int loadRetransmits, long writeMillis, long totalMillis, boolean cancelIgnored) {

    /** The read-back of one copy: its offset in the place and the board's CRC-32 of it. */
    public record CopyCheck(long offset, long boardCrc) {
    }
}
