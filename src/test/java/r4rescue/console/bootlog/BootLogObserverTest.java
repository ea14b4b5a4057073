package r4rescue.console.bootlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class BootLogObserverTest {

    private static List<String> lines(String name) throws Exception {
        return Files.readAllLines(DiagnoseCorpusTest.corpus().resolve(name + ".log"));
    }

    @Test
    void liveBootReportsStagesInOrderWithTimes() throws Exception {
        BootLogObserver o = new BootLogObserver();
        List<BootEvent> events = new ArrayList<>();
        o.addListener(events::add);
        long t = 10_000;
        for (String l : lines("nand-nvme-root-complete")) {
            o.accept(l, t += 50);
        }
        List<Stage> stages = events.stream().filter(e -> e.kind() == BootEvent.Kind.STAGE).map(BootEvent::stage).toList();
        assertEquals(List.of(Stage.BOOTROM, Stage.BL2, Stage.BL31, Stage.UBOOT, Stage.KERNEL, Stage.USERSPACE), stages);
        BootEvent kernel = events.stream().filter(e -> e.kind() == BootEvent.Kind.STAGE && e.stage() == Stage.KERNEL).findFirst().orElseThrow();
        assertEquals((kernel.line() - 1) * 50, kernel.sinceBootMs(), "time since the F0 line");
        assertTrue(events.stream().anyMatch(e -> e.kind() == BootEvent.Kind.BOOT_DEVICE && "SPI-NAND".equals(e.value())));
        assertTrue(events.stream().anyMatch(e -> e.kind() == BootEvent.Kind.ROOT_MOUNTED && "/dev/nvme0n1p1".equals(e.value())));
        assertTrue(events.stream().anyMatch(e -> e.kind() == BootEvent.Kind.SHELL_PROMPT));
        assertTrue(events.stream().noneMatch(e -> e.kind() == BootEvent.Kind.FAILURE), "benign lines stay benign");
        o.tick(t + 600_000);
        assertNull(o.snapshot().failure(), "userspace never hangs");
        assertEquals(TimelineSegment.State.PASSED, o.snapshot().timeline().get(5).state());
    }

    @Test
    void silentBoardIsReportedAfterTheSilenceTime() {
        BootLogObserver o = new BootLogObserver();
        List<BootEvent> events = new ArrayList<>();
        o.addListener(events::add);
        o.start(0);
        o.tick(4_000);
        assertTrue(events.isEmpty());
        o.tick(5_000);
        assertEquals("silent", events.get(0).finding().id());
        assertEquals("check-wiring", events.get(0).finding().fix());
    }

    @Test
    void dramHangIsReportedByTickAndRetractedByNewOutput() throws Exception {
        BootLogObserver o = new BootLogObserver();
        List<BootEvent> failures = new ArrayList<>();
        o.addListener(e -> {
            if (e.kind() == BootEvent.Kind.FAILURE) {
                failures.add(e);
            }
        });
        long t = 0;
        for (String l : lines("bl2-dram-training-hang")) {
            o.accept(l, t += 10);
        }
        o.tick(t + 14_000);
        assertTrue(failures.isEmpty(), "BL2 may take a while");
        o.tick(t + 15_000);
        assertEquals("bl2-dram-training", failures.get(0).finding().id());
        assertTrue(failures.get(0).finding().detail().contains("in BL2"), failures.get(0).finding().detail());
        assertEquals(TimelineSegment.State.FAILED, o.snapshot().timeline().get(1).state());
        o.accept("NOTICE:  EMI: complex R/W mem test passed", t + 16_000);
        assertNull(o.snapshot().failure(), "the board went on: no hang");
    }

    @Test
    void rootwaitHangUsesItsOwnTimeout() throws Exception {
        BootLogObserver o = new BootLogObserver();
        for (String l : lines("linux-rootwait-hang")) {
            o.accept(l, 0);
        }
        o.tick(19_000);
        assertNull(o.snapshot().failure());
        o.tick(20_000);
        assertEquals("linux-rootwait-hang", o.snapshot().failure().id());
    }

    @Test
    void aScriptThatMerelyMentionsAFailureIsNotOne() {
        BootLogObserver o = new BootLogObserver();
        o.accept("U-Boot 2024.10-OpenWrt-r28597-0425664679 (Apr 13 2025 - 16:38:32 +0000)", 0);
        o.accept("MT7988> printenv emmc_init", 10);
        o.accept("emmc_init=if mmc dev 0 ; then ubi check emmc_install ; else echo eMMC not detected ; fi", 20);
        o.accept("nand_init=if ubi part ubi ; then true ; else echo NAND not detected ; fi", 30);
        assertNull(o.snapshot().failure(), "printenv output is not a failure");
        o.accept("eMMC not detected", 40);
        assertEquals("uboot-emmc-not-detected", o.snapshot().failure().id());
    }

    @Test
    void cleanerStripsAnsiCrAndBackspaces() {
        LineCleaner c = new LineCleaner(2048);
        assertEquals("root@OpenWrt:~# ", c.clean("\u001b[01;32mroot@OpenWrt\u001b[00m:\u001b[01;34m~\u001b[00m# \r"));
        assertEquals("Hit any key to stop autoboot:  0 ", c.clean("Hit any key to stop autoboot:  3 \b\b\b 2 \b\b\b 0 "));
        assertEquals(0, c.lastGarbage());
        assertEquals("ab", c.clean("a\u0000\u0001b"));
        assertEquals(2, c.lastGarbage());
        assertEquals(2048, c.clean("x".repeat(100_000)).length());
    }

    @Test
    void newPowerOnLineStartsANewBoot() throws Exception {
        BootLogObserver o = new BootLogObserver();
        for (String l : lines("linux-vfs-unable-to-mount")) {
            o.accept(l, 0);
        }
        for (String l : lines("sd-complete")) {
            o.accept(l, 0);
        }
        BootDiagnosis d = o.finish();
        assertEquals(BootDiagnosis.Outcome.COMPLETE, d.outcome());
        assertEquals("linux-vfs-unable-to-mount", d.previousBoots().get(0).failureId());
    }
}
