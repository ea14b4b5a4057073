package r4rescue.procedure.unbrick;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import r4rescue.board.BoardProfile;
import r4rescue.board.Boards;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.sim.Sparse;
import r4rescue.sim.state.UbiVolume;

/**
 * The guards of the card's menu install, each against the simulated board with the fault it
 * protects from: a card that differs from the image file, an {@code mtd read} that does nothing,
 * a {@code fip} volume holding fewer bytes than its reserved size, a board that restarts mid-install.
 */
@Tag("sim")
class MenuInstallGuardsTest {

    private static final BoardProfile.Layout SD = Boards.R4.layout("openwrt-sd");
    private static final long INSTALL = SD.part("install").offset();
    private static final long CARD_BL2 = INSTALL + SD.install().get("snandBl2").asLong();
    private static final long CARD_FIP = INSTALL + SD.install().get("snandFip").asLong();
    private static final int BL2_SIZE = 0x80000;
    private static final int FIP_SIZE = 0x200000;

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Consumer<Event> listener = e -> {
        if (e.kind() == Event.Kind.COMMAND) {
            sent.add(e.message());
        }
    };

    /** The card's menu install run to its end on a board booted from the card; ready to verify. */
    private record Installed(UBootSession s, Procedure p, MenuInstall m) {
        static Installed on(SdUnbrickDriver d) throws Exception {
            Installed i = new Installed(d.bootFromSd(), d.procedure(), new MenuInstall(Boards.R4));
            i.m().install(i.s(), i.p(), -1, -1);
            return i;
        }

        List<MenuInstall.Check> verify() throws Stopped {
            return m.verify(s, p, -1, -1);
        }
    }

    @Test
    void aCardThatDiffersFromTheImageFileStopsBeforeTheMenuKey() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt", listener)) {
            UBootSession s = d.bootFromSd();
            Sparse card = d.board.state().sd.user;
            // The image file the user checked is the card as written; then one byte of the card's FIP goes bad.
            long fileBl2 = SdImageCheck.crc(card.read(CARD_BL2, BL2_SIZE));
            long fileFip = SdImageCheck.crc(card.read(CARD_FIP, FIP_SIZE));
            card.write(CARD_FIP + 1000, new byte[] {(byte) ~card.read(CARD_FIP + 1000, 1)[0]});
            byte[] nandBefore = d.board.state().nand.raw.read(0, 0x200000);

            Stopped e = assertThrows(Stopped.class, () -> new MenuInstall(Boards.R4).install(s, d.procedure(), fileBl2, fileFip));
            assertEquals(BoardState.Kind.UNTOUCHED, e.state().kind(), e.state().toString());
            assertTrue(e.getMessage().contains("FIP on the card = FIP in the image file")
                    && e.getMessage().contains("menu key was not pressed") && e.getMessage().contains("nothing was erased"), e.getMessage());
            assertFalse(e.getMessage().contains("BL2 on the card"), "the BL2 matched: " + e.getMessage());
            assertFalse(sent.contains("bootmenu -1"), "the menu was never opened: " + sent);
            assertTrue(sent.indexOf("mw 0x50000000 0x0 0x80000") < sent.indexOf("mmc read 0x50000000 0x16800 0x1000"),
                    "RAM cleared before the card is read: " + sent);
            assertArrayEquals(nandBefore, d.board.state().nand.raw.read(0, 0x200000), "the NAND is untouched");
        }
    }

    @Test
    void anMtdReadThatDoesNothingIsNotTakenForTheCopyReadBack() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt", listener)) {
            Installed i = Installed.on(d);
            // The third BL2 copy is damaged, and from the second read on 'mtd read' leaves RAM as it was.
            d.board.state().nand.raw.set(0x100000 + 4096, 1, 0x00);
            d.board.faults().ubootMtdReadWorksTimes = 1;
            List<MenuInstall.Check> checks = i.verify();
            assertTrue(checks.get(0).ok(), "the first copy was really read: " + checks);
            assertTrue(checks.stream().filter(k -> k.what().startsWith("NAND BL2 copy at 0x100000")).noneMatch(MenuInstall.Check::ok),
                    "the damaged copy is not passed on the first copy's bytes: " + checks);
        }
    }

    @Test
    void theFipVolumeIsComparedOverTheBytesItHolds() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt", listener)) {
            Installed i = Installed.on(d);
            // The volume holds only its first MiB (a write cut short); the card's FIP region is blank after it.
            assertTrue(d.board.state().sd.user.isBlank(CARD_FIP + 0x100000, 0x100000), "precondition: the card's tail is blank");
            UbiVolume fip = d.board.state().nand.volumes.get("fip");
            fip.dataSize = 0x100000;
            List<MenuInstall.Check> checks = i.verify();
            MenuInstall.Check vol = checks.get(checks.size() - 1);
            assertEquals("NAND fip volume (1048576 bytes)", vol.what());
            assertFalse(vol.ok(), "a volume holding half the FIP is no match: " + checks);
        }
    }

    @Test
    @Timeout(60) // without the restart check this waits out the install's 20 minutes
    void aBoardThatRestartsMidInstallStopsTheStepAtOnce() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt", listener)) {
            UBootSession s = d.bootFromSd();
            d.board.faults().ubootResetAtEvent = "cmd:ubi"; // the install's first UBI command ('ubi detach'), after 'nand info'
            long t0 = System.currentTimeMillis();
            Stopped e = assertThrows(Stopped.class, () -> new MenuInstall(Boards.R4).install(s, d.procedure(), -1, -1));
            assertTrue(e.getMessage().contains("restarted before the install ended")
                    && e.getMessage().contains("the SD card still boots"), e.getMessage());
            assertTrue(System.currentTimeMillis() - t0 < 30_000, "told at once");
        }
    }
}
