package r4rescue.protocol.uboot;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class BootArgsTest {

    private static final String OPENWRT = "console=ttyS0,115200n1 pci=pcie_bus_perf root=/dev/fit0 rootwait ubi.block=0,fit";

    @Test
    void changesRootAndKeepsEverythingElseInOrder() {
        BootArgs a = BootArgs.parse(OPENWRT).with("root", "/dev/nvme0n1p1").with("rootfstype", "ext4").withFlag("rootwait");
        assertEquals("console=ttyS0,115200n1 pci=pcie_bus_perf root=/dev/nvme0n1p1 rootwait ubi.block=0,fit rootfstype=ext4",
                a.toString());
        assertEquals("/dev/nvme0n1p1", a.get("root").orElseThrow());
    }

    @Test
    void keepsQuotedValuesAndDropsDuplicateRoots() {
        BootArgs a = BootArgs.parse("dyndbg=\"file x.c +p\"  root=/dev/sda1 root=/dev/sda2").with("root", "/dev/sdb3");
        assertEquals(List.of("dyndbg=\"file x.c +p\"", "root=/dev/sdb3"), a.tokens());
    }

    @Test
    void rootDevicesAreChecked() {
        for (String ok : new String[] {"/dev/nvme0n1p1", "/dev/mmcblk0p5", "/dev/sda1", "/dev/fit0",
                "PARTUUID=6c2f6f5c-01", "PARTUUID=1b4e28ba-2fa1-11d2-883f-0016d3cca427", "UUID=1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                "LABEL=rootfs", "/dev/ubiblock0_1"}) {
            assertEquals(ok, BootArgs.checkRoot(ok));
        }
        for (String bad : new String[] {"/dev/nvme0n1", "/dev/nvme0n1pX", "/dev/nvme0n1p1; reset", "/dev/mmcblk0",
                "nvme0n1p1", "", "/dev/sda", "PARTUUID=xyz"}) {
            assertThrows(IllegalArgumentException.class, () -> BootArgs.checkRoot(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> BootArgs.checkRootfsType("ext5"));
        assertThrows(IllegalArgumentException.class, () -> BootArgs.checkConsole("ttyS0,115200;reset"));
        assertEquals("ttyS0,115200n1", BootArgs.checkConsole("ttyS0,115200n1"));
    }

    private static UBootEnv env(String... lines) {
        return UBootEnv.parse(String.join("\n", lines) + "\n\nEnvironment size: 100/262140 bytes");
    }

    private static final BootArgsRepair.Wanted NVME = new BootArgsRepair.Wanted("/dev/nvme0n1p1", "ext4", null, true);

    @Test
    void openWrtPlainBootargsIsEditedInPlace() {
        UBootEnv e = env("bootargs=" + OPENWRT, "bootcmd=run boot_ubi");
        List<BootArgsRepair.Change> c = BootArgsRepair.plan(e, NVME);
        assertEquals(1, c.size());
        assertEquals("bootargs", c.get(0).variable());
        assertEquals(OPENWRT, c.get(0).oldValue());
        assertEquals("console=ttyS0,115200n1 pci=pcie_bus_perf root=/dev/nvme0n1p1 rootwait ubi.block=0,fit rootfstype=ext4",
                c.get(0).newValue());
        assertTrue(BootArgsRepair.describe(c).startsWith("bootargs: '"));
    }

    @Test
    void scriptWithReferencedRootVariableChangesTheVariable() {
        UBootEnv e = env("console=console=ttyS0,115200",
                "root=/dev/mmcblk0p2",
                "boot_sd=setenv bootargs ${console} root=${root} rootfstype=ext4 rootwait; bootm");
        List<BootArgsRepair.Change> c = BootArgsRepair.plan(e, NVME);
        assertEquals(1, c.size(), c.toString());
        assertEquals(new BootArgsRepair.Change("root", "/dev/mmcblk0p2", "/dev/nvme0n1p1"), c.get(0));
    }

    @Test
    void scriptWithLiteralRootIsEditedInsideTheScript() {
        UBootEnv e = env("bootargs_root=root=/dev/mmcblk0p5 rootwait",
                "bootcmd=setenv bootargs \"console=ttyS0,115200 ${bootargs_root}\"; run boot2",
                "x=fdt set /chosen bootargs 'console=ttyS0 root=/dev/sda1'");
        List<BootArgsRepair.Change> c = BootArgsRepair.plan(e, new BootArgsRepair.Wanted("/dev/nvme0n1p2", null, null, true));
        assertEquals(2, c.size(), c.toString());
        assertEquals("root=/dev/nvme0n1p2 rootwait", c.stream().filter(x -> x.variable().equals("bootargs_root"))
                .findFirst().orElseThrow().newValue());
        assertEquals("fdt set /chosen bootargs 'console=ttyS0 root=/dev/nvme0n1p2'",
                c.stream().filter(x -> x.variable().equals("x")).findFirst().orElseThrow().newValue());
    }

    @Test
    void missingRootIsAddedToTheScriptThatOverwritesBootargs() {
        UBootEnv e = env("bootargs=console=ttyS0", "bootcmd=setenv bootargs console=ttyS0,115200 quiet; bootm");
        List<BootArgsRepair.Change> c = BootArgsRepair.plan(e, NVME);
        assertEquals(1, c.size(), c.toString());
        assertEquals("setenv bootargs console=ttyS0,115200 quiet root=/dev/nvme0n1p1 rootfstype=ext4 rootwait; bootm",
                c.get(0).newValue());
        assertTrue(BootArgsRepair.plan(env("bootargs=" + OPENWRT.replace("/dev/fit0", "/dev/nvme0n1p1") + " rootfstype=ext4"),
                NVME).isEmpty(), "already right: nothing to do");
    }
}
