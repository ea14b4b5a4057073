package r4rescue.procedure.sdcard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A loop device over a sparse file, for tests that write real block devices (root and losetup needed: CI has both). */
public final class LoopDevice implements AutoCloseable {

    public final Path file;
    public final Path device;

    private LoopDevice(Path file, Path device) {
        this.file = file;
        this.device = device;
    }

    /** Skips the test (with the reason) where losetup cannot attach a device. */
    public static LoopDevice attach(Path dir, long bytes) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for losetup (CI runs as root)");
        Path f = dir.resolve("card.bin");
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(bytes);
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), bytes - 1);
        }
        String dev;
        try {
            Process p = new ProcessBuilder("losetup", "--find", "--show", f.toString()).redirectErrorStream(true).start();
            dev = new String(p.getInputStream().readAllBytes()).trim();
            assumeTrue(p.waitFor() == 0 && dev.startsWith("/dev/loop"), "losetup failed here: " + dev);
        } catch (IOException e) {
            assumeTrue(false, "no losetup: " + e.getMessage());
            throw e;
        }
        return new LoopDevice(f, Path.of(dev));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("losetup", "--detach", device.toString()).inheritIO().start().waitFor();
        Files.deleteIfExists(file);
    }
}
