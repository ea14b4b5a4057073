package r4rescue.testbed;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import r4rescue.console.ByteSink;

/** Writes everything the board said to target/console-logs/NAME.log, for reading after a failed test. */
public final class ConsoleLog {

    private ConsoleLog() {
    }

    public static ByteSink to(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "console-logs"));
            OutputStream out = new FileOutputStream(dir.resolve(name + ".log").toFile());
            return chunk -> {
                try {
                    out.write(chunk);
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
