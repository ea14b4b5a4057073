package r4rescue.console;

import static org.junit.jupiter.api.Assertions.*;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23: session logs only their owner can read, and a full disk pauses the log, never the console. */
@Tag("unit")
class SessionLogPrivacyTest {

    @TempDir
    Path dir;

    private final AtomicBoolean full = new AtomicBoolean();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<String> notes = new ArrayList<>();

    /** A disk that says "No space left on device" while {@code full} is set. */
    private OutputStream disk(Path f) throws IOException {
        return new FilterOutputStream(Files.newOutputStream(f, StandardOpenOption.APPEND)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (full.get()) {
                    throw new IOException("No space left on device");
                }
                out.write(b, off, len);
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }
        };
    }

    private static void say(SessionLog log, String s) {
        log.onBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void logsAre0600InA0700Folder() throws Exception {
        Path logs = dir.resolve("state/r4-rescue/logs");
        SessionLog log = SessionLog.start(logs, "/dev/ttyUSB0", clock::get);
        say(log, "uci show wireless\r\nwireless.default_radio0.key='secret'\r\n");
        log.close();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(logs)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log.binFile())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log.logFile())));
    }

    @Test
    void aFullDiskPausesTheLogWithANoteAndItResumesWhenSpaceReturns() throws Exception {
        SessionLog log = SessionLog.start(dir, "/dev/ttyUSB0", clock::get, this::disk).onNote(n -> notes.add(n.key() + ": " + n.text()));
        say(log, "before\r\n");
        full.set(true);
        say(log, "lost one\r\n"); // must not throw on the console's thread
        assertNotNull(log.failure());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).startsWith("window.log.paused: Logging paused:") && notes.get(0).contains("No space left on device"), notes.get(0));
        clock.addAndGet(2000);
        say(log, "lost two\r\n"); // still full: tried again, still paused, no second note
        assertEquals(1, notes.size());
        full.set(false);
        clock.addAndGet(300);
        say(log, "lost three\r\n"); // under a second since the last try: not yet
        assertNotNull(log.failure());
        clock.addAndGet(1000);
        say(log, "after\r\n");
        assertNull(log.failure(), "logging goes on once the disk takes writes again");
        assertEquals(2, notes.size());
        assertTrue(notes.get(1).startsWith("window.log.resumed: Logging resumed"), notes.get(1));
        log.close();
        String text = Files.readString(log.logFile());
        assertTrue(text.contains("  before\n"), text);
        assertTrue(text.contains("logging paused at ") && text.contains("(No space left on device), resumed at ")
                && text.contains(": 32 bytes received meanwhile are not logged"), text);
        assertTrue(text.contains("  after\n"), text);
        assertFalse(text.contains("lost"), text);
        assertTrue(Files.readString(log.binFile()).endsWith("after\r\n"));
    }
}
