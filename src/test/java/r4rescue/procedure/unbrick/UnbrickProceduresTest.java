package r4rescue.procedure.unbrick;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.BoardProfile;
import r4rescue.board.Boards;
import r4rescue.board.ImageInfo;
import r4rescue.board.ImageInspector;
import r4rescue.board.ImageKind;
import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.flash.FlashRefused;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.strategy.BoardStrategy;
import r4rescue.procedure.strategy.BootLogWatch;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.sim.state.UbiVolume;

/** The unbrick procedures against the fast simulator, without the window. */
@Tag("sim")
class UnbrickProceduresTest {

    private final StringBuilder commands = new StringBuilder();
    private final Consumer<Event> listener = e -> {
        if (e.kind() == Event.Kind.COMMAND) {
            synchronized (commands) {
                commands.append(e.message()).append('\n');
            }
        }
    };

    @Test
    void ownFilesFlashedWithTheSafeSequenceThenTheBoardBootsFromNand() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 150_000, 77);
        byte[] fip = SyntheticImages.fip(40_000, 300_000, 78);
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt", listener)) {
            UBootSession s = d.bootFromSd();
            Procedure c = d.procedure();
            BootloaderFlasher f = new BootloaderFlasher(Boards.R4);

            // wrong files are refused before anything is sent
            String before = commands.toString();
            FlashRefused wrong = assertThrows(FlashRefused.class, () -> f.flash(s, c, Medium.SNAND,
                    new BootloaderFlasher.Image("emmc.bin", SyntheticImages.bl2(Medium.EMMC, 1000, 1)), new BootloaderFlasher.Image("f.fip", fip)));
            assertTrue(wrong.getMessage().contains("Nothing was sent"), wrong.getMessage());
            assertEquals(before, commands.toString(), "nothing sent for a refused file");
            FlashRefused wrongName = assertThrows(FlashRefused.class, () -> f.flash(s, c, Medium.SNAND,
                    new BootloaderFlasher.Image("bl2.bin", bl2), new BootloaderFlasher.Image("x-emmc-bl31-uboot.fip", fip)));
            assertTrue(wrongName.getMessage().contains("its name says it is a FIP for eMMC"), wrongName.getMessage());
            assertEquals(before, commands.toString(), "nothing sent for a FIP named for another medium");

            List<MenuInstall.Check> checks = f.flash(s, c, Medium.SNAND, new BootloaderFlasher.Image("bl2.bin", bl2),
                    new BootloaderFlasher.Image("fip.fip", fip));
            assertEquals(5, checks.size(), checks.toString());
            assertTrue(checks.stream().allMatch(MenuInstall.Check::ok), checks.toString());
            String sent = commands.toString();
            assertTrue(sent.indexOf("loady") < sent.indexOf("mtd erase bl2"), "loaded and checked before erasing:\n" + sent);
            assertTrue(sent.indexOf("mtd erase bl2") < sent.lastIndexOf("loady"), "BL2 before FIP");
            s.close();

            BootLogWatch.Seen seen = d.bootFromNand();
            assertEquals("SPI-NAND", seen.bootDevice());
            for (long off : Boards.R4.layout("openwrt-snand").bl2Copies()) {
                assertArrayEquals(bl2, d.board.state().nand.raw.read(off, bl2.length), "BL2 copy at " + off);
            }
            UbiVolume v = d.board.state().nand.volumes.get("fip");
            assertArrayEquals(fip, v.data.read(0, (int) v.dataSize));
        }
    }

    @Test
    void theWrongBootIsNamedWithWhatToCheck() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt", listener)) {
            // the user's hands power-cycle with the switches left at NAND: the Boot ROM halts, and the message says so
            Procedure p = d.procedure();
            Stopped e = assertThrows(Stopped.class, () -> new BoardStrategy(Boards.R4, d.console, d.watch, null,
                    i -> d.board.powerCycle()).toUBoot(Medium.SD, p));
            assertEquals(Stopped.Kind.BOARD_SAID_NO, e.kind());
            assertTrue(e.getMessage().startsWith("The boot stopped") && e.getMessage().contains("Check: SW3: A down (1), B down (1)"),
                    e.getMessage());
            assertEquals(BoardState.Kind.UNTOUCHED, e.state().kind(), "only listened");
        }
    }

    @Test
    void theBootIsConfirmedFromTheMediumThatWasRepaired() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:emmc-boot", listener)) {
            assertEquals("EMMC", d.strategy.bootFrom(Medium.EMMC, d.procedure()).bootDevice());

            // the user's hands leave the switches at the eMMC while the NAND is expected: named, with the NAND's lever positions
            BoardStrategy wrongHands = new BoardStrategy(Boards.R4, d.console, d.watch, null, i -> d.board.powerCycle());
            Stopped e = assertThrows(Stopped.class, () -> wrongHands.bootFrom(Medium.SNAND, d.procedure()));
            assertTrue(e.getMessage().contains("not from the NAND") && e.getMessage().contains("Check: SW3: A up (0), B down (1)"),
                    e.getMessage());
        }
    }

    @Test
    void cardInstallIsVerifiedAgainstTheImageFile() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt", listener)) {
            UBootSession s = d.bootFromSd();
            var card = d.board.state().sd.user;
            long bl2Crc = SdImageCheck.crc(card.read(46137344L, 0x80000));
            long fipCrc = SdImageCheck.crc(card.read(46137344L + 0x100000, 0x200000));
            List<MenuInstall.Check> checks = d.installFromCard(s, bl2Crc, fipCrc);
            assertEquals(7, checks.size(), checks.toString());
            assertTrue(checks.stream().allMatch(MenuInstall.Check::ok), checks.toString());
            s.close();
            d.bootFromNand();
            ImageInfo i = Boards.R4.images().inspect(d.board.state().nand.raw.read(0, 0x80000));
            assertEquals(ImageKind.BL2, i.kind());
        }
    }

    /** A read-back that differs stops the rescue with the comparisons named, and the board is not called repaired. */
    @Test
    void aReadBackThatDiffersStopsTheRescueBeforeTheNandBoot() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt", listener)) {
            UBootSession s = d.bootFromSd();
            d.board.faults().ubootMtdReadWorksTimes = 1; // from the second 'mtd read' on, RAM stays as it was (cleared)
            Procedure p = d.procedure();
            Stopped e = assertThrows(Stopped.class, () -> SdUnbrick.installAndVerify(new MenuInstall(Boards.R4), s, p, null));
            assertEquals(Stopped.Kind.BOARD_SAID_NO, e.kind());
            assertTrue(e.getMessage().startsWith("Read-back differs: NAND BL2 copy at 0x80000") && e.getMessage().contains("the SD card still boots"),
                    e.getMessage());
            assertEquals(BoardState.Kind.DAMAGED, e.state().kind(), e.state().toString());
        }
    }

    /** A person slower than the boot-log observer's silent-board rule (5 s) is still waited for, not told the board is dead. */
    @Test
    void aUserSlowerThanTheSilenceRuleIsStillWaitedFor() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt", listener)) {
            long end = System.currentTimeMillis() + 20_000;
            while (!d.board.stage().equals("halt") && System.currentTimeMillis() < end) {
                Thread.sleep(10); // the boot at connect ends in "System halt!" before the user is asked
            }
            var card = r4rescue.sim.ScenarioBuilder.load("sd-rescue").sd;
            try (UBootSession s = slowHands(d, () -> {
                d.board.setDip(Medium.SD);
                d.board.insertSd(card);
            }).toUBoot(Medium.SD, d.procedure())) {
                assertNotNull(s.prompt());
            }
        }
    }

    /** Hands that set the board up and power-cycle only once the observer has called the board silent. */
    private static BoardStrategy slowHands(SdUnbrickDriver d, Runnable setUp) {
        java.util.concurrent.CountDownLatch silent = new java.util.concurrent.CountDownLatch(1);
        d.watch.addListener(e -> {
            if (e.kind() == r4rescue.console.bootlog.BootEvent.Kind.FAILURE && e.stage() == r4rescue.console.bootlog.Stage.NONE) {
                silent.countDown();
            }
        });
        return new BoardStrategy(Boards.R4, d.console, d.watch, null, i -> new Thread(() -> {
            try {
                silent.await();
                setUp.run();
                d.board.powerCycle();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).start());
    }
}
