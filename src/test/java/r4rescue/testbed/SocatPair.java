package r4rescue.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Two linked pseudo-terminals from socat (testbeds.md §1); {@link #a} and {@link #b} are their links. */
public final class SocatPair implements AutoCloseable {

    private final Process socat;
    private final Path dir;

    public SocatPair() throws IOException {
        dir = Files.createTempDirectory("socat");
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a(), "pty,raw,echo=0,link=" + b())
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        long until = System.currentTimeMillis() + 5_000;
        while (!(Files.exists(a()) && Files.exists(b()))) {
            if (System.currentTimeMillis() > until || !socat.isAlive()) {
                close();
                throw new IOException("socat made no pty pair");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    public Path a() {
        return dir.resolve("A");
    }

    public Path b() {
        return dir.resolve("B");
    }

    @Override
    public void close() {
        socat.destroy();
        try {
            socat.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
