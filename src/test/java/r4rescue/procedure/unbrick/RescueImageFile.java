package r4rescue.procedure.unbrick;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import r4rescue.sim.ScenarioBuilder;
import r4rescue.sim.Sparse;

/**
 * OpenWrt's rescue card as a downloaded file, for tests: the simulator's card (SD BL2, install
 * partition with the NAND BL2 and FIP) with the GPT header signature a real image has at LBA 1
 * (the simulator keeps its partition table as data, not on the card).
 */
public final class RescueImageFile {

    private RescueImageFile() {
    }

    /** Inverts the byte at {@code offset} of an uncompressed image file (a copy gone bad). */
    public static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(~b);
        }
    }

    public static Path write(Path file, long bytes, boolean gzip) throws IOException {
        Sparse card = ScenarioBuilder.load("sd-rescue").sd.user;
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) : Files.newOutputStream(file)) {
            for (long off = 0; off < bytes; off += 1 << 20) {
                byte[] chunk = card.read(off, (int) Math.min(1 << 20, bytes - off));
                if (off == 0) {
                    byte[] sig = "EFI PART".getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(sig, 0, chunk, 512, sig.length);
                }
                out.write(chunk);
            }
        }
        return file;
    }
}
