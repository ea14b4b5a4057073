package r4rescue.face.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.console.bootlog.BootLogObserver;
import r4rescue.console.bootlog.SavedLog;
import r4rescue.console.bootlog.Stage;
import r4rescue.console.bootlog.TimelineSegment.State;

/**
 * The timeline after a serial-line (UART) download: the board halted in its Boot ROM, then the
 * Boot ROM took a RAM BL2 and BL2 the FIP, without a new power-on line. The recorded stream
 * (the simulator's uart-only board through {@code UartBoot}, handshake and download bytes included)
 * must show two boots, the newest at U-Boot's prompt with no Boot ROM finding on the card.
 */
@Tag("unit")
class UartBootTimelineTest {

    @Test
    void aUartDownloadAfterTheHaltStartsBootTwo() throws IOException {
        BootLogObserver observer = new BootLogObserver();
        SavedLog.feed(recorded(), observer);
        BootTimelineViewModel vm = new BootTimelineViewModel(null);
        vm.update(observer.snapshot(), observer.earlierBoots(), 500);

        assertEquals(List.of(1, 2), vm.boots(), "the download starts a new boot");
        assertEquals(2, vm.shownBootProperty().get(), "the newest boot is shown");
        assertNull(vm.findingProperty().get(), "waiting at U-Boot's prompt is no failure: " + vm.findingProperty().get());
        assertEquals(State.PASSED, state(vm, Stage.BL2));
        assertEquals(State.PASSED, state(vm, Stage.UBOOT), "U-Boot reached its prompt, not stopped");
        assertNotEquals(State.FAILED, state(vm, Stage.BOOTROM));

        assertTrue(vm.showBoot(1));
        assertEquals("brom-system-halt", vm.findingProperty().get().id(), "boot 1 keeps the Boot ROM's halt");
    }

    @Test
    void aRamBl2RightAfterThePowerOnLinesStaysInThatBoot() {
        BootLogObserver observer = new BootLogObserver();
        long t = 0;
        for (String l : List.of("F0: 102B 0000", "FA: 1042 0000",
                "NOTICE:  BL2: v2.10.0   (release):OpenWrt v2024.01.17~bacca82a-3 (mt7988-ram-comb)",
                "NOTICE:  BL31: v2.10.0   (release):OpenWrt v2024.01.17~bacca82a-3 (mt7988-ram-comb)")) {
            observer.accept(l, t += 10);
        }
        assertEquals(0, observer.snapshot().previousBoots().size(), "a Boot ROM still running took the download itself");
        assertEquals(Stage.BL31, observer.snapshot().lastStage());
    }

    private static State state(BootTimelineViewModel vm, Stage s) {
        return vm.segments().stream().filter(x -> x.stage() == s).findFirst().orElseThrow().state();
    }

    private static byte[] recorded() throws IOException {
        try (InputStream in = UartBootTimelineTest.class.getResourceAsStream("/r4rescue/bootlog/corpus/uart-boot-ram-bl2.log")) {
            return in.readAllBytes();
        }
    }
}
