package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host-written GPT read back by util-linux's sfdisk, the reference reader. */
@Tag("unit")
class GptImageTest {

    final MigrateConfig cfg = MigrateConfig.load();

    @TempDir
    Path dir;

    @Test
    void singleRootIsWhatSfdiskReads() throws Exception {
        long bytes = 256L << 20;
        String dump = writeAndDump(GptImage.of(SsdLayout.single(cfg), cfg, bytes), bytes);
        assertTrue(dump.contains("label: gpt"), dump);
        assertTrue(dump.contains("first-lba: 34"), dump);
        assertTrue(dump.contains("last-lba: " + (bytes / 512 - 34)), dump);
        List<String> parts = partLines(dump);
        assertEquals(1, parts.size(), dump);
        assertTrue(parts.get(0).contains("start=        2048, size=      520192, type=" + cfg.linuxPartitionType()), dump);
        assertTrue(parts.get(0).contains("name=\"" + cfg.singleLabel() + "\""), dump);
    }

    @Test
    void abLayoutIsWhatSfdiskReads() throws Exception {
        long bytes = 1L << 30;
        String dump = writeAndDump(GptImage.of(SsdLayout.ab(cfg, 300), cfg, bytes), bytes);
        List<String> parts = partLines(dump);
        assertEquals(3, parts.size(), dump);
        assertTrue(parts.get(0).contains("start=        2048, size=      614400"), dump);
        assertTrue(parts.get(1).contains("start=      616448, size=      614400"), dump);
        assertTrue(parts.get(2).contains("start=     1230848, size=      864256"), dump);
        for (int i = 0; i < 3; i++) {
            assertTrue(parts.get(i).contains("name=\"" + cfg.abLabels().get(i) + "\""), dump);
            assertTrue(parts.get(i).contains("type=" + cfg.linuxPartitionType()), dump);
        }
    }

    @Test
    void everyPartitionGetsItsOwnGuid() {
        GptImage a = GptImage.of(SsdLayout.ab(cfg, 300), cfg, 1L << 30);
        GptImage b = GptImage.of(SsdLayout.ab(cfg, 300), cfg, 1L << 30);
        assertFalse(java.util.Arrays.equals(a.head(), b.head()), "disk and partition GUIDs are random");
    }

    @Test
    void tooSmallADiskIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GptImage.of(SsdLayout.ab(cfg, 300), cfg, 512L << 20));
    }

    private String writeAndDump(GptImage gpt, long bytes) throws Exception {
        Path img = dir.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(bytes);
            f.write(gpt.head());
            f.seek(gpt.tailOffset());
            f.write(gpt.tail());
        }
        assertEquals(bytes, Files.size(img));
        String verify = run("--verify", img.toString());
        assertTrue(verify.contains("No errors detected"), verify);
        assertFalse(verify.toLowerCase().contains("corrupt"), verify);
        return run("--dump", img.toString());
    }

    private static List<String> partLines(String dump) {
        List<String> out = new ArrayList<>();
        for (String l : dump.split("\n")) {
            if (l.contains(" : start=")) {
                out.add(l);
            }
        }
        return out;
    }

    private static String run(String... args) throws IOException, InterruptedException {
        Path sfdisk = Path.of("/usr/sbin/sfdisk");
        Assumptions.assumeTrue(Files.isExecutable(sfdisk), "util-linux sfdisk at " + sfdisk);
        List<String> cmd = new ArrayList<>(List.of(sfdisk.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
