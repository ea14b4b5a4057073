package r4rescue.procedure.flash;

import java.util.List;

/**
 * A finished, verified flash: where it went, the sizes, the host's checksum and the board's for the
 * load and for every copy read back, and how long each part took. From U-Boot the checksum is
 * CRC-32 ({@code crc32}); from a Linux shell it is SHA-256 ({@code sha256sum}). Hashes are lower-case hex.
 *
 * @param fileCrc     CRC-32 of the file as given (before padding)
 * @param loadedBytes the image as loaded and written (padded to the write unit)
 * @param hashName    "CRC-32" or "SHA-256"
 * @param hostHash    of the loaded bytes on the host
 * @param loadHash    the board's, of the image in RAM (U-Boot) or in /tmp (Linux)
 * @param copies      one read-back check per copy written
 * @param loadRetransmits YMODEM blocks sent again (a noisy line); 0 from a shell
 */
public record FlashReport(String file, Role role, String place, String layout, long fileBytes, long fileCrc,
                          long loadedBytes, String hashName, String hostHash, String loadHash, List<CopyCheck> copies,
                          long loadMillis, double loadBytesPerSecond, int loadRetransmits, long writeMillis,
                          long totalMillis, boolean cancelIgnored) {

    /** The read-back of one copy: its offset in the place and the board's checksum of it. */
    public record CopyCheck(long offset, String boardHash) {
    }

    static String crcHex(long crc) {
        return String.format("%08x", crc);
    }
}
