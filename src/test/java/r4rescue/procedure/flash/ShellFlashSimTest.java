package r4rescue.procedure.flash;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;
import r4rescue.console.Console;
import r4rescue.link.Links;
import r4rescue.protocol.CancellationToken;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.sim.SimBoard;
import r4rescue.sim.SimLink;
import r4rescue.sim.state.Partition;
import r4rescue.sim.state.UbiVolume;

/** The shell route of the flash ({@link ShellFlash}) against the simulated board's OpenWrt (unpaced). */
class ShellFlashSimTest {

    private static final int BL2_PART = 0x200000;

    @Test
    void nandBootedShellReplacesTheFipVolumeAndTheBoardStillBoots() throws Exception {
        byte[] fip = SyntheticImages.fip(60_000, 300_000, 41);
        try (Bench b = new Bench("healthy-nand")) {
            UbiVolume before = b.board.state().nand.volumes.get("fip");
            assertFalse(java.util.Arrays.equals(fip, before.data.read(0, fip.length)), "the test needs a different FIP");
            long t0 = System.nanoTime();
            FlashReport r = b.flash(fip, "openwrt-bananapi_bpi-r4-snand-bl31-uboot.fip", Role.FIP, null);
            System.out.printf("shellflash_fip_unpaced %d ms (%,d bytes, load %d ms)%n", (System.nanoTime() - t0) / 1_000_000,
                    fip.length, r.loadMillis());
            assertEquals("openwrt-snand", r.layout());
            assertEquals("UBI volume fip in MTD partition ubi (/dev/ubi0_2)", r.place());
            assertEquals(r.hostHash(), r.loadHash());
            assertEquals(r.hostHash(), r.copies().get(0).boardHash());
            assertTrue(b.commands().contains("ubiupdatevol /dev/ubi0_2 /tmp/r4rescue-fip.bin"), b.commands().toString());

            UbiVolume vol = b.board.state().nand.volumes.get("fip");
            assertTrue(vol.isStatic);
            assertEquals(fip.length, vol.dataSize, "the static volume holds exactly the file");
            assertArrayEquals(fip, vol.data.read(0, fip.length));

            b.close();
            b.board.powerCycle();
            try (Console c = new Console(b.link)) {
                c.open();
                try (UBootSession u = UBootSession.attachOrTakeHold(c, Duration.ofSeconds(30), e -> { })) {
                    assertTrue(b.board.stage().startsWith("cmd:") || b.board.stage().equals("prompt"),
                            "boots through BL2 and the new FIP into U-Boot: " + b.board.stage());
                }
            }
        }
    }

    @Test
    void sdBootedShellRefusesBl2AndWritesTheNandAndSdFip() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 120_000, 42);
        byte[] fip = SyntheticImages.fip(50_000, 250_000, 43);
        try (Bench b = new Bench("sd-rescue")) {
            assertEquals(Medium.SD, b.board.state().bootMedium(), "Linux runs from the SD card");
            byte[] nandBl2 = b.board.state().nand.raw.read(0, BL2_PART);
            FlashRefused no = assertThrows(FlashRefused.class,
                    () -> b.flash(bl2, "openwrt-bananapi_bpi-r4-snand-preloader.bin", Role.BL2, null));
            assertTrue(no.getMessage().contains("Linux holds MTD partition bl2 (/dev/mtd0) read-only"), no.getMessage());
            assertTrue(no.getMessage().contains("Nothing was written"), no.getMessage());
            assertArrayEquals(nandBl2, b.board.state().nand.raw.read(0, BL2_PART), "bl2 unchanged");
            assertTrue(b.commands().stream().noneMatch(c -> c.startsWith("mtd ") || c.startsWith("dd ")), b.commands().toString());

            FlashReport r = b.flash(fip, "openwrt-bananapi_bpi-r4-snand-bl31-uboot.fip", Role.FIP, Medium.SNAND);
            assertEquals("UBI volume fip in MTD partition ubi (/dev/ubi0_2)", r.place());
            UbiVolume vol = b.board.state().nand.volumes.get("fip");
            assertEquals(fip.length, vol.dataSize);
            assertArrayEquals(fip, vol.data.read(0, fip.length));

            FlashReport sd = b.flash(fip, "openwrt-bananapi_bpi-r4-sdmmc-bl31-uboot.fip", Role.FIP, Medium.SD);
            assertEquals("/dev/mmcblk0p4", sd.place().replaceAll(".*\\((/dev/[^)]+)\\)$", "$1"));
            Partition p = b.board.state().sd.partition("fip");
            assertArrayEquals(fip, b.board.state().sd.user.read(p.start, fip.length), "the SD card's fip partition");
        }
    }

    /** A simulated board with a root shell on its console; the events of each flash collected. */
    private static final class Bench implements AutoCloseable {
        final SimLink link;
        final SimBoard board;
        final Console console;
        final ShellDriver shell;
        final List<FlashEvent> events = new ArrayList<>();
        private boolean closed;

        Bench(String scenario) throws Exception {
            link = (SimLink) Links.create("sim:" + scenario, 115200);
            board = link.board();
            board.setCountdownFloorMs(300);
            console = new Console(link);
            console.open();
            shell = new ShellDriver(console);
            shell.activate(null, 30_000);
        }

        FlashReport flash(byte[] data, String name, Role role, Medium medium) throws Exception {
            FlashImage img = new ImageCheck().check(name, data, role, medium, false);
            return new ShellFlash(new ConsoleShell(shell), img, events::add, CancellationToken.none()).run();
        }

        List<String> commands() {
            return events.stream().filter(e -> e.kind() == FlashEvent.Kind.COMMAND).map(FlashEvent::message).toList();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                shell.close();
                console.close();
            }
        }
    }
}
