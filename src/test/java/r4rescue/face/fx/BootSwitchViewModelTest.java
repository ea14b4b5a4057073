package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.console.bootlog.BootDiagnosis;
import r4rescue.console.bootlog.BootLogObserver;
import r4rescue.console.bootlog.Stage;
import r4rescue.console.bootlog.TimelineSegment;
import r4rescue.console.bootlog.TimelineSegment.State;

/**
 * Several boots in one stream: each power-on or announced restart starts a new boot on the
 * timeline, the earlier ones stay reachable by number with their own diagnosis, and no stage is
 * shown running once a later stage, a prompt or a new boot has been seen (#22).
 */
@Tag("unit")
class BootSwitchViewModelTest {

    private final BootLogObserver observer = new BootLogObserver();
    private final BootTimelineViewModel vm = new BootTimelineViewModel(null);
    private long t = 1_000;

    @Test
    void aPowerCycleToThePromptStartsBootTwoAndTheKernelOfBootOneIsNoLongerLive() throws IOException {
        feed(corpus("linux-rootwait-hang.log"));
        assertEquals(List.of(1), vm.boots());
        assertEquals(State.CURRENT, state(Stage.KERNEL), "Linux runs while the kernel waits");

        feed(corpus("linux-rootwait-hang.log").subList(0, 40)); // power cycle: BROM, BL2, BL31, U-Boot…
        feed(List.of("Hit any key to stop autoboot:  0", "MT7988> "));
        assertEquals(List.of(1, 2), vm.boots());
        assertEquals(2, vm.shownBootProperty().get(), "the newest boot is shown");
        assertEquals(State.PASSED, state(Stage.UBOOT), "at the prompt U-Boot waits, it does not run");
        assertEquals(State.PENDING, state(Stage.KERNEL));
        assertNoneRunning();
        assertNull(vm.findingProperty().get(), "waiting at the prompt is no failure");

        assertTrue(vm.showBoot(1));
        assertEquals(State.FAILED, state(Stage.KERNEL), "boot 1 is judged where it stopped");
        assertEquals("linux-rootwait-hang", vm.findingProperty().get().id(), "boot 1 has its own diagnosis");
        assertTrue(vm.statusProperty().get().startsWith("Boot 1: stopped in Linux"), vm.statusProperty().get());
        assertNoneRunning();
        assertFalse(vm.showBoot(3), "no boot 3 yet");
    }

    @Test
    void threeBootsARestartAnnouncedByLinuxAndAPickThatStaysUntilTheNewestIsPicked() throws IOException {
        feed(corpus("nand-complete.log"));
        feed(List.of("[   61.000000] reboot: Restarting system"));
        assertEquals(List.of(1, 2), vm.boots(), "the restart ends boot 1 before the Boot ROM speaks");
        assertEquals("The board restarts \u2014 waiting for its next boot", vm.statusProperty().get());
        assertTrue(vm.segments().stream().allMatch(s -> s.state() == State.PENDING), vm.segments().toString());

        // the Boot ROM's lines are lost: BL2 is the first the second boot says
        feed(List.of("NOTICE:  BL2: v2.10.0   (release):OpenWrt v2024.01.17~bacca82a-3 (mt7988-spim-nand-ubi-comb)"));
        assertEquals(State.PENDING, state(Stage.BOOTROM));
        assertEquals(State.CURRENT, state(Stage.BL2));

        assertTrue(vm.showBoot(1));
        assertEquals("Boot 1: booted to userspace, then the board restarted", vm.statusProperty().get());
        assertTrue(vm.segments().stream().allMatch(s -> s.state() == State.PASSED), vm.segments().toString());
        assertNull(vm.findingProperty().get());

        feed(corpus("emmc-system-halt.log")); // boot 3
        assertEquals(List.of(1, 2, 3), vm.boots());
        assertEquals(1, vm.shownBootProperty().get(), "the user's pick stays while new boots come");
        assertNull(vm.findingProperty().get());

        assertTrue(vm.showBoot(2));
        assertNotEquals(State.CURRENT, state(Stage.BL2), "boot 2 ended in BL2: not running any more");
        assertNoneRunning();
        assertTrue(vm.showBoot(3));
        assertEquals("brom-system-halt", vm.findingProperty().get().id(), "boot 3's diagnosis on the card");
        feed(corpus("nand-complete.log")); // boot 4: the newest was shown, so it is followed
        assertEquals(4, vm.shownBootProperty().get());
        assertEquals(State.PASSED, state(Stage.USERSPACE));
        assertNull(vm.findingProperty().get(), "boot 4 booted: no card");
    }

    @Test
    void aSegmentOfAnEndedBootIsNeverRunning() {
        TimelineSegment running = new TimelineSegment(Stage.KERNEL, State.CURRENT, 3000, -1, 80);
        assertEquals(State.INTERRUPTED, running.ended().state());
        TimelineSegment failed = new TimelineSegment(Stage.KERNEL, State.FAILED, 3000, -1, 80);
        assertSame(failed, failed.ended());
    }

    // ---- helpers

    private void feed(List<String> lines) {
        for (String l : lines) {
            observer.accept(l, t += 10);
        }
        BootDiagnosis d = observer.snapshot();
        vm.update(d, observer.earlierBoots(), 500);
    }

    private State state(Stage s) {
        return vm.segments().stream().filter(x -> x.stage() == s).findFirst().orElseThrow().state();
    }

    private void assertNoneRunning() {
        assertTrue(vm.segments().stream().noneMatch(s -> s.state() == State.CURRENT), vm.segments().toString());
    }

    private static List<String> corpus(String name) throws IOException {
        try (InputStream in = BootSwitchViewModelTest.class.getResourceAsStream("/r4rescue/bootlog/corpus/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
