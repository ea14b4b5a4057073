package r4rescue.procedure.sdcard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A loop device over a sparse file, for tests that write real block devices (root and losetup needed: CI has both).
 * Attached with direct I/O, as a card behaves: with a buffered loop, a write with O_DIRECT ends when the bytes are in
 * the host's page cache under the loop's file, so {@code dd oflag=direct} would be timed against memory while our
 * writer's final fsync waits for the disk.
 */
public final class LoopDevice implements AutoCloseable {

    public final Path file;
    public final Path device;

    private LoopDevice(Path file, Path device) {
        this.file = file;
        this.device = device;
    }

    /** Skips the test (with the reason) where losetup cannot attach a device. */
    public static LoopDevice attach(Path dir, long bytes) throws IOException, InterruptedException {
        return attach(dir, bytes, true);
    }

    /** {@code directIo} false: the loop's writes land in the host's page cache first (only to show what that does to the figures). */
    public static LoopDevice attach(Path dir, long bytes, boolean directIo) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for losetup (CI runs as root)");
        Path f = dir.resolve("card.bin");
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(bytes);
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), bytes - 1);
        }
        String dev;
        try {
            Process p = new ProcessBuilder("losetup", "--find", "--show", "--direct-io=" + (directIo ? "on" : "off"), f.toString()).redirectErrorStream(true).start();
            dev = new String(p.getInputStream().readAllBytes()).trim();
            assumeTrue(p.waitFor() == 0 && dev.startsWith("/dev/loop"), "losetup failed here: " + dev);
        } catch (IOException e) {
            assumeTrue(false, "no losetup: " + e.getMessage());
            throw e;
        }
        return new LoopDevice(f, Path.of(dev));
    }

    /** Whether the kernel runs this loop with direct I/O (it falls back to buffered where the file's filesystem cannot). */
    public boolean directIo() throws IOException {
        Path flag = Path.of("/sys/block", device.getFileName().toString(), "loop", "dio");
        return Files.exists(flag) && Files.readString(flag).trim().equals("1");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("losetup", "--detach", device.toString()).inheritIO().start().waitFor();
        Files.deleteIfExists(file);
    }
}
