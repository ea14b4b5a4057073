package r4rescue.procedure.flash;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;
import r4rescue.console.Console;
import r4rescue.link.Links;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.sim.SimBoard;
import r4rescue.sim.SimLink;
import r4rescue.sim.state.Partition;
import r4rescue.sim.state.UbiVolume;

/** The shell route of the flash ({@link ShellFlash}) against the simulated board's OpenWrt (unpaced). */
@Tag("sim")
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

            b.powerCycleIntoUBoot("boots through BL2 and the new FIP into U-Boot");
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

    /**
     * BL2 to the eMMC boot area from the shell of an eMMC-booted OpenWrt. The policy differs from NAND:
     * OpenWrt marks the NAND {@code bl2} partition read-only (refused above), while Linux offers the eMMC
     * boot area read-only only until root writes 0 to its {@code force_ro} (kernel
     * Documentation/mmc/mmc-dev-parts.rst; the same echo + dd route is how BPI-R4 owners update it). So
     * the flash lifts force_ro for the write, sets it back, and reads the boot area back.
     */
    @Test
    void emmcBootedShellWritesBl2ToBoot0WithForceRoLiftedForTheWriteOnly() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.EMMC, 150_000, 44);
        try (Bench b = new Bench("emmc-boot")) {
            assertEquals(Medium.EMMC, b.board.state().bootMedium());
            assertEquals("1", b.sh("cat /sys/block/mmcblk0boot0/force_ro"));
            FlashReport r = b.flash(bl2, "openwrt-mediatek-filogic-bananapi_bpi-r4-emmc-preloader.bin", Role.BL2, Medium.EMMC);
            assertEquals("openwrt-emmc", r.layout());
            assertTrue(r.place().endsWith("(/dev/mmcblk0boot0)"), r.place());
            assertEquals(r.hostHash(), r.copies().get(0).boardHash());
            assertArrayEquals(bl2, b.board.state().emmc.boot0.read(0, bl2.length), "boot0 holds the new BL2");
            List<String> c = b.commands();
            int lift = c.indexOf("echo 0 > /sys/block/mmcblk0boot0/force_ro");
            int dd = c.indexOf("dd if=/tmp/r4rescue-bl2.bin of=/dev/mmcblk0boot0 bs=512 conv=fsync 2>&1");
            int back = c.indexOf("echo 1 > /sys/block/mmcblk0boot0/force_ro");
            assertTrue(lift >= 0 && lift < dd && dd < back, c.toString());
            assertEquals("1", b.sh("cat /sys/block/mmcblk0boot0/force_ro"), "read-only again");

            b.powerCycleIntoUBoot("the BROM boots the new BL2 from boot0 into U-Boot");
        }
    }

    /** dd cannot open the boot area: nothing was written, and the report says so. */
    @Test
    void aDeviceThatCannotBeOpenedLeavesTheFlashUntouched() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.EMMC, 150_000, 45);
        try (Bench b = new Bench("emmc-boot")) {
            byte[] before = b.board.state().emmc.boot0.read(0, 0x80000);
            b.board.faults().deviceOpenFails = "/dev/mmcblk0boot0";
            Stopped e = assertThrows(Stopped.class,
                    () -> b.flash(bl2, "openwrt-mediatek-filogic-bananapi_bpi-r4-emmc-preloader.bin", Role.BL2, Medium.EMMC));
            assertEquals(BoardState.Kind.UNTOUCHED, e.state().kind(), e.getMessage());
            assertEquals(FlashStep.WRITE.label(), e.step());
            assertTrue(e.getMessage().contains("dd: can't open '/dev/mmcblk0boot0': No such device or address"), e.getMessage());
            assertTrue(e.getMessage().contains("Flash untouched"), e.getMessage());
            assertArrayEquals(before, b.board.state().emmc.boot0.read(0, 0x80000));
            assertEquals("1", b.sh("cat /sys/block/mmcblk0boot0/force_ro"), "read-only again");
        }
    }

    /** dd fails part way through the boot area: damaged, and the way back is the SD card. */
    @Test
    void aWriteThatFailsPartWayIsDamagedWithTheSdRescue() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.EMMC, 150_000, 46);
        try (Bench b = new Bench("emmc-boot")) {
            b.board.faults().deviceWriteFails = "/dev/mmcblk0boot0";
            b.board.faults().deviceWriteFailsAfter = 65_536;
            Stopped e = assertThrows(Stopped.class,
                    () -> b.flash(bl2, "openwrt-mediatek-filogic-bananapi_bpi-r4-emmc-preloader.bin", Role.BL2, Medium.EMMC));
            assertEquals(BoardState.Kind.DAMAGED, e.state().kind(), e.getMessage());
            assertTrue(e.getMessage().contains("dd: error writing '/dev/mmcblk0boot0': I/O error"), e.getMessage());
            assertTrue(e.getMessage().contains("rescued from the SD card"), e.getMessage());
            assertArrayEquals(java.util.Arrays.copyOf(bl2, 65_536), b.board.state().emmc.boot0.read(0, 65_536), "the first 64 KiB went out");
            assertEquals("1", b.sh("cat /sys/block/mmcblk0boot0/force_ro"), "read-only again");
        }
    }

    /** Guard: ShellFlash.verify's SHA-256 of the device read back against the host's (issue 14 fault menu). */
    @Test
    void aReadBackThatDiffersIsNeverCalledWritten() throws Exception {
        byte[] fip = SyntheticImages.fip(20_000, 90_000, 104);
        try (Bench b = new Bench("healthy-nand")) {
            b.board.faults().flashReadBackDiffers = true;
            Stopped e = assertThrows(Stopped.class, () -> b.flash(fip, "snand.fip", Role.FIP, null));
            assertEquals(Stopped.Kind.BOARD_SAID_NO, e.kind());
            assertEquals(BoardState.Kind.DAMAGED, e.state().kind(), e.getMessage());
            assertTrue(e.getMessage().contains("Read-back mismatch"), e.getMessage());
            assertTrue(b.events.stream().noneMatch(ev -> ev.kind() == Event.Kind.STEP
                    && ev.step().equals(FlashStep.REPORT.label())), "never reported as done");
        }
    }

    /**
     * The page cache is dropped before the boot area is read back; when that drop fails (a shell that
     * is not root), the read-back could come from the cache, so it is not called good. Before the
     * write the same failure stops the flash untouched.
     */
    @Test
    void aFailedCacheDropIsNoReadBack() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.EMMC, 150_000, 47);
        String name = "openwrt-mediatek-filogic-bananapi_bpi-r4-emmc-preloader.bin";
        try (Bench b = new Bench("emmc-boot")) {
            byte[] before = b.board.state().emmc.boot0.read(0, 0x80000);
            b.board.faults().dropCachesFails = true;
            Stopped e = assertThrows(Stopped.class, () -> b.flash(bl2, name, Role.BL2, Medium.EMMC));
            assertEquals(BoardState.Kind.UNTOUCHED, e.state().kind(), e.getMessage());
            assertTrue(e.getMessage().contains("can't create /proc/sys/vm/drop_caches: Permission denied"), e.getMessage());
            assertTrue(b.commands().stream().noneMatch(c -> c.startsWith("dd if=/tmp/")), b.commands().toString());
            assertArrayEquals(before, b.board.state().emmc.boot0.read(0, 0x80000));

            b.board.faults().dropCachesFails = false;
            b.events.clear();
            b.onEvent = ev -> b.board.faults().dropCachesFails |= ev.kind() == Event.Kind.COMMAND
                    && ev.message().startsWith("dd if=/tmp/");
            e = assertThrows(Stopped.class, () -> b.flash(bl2, name, Role.BL2, Medium.EMMC));
            assertEquals(BoardState.Kind.DAMAGED, e.state().kind(), e.getMessage());
            assertTrue(e.getMessage().contains("can't create /proc/sys/vm/drop_caches: Permission denied"), e.getMessage());
            assertTrue(e.getMessage().contains("not verified"), e.getMessage());
            assertTrue(b.events.stream().noneMatch(ev -> ev.message().startsWith("Read back: SHA-256 = host")), b.events.toString());
            assertArrayEquals(bl2, b.board.state().emmc.boot0.read(0, bl2.length), "the sim wrote it; only the check failed");
            assertEquals("1", b.sh("cat /sys/block/mmcblk0boot0/force_ro"), "read-only again");
        }
    }

    /** A simulated board with a root shell on its console; the events of each flash collected. */
    private static final class Bench implements AutoCloseable {
        final SimLink link;
        final SimBoard board;
        final Console console;
        final ShellDriver shell;
        final List<Event> events = new ArrayList<>();
        /** Sees each event as it happens, e.g. to turn on a fault at a given command. */
        java.util.function.Consumer<Event> onEvent = ev -> { };
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
            FlashImage img = new ImageCheck(Boards.R4).check(name, data, role, medium, false);
            return new ShellFlash(new ConsoleShell(shell), Boards.R4, img, new Procedure(ev -> {
                events.add(ev);
                onEvent.accept(ev);
            }, new Cancel())).run();
        }

        /** Ends the shell session, power-cycles the board and checks that it comes up into U-Boot. */
        void powerCycleIntoUBoot(String why) throws Exception {
            close();
            board.powerCycle();
            try (Console c = new Console(link)) {
                c.open();
                try (UBootSession u = UBootSession.attachOrTakeHold(c, Duration.ofSeconds(30), e -> { })) {
                    assertTrue(board.stage().startsWith("cmd:") || board.stage().equals("prompt"), why + ": " + board.stage());
                }
            }
        }

        /** A shell command's output without its last line end. */
        String sh(String command) throws Exception {
            return shell.run(command, 10_000).text();
        }

        List<String> commands() {
            return events.stream().filter(e -> e.kind() == Event.Kind.COMMAND).map(Event::message).toList();
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
