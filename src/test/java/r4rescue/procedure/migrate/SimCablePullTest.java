package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.protocol.CancellationToken;
import r4rescue.protocol.shell.ConsoleFileTransfer;
import r4rescue.protocol.shell.TransferProgress;
import r4rescue.util.Hashes;

/** The serial cable pulled in the middle of a transfer on the simulated board: resumable, nothing half-claimed. */
@Tag("sim")
class SimCablePullTest {

    @TempDir
    Path dir;

    @Test
    void backupDownloadResumesAfterACablePull() throws Exception {
        try (SimBench b = new SimBench("nvme-root")) {
            b.shell.setTimeoutMs(3000);
            // A bigger backup: a few files the user keeps.
            b.shell.check("mkdir -p /etc/keep && echo /etc/keep/ >> /etc/sysupgrade.conf");
            ConsoleFileTransfer up = new ConsoleFileTransfer(b.shell);
            byte[] blob = new byte[40_000];
            new Random(3).nextBytes(blob);
            up.upload(blob, "/etc/keep/blob.bin", CancellationToken.none());
            b.shell.check("sysupgrade -b /tmp/backup.tar.gz");
            long size = Long.parseLong(b.shell.check("wc -c < /tmp/backup.tar.gz").text().strip());
            assertTrue(size > 40_000, "backup of " + size + " bytes");

            ConsoleFileTransfer xfer = new ConsoleFileTransfer(b.shell);
            xfer.setChunks(ConsoleFileTransfer.UPLOAD_CHUNK, 8192);
            List<TransferProgress> seen = new ArrayList<>();
            xfer.onProgress(seen::add);
            Path local = dir.resolve("backup.tar.gz");
            b.board.faults().pullAfterBytes = b.board.uart().sentBytes() + 30_000;
            assertThrows(IOException.class, () -> xfer.download("/tmp/backup.tar.gz", local, CancellationToken.none()));
            long before = seen.isEmpty() ? 0 : seen.get(seen.size() - 1).done();
            assertTrue(before > 0 && before < size, "chunks confirmed before the pull: " + before);
            assertFalse(Files.exists(local), "the backup is not claimed before it is whole");
            assertEquals(before, Files.size(dir.resolve("backup.tar.gz.part")));

            b.board.replugCable();
            seen.clear();
            String sha = xfer.download("/tmp/backup.tar.gz", local, CancellationToken.none());
            assertEquals(before + 8192 > size ? size : before + 8192, seen.get(0).done(), "resumed where it stopped");
            assertEquals(Hashes.sha256Hex(Files.readAllBytes(local)), sha);
            assertTrue(b.shell.check("sha256sum /tmp/backup.tar.gz").output().startsWith(sha));
        }
    }

    @Test
    void uploadResumesAfterACablePullAndNeverClaimsAHalfFile() throws Exception {
        try (SimBench b = new SimBench("healthy-nand")) {
            b.shell.setTimeoutMs(3000);
            byte[] data = new byte[60_000];
            new Random(9).nextBytes(data);
            ConsoleFileTransfer xfer = new ConsoleFileTransfer(b.shell);
            List<TransferProgress> seen = new ArrayList<>();
            xfer.onProgress(seen::add);
            b.board.faults().pullAfterBytes = b.board.uart().sentBytes() + 50_000;
            assertThrows(IOException.class, () -> xfer.upload(data, "/tmp/rootfs.tar", CancellationToken.none()));
            long before = seen.isEmpty() ? 0 : seen.get(seen.size() - 1).done();
            assertTrue(before > 0 && before < data.length, "chunks confirmed before the pull: " + before);
            b.board.replugCable();
            seen.clear();
            assertNotEquals(0, b.shell.run("[ -e /tmp/rootfs.tar ]").exitStatus(), "the file is not claimed before it is whole");
            String sha = xfer.upload(data, "/tmp/rootfs.tar", CancellationToken.none());
            assertEquals(Hashes.sha256Hex(data), sha);
            assertTrue(seen.get(0).done() > before - ConsoleFileTransfer.UPLOAD_CHUNK, "resumed near " + before + ": " + seen.get(0).done());
            assertTrue(b.shell.check("sha256sum /tmp/rootfs.tar").output().startsWith(sha));
        }
    }
}
