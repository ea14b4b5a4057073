package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.procedure.slots.AbSlots;
import r4rescue.procedure.bootenv.FwEnv;
import r4rescue.procedure.bootenv.KernelCmdline;
import r4rescue.procedure.bootenv.UBootEnvAccess;
import r4rescue.procedure.core.Stopped;
import r4rescue.board.Boards;
import r4rescue.protocol.uboot.HoldEvent;
import r4rescue.sim.uboot.EnvStore;

/** The U-Boot prompt as the way to the environment: a build without fw_setenv, and switching back from a slot that does not boot. */
@Tag("sim")
class SimUBootPathTest {

    private static String env(SimBench b, String name) {
        return new EnvStore(b.board.state(), b.board.state().bootMedium()).load().env().get(name);
    }

    @Test
    void migrationWithoutFwSetenvGoesThroughUBoot() throws Exception {
        try (SimBench b = new SimBench("no-fw-setenv")) {
            long t0 = System.nanoTime();
            String before = env(b, "bootargs");
            assertTrue(b.shell.run("fw_setenv x y").notFound());
            NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
            PreflightReport pf = m.preflight(null);
            assertFalse(pf.fwEnv());
            List<String> parts = m.partition(pf, SsdLayout.single(b.cfg), null);
            m.copy(parts.get(0));
            List<HoldEvent> holds = new ArrayList<>();
            UBootEnvAccess uboot = new UBootEnvAccess(b.shell, Boards.R4, Duration.ofSeconds(60), holds::add);
            String ev = m.pointRoot(uboot, parts.get(0));
            assertTrue(ev.contains("after:  bootargs=" + KernelCmdline.withRoot(before, "/dev/nvme0n1p1")), ev);
            assertEquals(KernelCmdline.withRoot(before, "/dev/nvme0n1p1"), env(b, "bootargs"), "saved by saveenv");
            assertEquals(before, env(b, "r4rescue_prev_bootargs"));
            assertTrue(holds.stream().anyMatch(h -> h.kind() == HoldEvent.Kind.PROMPT || h.kind() == HoldEvent.Kind.BREAKING_IN
                    || h.kind() == HoldEvent.Kind.AUTOBOOT_COUNTDOWN), holds.toString());
            NvmeMigration.RebootReport r = m.rebootAndProve(parts.get(0), 60_000, uboot);
            assertTrue(r.rootMount().contains("/dev/root on / type ext4"), r.rootMount());
            assertTrue(b.commands().contains("reboot") && b.commands().contains("boot"), b.commands().toString());
            System.out.printf("sim-migrate-uboot-path %.2f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    @Test
    void aComposedCommandLineIsChangedWhereItComesFromAndRolledBack() throws Exception {
        try (SimBench b = new SimBench("scripted-bootargs")) {
            String script = env(b, "boot_production");
            assertTrue(b.shell.check("cat /proc/cmdline").text().contains("root=/dev/fit0"), "the script's bootargs reach the kernel");
            NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
            List<String> parts = m.partition(m.preflight(null), SsdLayout.single(b.cfg), null);
            m.copy(parts.get(0));
            UBootEnvAccess uboot = new UBootEnvAccess(b.shell, Boards.R4, Duration.ofSeconds(60), h -> { });
            String ev = m.pointRoot(uboot, parts.get(0));
            assertTrue(ev.contains("after:  rootdev=/dev/nvme0n1p1"), ev);
            assertEquals("/dev/nvme0n1p1", env(b, "rootdev"));
            assertEquals(script.replace("rootwait ubi.block=0,fit ;", "rootwait ubi.block=0,fit rootfstype=ext4;"), env(b, "boot_production"));
            assertEquals("/dev/fit0", env(b, "r4rescue_prev_rootdev"));
            assertEquals(script, env(b, "r4rescue_prev_boot_production"));
            assertEquals(null, env(b, "bootargs"), "no plain bootargs was invented");
            NvmeMigration.RebootReport r = m.rebootAndProve(parts.get(0), 60_000, uboot);
            assertTrue(r.cmdline().contains("root=/dev/nvme0n1p1") && r.cmdline().contains("rootfstype=ext4"), r.cmdline());

            UBootEnvAccess again = new UBootEnvAccess(b.shell, Boards.R4, Duration.ofSeconds(60), h -> { });
            m.rollback(again);
            assertEquals("/dev/fit0", env(b, "rootdev"));
            assertEquals(script, env(b, "boot_production"));
            m.rebootAndProve("/dev/fit0", 60_000, again);
        }
    }

    @Test
    void aSlotThatDoesNotBootIsSwitchedBackFromUBoot() throws Exception {
        try (SimBench b = new SimBench("nvme-root")) {
            long t0 = System.nanoTime();
            String before = env(b, "bootargs");
            b.shell.check("mkfs.ext4 -F -q -L root-B /dev/nvme0n1p2");
            AbSlots ab = new AbSlots(b.steps(), b.cfg, "/dev/nvme0n1");
            ab.switchTo("B", new FwEnv(b.shell));
            NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
            Stopped e = assertThrows(Stopped.class, () -> m.rebootAndProve("/dev/nvme0n1p2", 60_000));
            assertEquals(Stopped.Kind.BOARD_SAID_NO, e.kind());
            assertTrue(e.getMessage().contains("No working init found"), e.getMessage());
            assertEquals("proc.nvme.reboot", e.stepId(), "the window and `slot` find the reboot by this id");
            assertEquals("panic", b.board.stage());
            UBootEnvAccess uboot = UBootEnvAccess.afterFailedBoot(b.shell, Boards.R4, Duration.ofSeconds(60), h -> {
                if (h.kind() == HoldEvent.Kind.POWER_CYCLE_NOW) {
                    b.board.powerCycle(); // the user's hand on the power switch
                }
            });
            NvmeMigration.RebootReport r = m.switchBack(uboot, 60_000);
            assertEquals(before, env(b, "bootargs"));
            assertTrue(r.rootMount().contains("/dev/root on / type ext4"), r.rootMount());
            assertEquals("A", ab.status().activeSlot());
            System.out.printf("sim-ab-auto-switch-back %.2f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    @Test
    void aSlotWhoseRootNeverAppearsIsSeenWaiting() throws Exception {
        try (SimBench b = new SimBench("healthy-nand")) {
            NvmeMigration m = new NvmeMigration(b.steps(), b.cfg, "/dev/nvme0n1");
            m.setRootGraceMs(1500);
            b.shell.check("fw_setenv bootargs 'console=ttyS0,115200n1 root=/dev/nvme0n1p1 rootfstype=ext4 rootwait'");
            Stopped e = assertThrows(Stopped.class, () -> m.rebootAndProve("/dev/nvme0n1p1", 60_000));
            assertTrue(e.getMessage().contains("Waiting for root device"), e.getMessage());
            assertEquals("rootwait", b.board.stage());
        }
    }
}
