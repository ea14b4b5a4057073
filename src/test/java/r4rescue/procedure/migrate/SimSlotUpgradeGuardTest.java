package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.procedure.core.Stopped;

import r4rescue.procedure.slots.AbSlots;
import r4rescue.procedure.bootenv.FwEnv;

/**
 * Issue #14 "slot upgrade formats without asking": the slot written is the one the boot loader will
 * not boot next (its environment, not /proc/cmdline), it must be labelled root-A/root-B and not be in
 * use, and the format must be confirmed. Each refusal leaves slot B's files as they were.
 */
@Tag("sim")
class SimSlotUpgradeGuardTest {

    private static final String TARBALL = "/tmp/rootfs.tar.gz";

    private static SimBench withTarball() throws Exception {
        SimBench b = new SimBench("nvme-root");
        b.shell.check("tar -czf " + TARBALL + " -C / sbin etc");
        return b;
    }

    private static boolean slotBUntouched(SimBench b) {
        return b.nvme(2).fs.files.containsKey("/etc/openwrt_release") && b.nvme(2).fs.files.containsKey("/usr/lib/lib000.so");
    }

    private static boolean formatted(SimBench b) {
        return b.commands().stream().anyMatch(c -> c.startsWith("mkfs"));
    }

    @Test
    void aPartitionNotLabelledAsTheSlotIsRefused() throws Exception {
        try (SimBench b = withTarball()) {
            b.nvme(2).fs.label = "backup";
            AbSlots ab = new AbSlots(b.steps(), b.cfg, "/dev/nvme0n1");
            Stopped e = assertThrows(Stopped.class, () -> ab.upgradeInactive(TARBALL, new FwEnv(b.shell), q -> true));
            assertEquals(Stopped.Kind.REFUSED, e.kind());
            assertTrue(e.getMessage().contains("labelled \"backup\", not root-B"), e.getMessage());
            assertFalse(formatted(b), b.commands().toString());
            assertTrue(slotBUntouched(b));
        }
    }

    @Test
    void theInactiveSlotIsTheOneTheBootLoaderWillNotBootNext() throws Exception {
        try (SimBench b = withTarball()) {
            // running A (/proc/cmdline says p1), but the environment already boots B next: A is the
            // one to write, and A is mounted, so nothing may be formatted; B (next boot) stays.
            b.shell.check("fw_setenv bootargs 'console=ttyS0,115200 root=/dev/nvme0n1p2 rootfstype=ext4 rootwait'");
            AbSlots ab = new AbSlots(b.steps(), b.cfg, "/dev/nvme0n1");
            assertEquals("B", ab.nextSlot(new FwEnv(b.shell)));
            Stopped e = assertThrows(Stopped.class, () -> ab.upgradeInactive(TARBALL, new FwEnv(b.shell), q -> true));
            assertEquals(Stopped.Kind.REFUSED, e.kind());
            assertTrue(e.getMessage().contains("/dev/nvme0n1p1 is in use"), e.getMessage());
            assertFalse(formatted(b), b.commands().toString());
            assertTrue(slotBUntouched(b));
        }
    }

    @Test
    void theFormatIsAskedForAndNoMeansNo() throws Exception {
        try (SimBench b = withTarball()) {
            AbSlots ab = new AbSlots(b.steps(), b.cfg, "/dev/nvme0n1");
            List<String> asked = new ArrayList<>();
            Stopped e = assertThrows(Stopped.class,
                    () -> ab.upgradeInactive(TARBALL, new FwEnv(b.shell), q -> asked.add(q) && false));
            assertEquals(Stopped.Kind.REFUSED, e.kind());
            assertEquals(1, asked.size());
            assertTrue(asked.get(0).contains("Format /dev/nvme0n1p2 (slot B, root-B)"), asked.get(0));
            assertFalse(formatted(b), b.commands().toString());
            assertTrue(slotBUntouched(b));
        }
    }
}
