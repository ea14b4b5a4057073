package r4rescue.util;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: logs, journals, settings and transcripts can hold a typed
 * password, Wi-Fi keys printed by {@code uci show} or the board's MAC addresses. Folders are 0700
 * and files 0600 where the file system is POSIX; elsewhere (Windows) the per-user profile folders
 * are already private, so nothing is changed there.
 */
public final class PrivateFiles {

    public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} and its missing parents 0700; an existing {@code dir} is made 0700 too. */
    public static Path directories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        Path parent = abs.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            directories(parent);
        }
        if (!posix(abs)) {
            return Files.createDirectories(abs);
        }
        try {
            Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(DIR));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(abs)) {
                throw e;
            }
        }
        Files.setPosixFilePermissions(abs, DIR); // umask may have taken bits away, or it existed 0755
        return dir;
    }

    /** Creates a new empty file 0600 (fails if it exists) in an existing folder, whose rights are left as they are. */
    public static Path newFile(Path file) throws IOException {
        if (!posix(file)) {
            return Files.createFile(file);
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        Files.setPosixFilePermissions(file, FILE);
        return file;
    }

    /** Makes an existing file 0600 (a settings file written before this rule). */
    public static void restrict(Path file) throws IOException {
        if (Files.exists(file) && posix(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
