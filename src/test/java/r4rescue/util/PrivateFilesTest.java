package r4rescue.util;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class PrivateFilesTest {

    @TempDir
    Path dir;

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void foldersAre0700EvenWhenTheyExistedOpenAndFilesAre0600() throws Exception {
        Path base = Files.createDirectories(dir.resolve("state"));
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateFiles.directories(base.resolve("r4-rescue/logs"));
        assertEquals("rwxr-xr-x", perms(base), "the XDG base folder is the user's, not ours");
        assertEquals("rwx------", perms(base.resolve("r4-rescue")));
        assertEquals("rwx------", perms(base.resolve("r4-rescue/logs")));
        Path old = Files.createDirectories(base.resolve("r4-rescue/journal"));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateFiles.directories(old);
        assertEquals("rwx------", perms(old), "a folder left 0755 by an older version is closed");
        Path f = PrivateFiles.newFile(base.resolve("r4-rescue/logs/a.log"));
        assertEquals("rw-------", perms(f));
    }
}
