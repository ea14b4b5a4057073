package r4rescue.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Two linked pseudo-terminals from socat, named {@code A} and {@code B} in a folder. */
final class SocatPair implements AutoCloseable {

    final Path a;
    final Path b;
    private Process process;

    SocatPair(Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")) || onPath("socat"), "socat is not installed");
        a = dir.resolve("A");
        b = dir.resolve("B");
        start();
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Starts socat (again), waiting until both names resolve. */
    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IOException("socat did not make its ptys");
            }
            Thread.sleep(10);
        }
    }

    /** Ends socat, as if the cable were pulled: both ptys go away. */
    void kill() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while ((Files.exists(a, java.nio.file.LinkOption.NOFOLLOW_LINKS)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    String resolvedA() throws IOException {
        return a.toRealPath().toString();
    }

    String resolvedB() throws IOException {
        return b.toRealPath().toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
