package r4rescue.protocol.uboot;

/**
 * A verified load: {@code bytes} at {@code address}, U-Boot's {@code crc32} equal to the host's,
 * how long it took, the rate used ({@code baud}) and whether a faster rate had to be given up.
 */
public record LoadResult(long address, long bytes, long hostCrc, long boardCrc, long millis, int baud,
                         int retransmits, String note) {

    public double bytesPerSecond() {
        return millis == 0 ? 0 : bytes * 1000.0 / millis;
    }

    public String crcHex() {
        return String.format("%08x", boardCrc);
    }
}
