package r4rescue.protocol.uboot;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import r4rescue.board.Boards;
import r4rescue.console.Console;
import r4rescue.link.Links;
import r4rescue.sim.SimLink;
import r4rescue.sim.uboot.EnvStore;

/**
 * {@code saveenv} is called saved only once the copy it stored was read back and equals the
 * running environment: on each of the simulated board's places (OpenWrt NAND: UBI volumes;
 * eMMC: raw MMC; MediaTek SDK: the MTD partition), and with the fault of a saveenv that answers
 * OK but stores nothing.
 */
@Tag("sim")
class SaveenvReadBackTest {

    @ParameterizedTest
    @CsvSource({"healthy-nand, UBI volume ubootenv", "emmc-boot, MMC at 0x4", "factory-mtk-sdk, MTD partition u-boot-env"})
    void aSaveenvThatStoresNothingIsNotCalledSaved(String scenario, String where) throws Exception {
        SimLink link = (SimLink) Links.create("sim:" + scenario, 115200);
        try (Console console = new Console(link)) {
            console.open();
            try (UBootSession s = UBootSession.attachOrTakeHold(console, Duration.ofSeconds(30), e -> { })) {
                s.setenv("r4test", "first value");
                s.saveenv(Boards.R4);
                var state = link.board().state();
                assertEquals("first value", new EnvStore(state, state.bootMedium()).load().env().get("r4test"), "really stored");

                s.setenv("r4test", "second value");
                link.board().faults().ubootSaveenvStoresNothing = true;
                UBootException e = assertThrows(UBootException.class, () -> s.saveenv(Boards.R4));
                assertTrue(e.getMessage().startsWith("saveenv answered OK, but the copy stored in the " + where)
                        && e.getMessage().contains("is not the running environment"), e.getMessage());

                link.board().faults().ubootSaveenvStoresNothing = false;
                s.saveenv(Boards.R4);
            }
        }
    }
}
