package r4rescue.procedure.unbrick;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Boards;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.sim.state.UbiVolume;

/**
 * The SD card's NAND install as OpenWrt's real SD env runs it (450-add-bpi-r4.patch, bootmenu_6 → ubi_init):
 * it prints no line of success, so the end of the entry is U-Boot's "Press ENTER to return to menu" and the
 * read-back alone says whether the NAND holds the card's bootloaders.
 */
@Tag("sim")
class MenuInstallRealEnvTest {

    private static final Consumer<Event> QUIET = e -> {
    };

    @Test
    void anInstallThatEndsWithoutAClosingLineIsAcceptedOnItsReadBack() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt", QUIET)) {
            UBootSession s = d.bootFromSd();
            // Left from the old system: the real ubi_format erases the whole UBI area, so it must be gone.
            d.board.state().nand.volumes.put("rootfs_data", new UbiVolume("rootfs_data", 0x100000, false));
            MenuInstall m = new MenuInstall(Boards.R4);
            Procedure p = d.procedure();

            String text = m.install(s, p, -1, -1);

            assertTrue(text.contains("Press ENTER to return to menu"), text);
            assertFalse(text.toLowerCase(Locale.ROOT).contains("completed"), "the real script says no such thing: " + text);
            assertTrue(text.contains("(1008 eraseblock(s))"), "mtd erase ubi erased the whole UBI area: " + text);
            assertEquals(BoardState.Kind.DAMAGED, p.state().kind(), "written, not yet read back: " + p.state());
            assertEquals(List.of("fip", "ubootenv", "ubootenv2", "recovery", "fit", "emmc_install"),
                    List.copyOf(d.board.state().nand.volumes.keySet()), "the volumes ubi_init creates, in its order");

            List<MenuInstall.Check> checks = m.verify(s, p, -1, -1);
            assertTrue(checks.stream().allMatch(MenuInstall.Check::ok), checks.toString());
            assertEquals(BoardState.Kind.VERIFIED, p.state().kind());
        }
    }

    @Test
    void aReadBackThatDiffersIsRefusedNamingThePlace() throws Exception {
        // The NAND keeps a bad byte in the last BL2 copy: it is spoiled just before the read-back reads that copy.
        SdUnbrickDriver[] board = new SdUnbrickDriver[1];
        Consumer<Event> spoil = e -> {
            if (e.kind() == Event.Kind.COMMAND && e.message().startsWith("mtd read bl2 ") && e.message().contains(" 0x180000 ")) {
                var raw = board[0].board.state().nand.raw;
                raw.write(0x180000 + 4096, new byte[] {(byte) ~raw.read(0x180000 + 4096, 1)[0]});
            }
        };
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt", spoil)) {
            board[0] = d;
            UBootSession s = d.bootFromSd();
            Stopped e = assertThrows(Stopped.class,
                    () -> SdUnbrick.installAndVerify(new MenuInstall(Boards.R4), s, d.procedure(), null));
            assertTrue(e.getMessage().contains("NAND BL2 copy at 0x180000"), e.getMessage());
            assertFalse(e.getMessage().contains("copy at 0x100000"), "only the bad copy is named: " + e.getMessage());
            assertNotEquals(BoardState.Kind.VERIFIED, e.state().kind());
        }
    }

    @Test
    void aUBootWithoutTheNandCommandSaysNandNotDetectedAndNothingIsWritten() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt", QUIET)) {
            UBootSession s = d.bootFromSd();
            d.board.faults().ubootLacksCommand = "nand";
            byte[] nandBefore = d.board.state().nand.raw.read(0, 0x200000);
            List<String> volumesBefore = List.copyOf(d.board.state().nand.volumes.keySet());

            Stopped e = assertThrows(Stopped.class, () -> new MenuInstall(Boards.R4).install(s, d.procedure(), -1, -1));

            assertTrue(e.getMessage().contains("NAND not detected") && e.getMessage().contains("wrote nothing"), e.getMessage());
            assertEquals(BoardState.Kind.UNTOUCHED, e.state().kind(), e.state().toString());
            assertArrayEquals(nandBefore, d.board.state().nand.raw.read(0, 0x200000), "BL2 area untouched");
            assertEquals(volumesBefore, List.copyOf(d.board.state().nand.volumes.keySet()), "UBI untouched");
        }
    }

    @Test
    void anErrorFromUBootStopsTheInstallWithItsWords() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt", QUIET)) {
            UBootSession s = d.bootFromSd();
            d.board.faults().ubootLacksCommand = "mtd"; // ubi_format's 'mtd erase ubi' fails, and ubi_init with it

            Stopped e = assertThrows(Stopped.class, () -> new MenuInstall(Boards.R4).install(s, d.procedure(), -1, -1));

            assertTrue(e.getMessage().contains("Unknown command 'mtd'") && e.getMessage().contains("the SD card still boots"),
                    e.getMessage());
            assertEquals(BoardState.Kind.DAMAGED, e.state().kind(), "'ubi detach' ran: the board's state is not claimed untouched");
        }
    }
}
