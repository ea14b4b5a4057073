package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.procedure.slots.RootfsArchive;
import r4rescue.procedure.bootenv.KernelCmdline;
import r4rescue.procedure.checklist.ProductionChecklist;

@Tag("unit")
class MigrateUnitTest {

    final MigrateConfig cfg = MigrateConfig.load();

    @Test
    void bootargsKeepEverythingButTheRoot() {
        String snand = "console=ttyS0,115200n1 pci=pcie_bus_perf root=/dev/fit0 rootwait ubi.block=0,fit";
        assertEquals("console=ttyS0,115200n1 pci=pcie_bus_perf root=/dev/nvme0n1p1 rootfstype=ext4 rootwait ubi.block=0,fit",
                KernelCmdline.withRoot(snand, "/dev/nvme0n1p1"));
        assertEquals("console=ttyS0 root=/dev/nvme0n1p2 rootfstype=ext4 rootwait",
                KernelCmdline.withRoot("console=ttyS0 root=/dev/nvme0n1p1 rootfstype=ext4 rootwait", "/dev/nvme0n1p2"));
        assertEquals("console=ttyS0 root=/dev/nvme0n1p1 rootfstype=ext4 rootwait", KernelCmdline.withRoot("console=ttyS0", "/dev/nvme0n1p1"));
        assertEquals("/dev/fit0", KernelCmdline.root(snand).orElseThrow());
    }

    @Test
    void theVariableCarryingRootIsFound() {
        assertEquals("bootargs", KernelCmdline.carrier(Map.of("bootargs", "console=ttyS0 root=/dev/fit0"), "bootargs"));
        assertEquals("rootargs", KernelCmdline.carrier(Map.of("bootargs", "console=ttyS0", "rootargs", "root=/dev/mmcblk0p6 rootwait",
                "bootcmd", "setenv bootargs ${bootargs} root=/dev/x; bootm"), "bootargs"));
        assertEquals("bootargs", KernelCmdline.carrier(Map.of("bootargs", "console=ttyS0"), "bootargs"));
    }

    @Test
    void layoutsAndSizes() {
        assertEquals("/dev/nvme0n1p2", MigrateConfig.partition("/dev/nvme0n1", 2));
        assertEquals("/dev/sda2", MigrateConfig.partition("/dev/sda", 2));
        SsdLayout ab = SsdLayout.ab(cfg, cfg.abRootMiB());
        assertTrue(ab.sfdiskScript(cfg).contains("size=8192MiB, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name=root-A\n"));
        assertTrue(ab.minimumBytes(cfg, 100 << 20) > 16L << 30);
        assertEquals("label: gpt\nname=nvme-root, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n", SsdLayout.single(cfg).sfdiskScript(cfg));
        assertEquals(8, ProductionChecklist.items().size());
    }

    @Test
    void rootfsArchivesAreChecked(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("rootfs.tar.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(good))) {
            o.write(tar("./bin/busybox", 1000, "./sbin/init", 0));
        }
        RootfsArchive.Check c = RootfsArchive.check(good);
        assertTrue(c.gzip() && c.hasInit());
        assertEquals(2, c.members());

        Path noInit = dir.resolve("data.tar");
        Files.write(noInit, tar("./etc/passwd", 10));
        assertFalse(RootfsArchive.check(noInit).hasInit());

        Path truncated = dir.resolve("cut.tar");
        byte[] t = tar("./sbin/init", 5000);
        Files.write(truncated, java.util.Arrays.copyOf(t, 2048));
        assertThrows(IOException.class, () -> RootfsArchive.check(truncated));

        Path itb = dir.resolve("sysupgrade.itb");
        Files.write(itb, new byte[] {(byte) 0xd0, 0x0d, (byte) 0xfe, (byte) 0xed, 0, 0, 0, 0});
        assertThrows(IOException.class, () -> RootfsArchive.check(itb));
    }

    /** A minimal ustar stream: name, size pairs, zero-filled contents, end blocks. */
    static byte[] tar(Object... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < entries.length; i += 2) {
            byte[] h = new byte[512];
            byte[] name = ((String) entries[i]).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(name, 0, h, 0, name.length);
            int size = (Integer) entries[i + 1];
            byte[] sz = String.format("%011o", size).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(sz, 0, h, 124, sz.length);
            System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 5);
            out.writeBytes(h);
            out.writeBytes(new byte[(size + 511) / 512 * 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }
}
