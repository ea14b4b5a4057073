package r4rescue.procedure.sdcard;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The card list over a made-up sysfs/proc/udev: the disk of a kernel-mounted root ({@code /dev/root}),
 * a root on device-mapper, swap, a 2 TB USB disk, loop and zram are never offered as cards; a USB
 * reader and an SD slot are, with their partitions' labels; a system disk is refused even with --unsafe.
 */
@Tag("unit")
class BlockDisksTest {

    @TempDir
    Path root;
    Path sys;
    Path proc;
    Path udev;
    BlockDisks disks;

    @BeforeEach
    void tree() throws IOException {
        sys = root.resolve("sys");
        proc = root.resolve("proc");
        udev = root.resolve("udev");
        Files.createDirectories(udev);
        // sda: the system SSD; / is mounted by the kernel as /dev/root (mountinfo names it so, but its major:minor is sda2's)
        disk("sda", "8:0", 500_000_000_000L, false, "ata", "Samsung SSD");
        part("sda", "sda1", "8:1", "EFI", "vfat");
        part("sda", "sda2", "8:2", null, "ext4");
        // sdb: a USB card reader with a card holding OpenWrt's two partitions, one mounted by the desktop
        disk("sdb", "8:16", 31_900_000_000L, true, "usb", "Generic STORAGE DEVICE");
        part("sdb", "sdb1", "8:17", "boot", "vfat");
        part("sdb", "sdb2", "8:18", "rootfs", "ext4");
        // sdc: a 2 TB USB disk; sdd: a USB stick holding swap; nvme0n1 holds /home through LVM (dm-0)
        disk("sdc", "8:32", 2_000_000_000_000L, false, "usb", "WD Elements");
        disk("sdd", "8:48", 16_000_000_000L, true, "usb", "SanDisk");
        part("sdd", "sdd1", "8:49", null, "swap");
        disk("nvme0n1", "259:0", 1_000_000_000_000L - 1, false, null, "WD SN770");
        part("nvme0n1", "nvme0n1p1", "259:1", null, "LVM2_member");
        disk("dm-0", "253:0", 900_000_000_000L, false, null, "");
        Files.createDirectories(sys.resolve("block/dm-0/slaves/nvme0n1p1"));
        disk("mmcblk0", "179:0", 63_800_000_000L, false, null, "SD64G");
        Files.writeString(sys.resolve("block/mmcblk0/device/type"), "SD\n");
        disk("loop0", "7:0", 80L << 20, false, null, "");
        disk("zram0", "252:0", 8_000_000_000L, false, null, "");
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/mountinfo"), """
                22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/root rw
                23 22 8:1 / /boot/efi rw shared:2 - vfat /dev/sda1 rw
                24 22 253:0 / /home rw shared:3 - ext4 /dev/mapper/vg-home rw
                25 22 8:17 / /media/me/boot rw shared:4 - vfat /dev/sdb1 rw
                """);
        Files.writeString(proc.resolve("swaps"), "Filename Type Size Used Priority\n/dev/sdd1 partition 1000 0 -2\n");
        disks = new BlockDisks(sys, proc, udev, root.resolve("dev"));
    }

    private void disk(String name, String majMin, long bytes, boolean removable, String bus, String model) throws IOException {
        Path b = Files.createDirectories(sys.resolve("block").resolve(name));
        Files.writeString(b.resolve("dev"), majMin + "\n");
        Files.writeString(b.resolve("size"), bytes / 512 + "\n");
        Files.writeString(b.resolve("removable"), (removable ? "1" : "0") + "\n");
        Files.createDirectories(b.resolve("device"));
        Files.writeString(b.resolve("device/model"), model + "\n");
        Files.createDirectories(sys.resolve("class/block"));
        Files.createSymbolicLink(sys.resolve("class/block").resolve(name), b);
        if (bus != null) {
            Files.writeString(udev.resolve("b" + majMin), "E:ID_BUS=" + bus + "\n");
        }
    }

    private void part(String disk, String name, String majMin, String label, String fs) throws IOException {
        Path p = Files.createDirectories(sys.resolve("block").resolve(disk).resolve(name));
        Files.writeString(p.resolve("dev"), majMin + "\n");
        Files.writeString(p.resolve("partition"), name.replaceAll(".*[^0-9]", "") + "\n");
        Files.createSymbolicLink(sys.resolve("class/block").resolve(name), p);
        Files.writeString(udev.resolve("b" + majMin), (label == null ? "" : "E:ID_FS_LABEL=" + label + "\n") + "E:ID_FS_TYPE=" + fs + "\n");
    }

    private BlockDisks.Disk get(String name) throws IOException {
        return disks.all().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void onlyTheCardsAreOffered() throws IOException {
        assertEquals(List.of("mmcblk0", "sdb"), disks.cards(false).stream().map(BlockDisks.Disk::name).toList());
        BlockDisks.Disk sdb = get("sdb");
        assertEquals("usb", sdb.transport());
        assertEquals(List.of("/media/me/boot"), sdb.partitions().get(0).mountPoints());
        assertTrue(sdb.line().contains("sdb1 \"boot\" (vfat) on /media/me/boot"), sdb.line());
        assertTrue(sdb.line().contains("31.9 GB"), sdb.line());
        assertEquals("mmc", get("mmcblk0").transport());
    }

    @Test
    void systemDisksAreMarkedByMajorMinorThroughDeviceMapperAndSwap() throws IOException {
        assertEquals(List.of("/", "/boot/efi"), get("sda").system());
        assertEquals(List.of("/home"), get("nvme0n1").system());
        assertEquals(List.of("swap"), get("sdd").system());
        assertTrue(get("sdb").system().isEmpty());
    }

    @Test
    void unsafeAddsBenchDevicesButNeverASystemDisk() throws IOException {
        List<String> unsafe = disks.cards(true).stream().map(BlockDisks.Disk::name).toList();
        assertEquals(List.of("loop0", "mmcblk0", "sdb", "sdc", "zram0"), unsafe);
        assertEquals("larger than 1 TB", get("sdc").hiddenWhy());
        assertTrue(get("loop0").hiddenWhy().contains("loop"));
    }

    @Test
    void refusalSaysWhyAndASystemDiskIsRefusedEvenWithUnsafe() throws IOException {
        assertTrue(get("sda").refusal(true).orElseThrow().text().contains("holds /, /boot/efi"));
        assertTrue(get("sdd").refusal(true).orElseThrow().text().contains("swap"));
        assertTrue(get("loop0").refusal(false).orElseThrow().text().contains("--unsafe"));
        assertTrue(get("loop0").refusal(true).isEmpty());
        assertTrue(get("sdb").refusal(false).isEmpty());
    }
}
