package r4rescue.procedure.flash;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Stopped;
import r4rescue.sim.state.MmcDevice;
import r4rescue.sim.state.Partition;
import r4rescue.sim.state.UbiVolume;

/** The flash procedure against the simulated BPI-R4 (fast, unpaced). */
@Tag("sim")
class FlashSimTest {

    private static final long[] COPIES = {0, 0x80000, 0x100000, 0x180000};

    @Test
    void healthyNandTakesNewBl2AndFipAndStillBoots() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 150_000, 11);
        byte[] fip = SyntheticImages.fip(60_000, 300_000, 12);
        try (SimBench b = new SimBench("healthy-nand")) {
            b.uboot();
            FlashReport r = b.flash(bl2, "bl2.bin", Role.BL2, null);
            assertEquals("openwrt-snand", r.layout());
            assertEquals(4, r.copies().size());
            assertEquals(r.hostHash(), r.loadHash());
            for (FlashReport.CopyCheck c : r.copies()) {
                assertEquals(r.hostHash(), c.boardHash());
            }
            for (long off : COPIES) {
                assertArrayEquals(bl2, b.board.state().nand.raw.read(off, bl2.length), "copy at " + off);
            }
            List<String> cmds = b.commands();
            assertTrue(cmds.indexOf("mtd erase bl2 0x0 0x80000") > cmds.indexOf("crc32 0x50000000 ${filesize}"),
                    "erase only after the CRC check: " + cmds);

            FlashReport f = b.flash(fip, "snand-bl31-uboot.fip", Role.FIP, null);
            assertEquals("UBI volume fip in MTD partition ubi", f.place());
            UbiVolume vol = b.board.state().nand.volumes.get("fip");
            assertEquals(fip.length, vol.dataSize, "static volume holds exactly the file");
            assertArrayEquals(fip, vol.data.read(0, fip.length));

            assertEquals("prompt", stageAfter(b), "boots through the new BL2 and FIP into U-Boot");
            assertTrue(b.board.text() != null);
        }
    }

    /** After the power cycle the board runs the new BL2 and FIP: the driver can stop it at the prompt again. */
    private static String stageAfter(SimBench b) throws Exception {
        String s = b.powerCycleAndWaitBoot(20_000);
        assertNotEquals("halt", s);
        b.uboot();
        return b.board.stage().startsWith("cmd:") ? "prompt" : b.board.stage();
    }

    @Test
    void sdRescueRepairsACorruptNandBl2() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 120_000, 21);
        try (SimBench b = new SimBench("sd-rescue")) {
            b.board.setDip(Medium.SNAND); // NAND: the damaged BL2 halts the Boot ROM
            assertEquals("halt", b.powerCycleAndWaitBoot(10_000));
            b.board.setDip(Medium.SD); // SD card
            b.powerCycleAndWaitBoot(10_000);
            b.uboot();
            FlashReport r = b.flash(bl2, "openwrt-snand-preloader.bin", Role.BL2, null);
            assertEquals("openwrt-snand", r.layout());
            b.board.setDip(Medium.SNAND);
            String stage = b.powerCycleAndWaitBoot(20_000);
            assertNotEquals("halt", stage, "the NAND BL2 boots again");
        }
    }

    @Test
    void emmcBoardTakesBl2InBoot0AndFipInGpt() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.EMMC, 100_000, 31);
        byte[] fip = SyntheticImages.fip(50_000, 200_000, 32);
        try (SimBench b = new SimBench("emmc-boot")) {
            b.uboot();
            FlashReport r = b.flash(bl2, "emmc-preloader.bin", Role.BL2, null);
            assertEquals("openwrt-emmc", r.layout());
            MmcDevice emmc = b.board.state().emmc;
            assertArrayEquals(bl2, emmc.boot0.read(0, bl2.length));
            assertTrue(b.commands().contains("mmc partconf 0 1 1 1"));
            assertEquals("mmc partconf 0 1 1 0", b.commands().stream().filter(c -> c.startsWith("mmc partconf 0 ")).reduce((x, y) -> y).orElseThrow(),
                    "access goes back to the user area");

            // Both NAND and eMMC have a FIP place: a plain name is refused, nothing written.
            FlashRefused amb = assertThrows(FlashRefused.class, () -> b.flash(fip, "fip.bin", Role.FIP, null));
            assertTrue(amb.getMessage().contains("--medium"), amb.getMessage());
            FlashReport f = b.flash(fip, "fip.bin", Role.FIP, Medium.EMMC);
            assertEquals("openwrt-emmc", f.layout());
            Partition gptFip = emmc.partitions.stream().filter(p -> p.name.equals("fip")).findFirst().orElseThrow();
            assertEquals(0x680000, gptFip.start);
            assertArrayEquals(fip, emmc.user.read(gptFip.start, fip.length));
            String stage = b.powerCycleAndWaitBoot(20_000);
            assertNotEquals("halt", stage);
        }
    }

    @Test
    void mtkSdkLayoutGetsRawFipPartition() throws Exception {
        byte[] fip = SyntheticImages.fip(40_000, 100_000, 41);
        try (SimBench b = new SimBench("factory-mtk-sdk")) {
            b.uboot();
            FlashReport f = b.flash(fip, "fip.bin", Role.FIP, Medium.SNAND);
            assertEquals("mtk-sdk-snand", f.layout());
            assertArrayEquals(fip, b.board.state().nand.raw.read(0x380000, fip.length));
        }
    }

    @Test
    void cablePulledDuringLoadLeavesFlashUntouched() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 200_000, 51);
        try (SimBench b = new SimBench("healthy-nand")) {
            b.uboot();
            byte[] before = b.board.state().nand.raw.read(0, 0x200000);
            b.board.faults().pullAtEvent = "loady";
            Stopped e = assertThrows(Stopped.class, () -> b.flash(bl2, "bl2.bin", Role.BL2, null));
            assertEquals(BoardState.Kind.UNTOUCHED, e.state().kind());
            assertTrue(e.noAnswer());
            assertTrue(e.getMessage().contains("Flash untouched"), e.getMessage());
            assertArrayEquals(before, b.board.state().nand.raw.read(0, 0x200000));
            assertFalse(b.commands().stream().anyMatch(c -> c.startsWith("mtd erase")));
        }
    }

    @Test
    void cablePulledAfterTheEraseSaysTheFlashIsGoneAndHowToRescue() throws Exception {
        byte[] fip = SyntheticImages.fip(30_000, 100_000, 61);
        try (SimBench b = new SimBench("healthy-nand")) {
            b.uboot();
            Stopped e = assertThrows(Stopped.class, () -> b.flash(fip, "snand.fip", Role.FIP, null,
                    ev -> {
                        if (ev.kind() == Event.Kind.COMMAND && ev.message().startsWith("ubi write")) {
                            b.board.pullCable();
                        }
                    }, new Cancel()));
            assertEquals(BoardState.Kind.DAMAGED, e.state().kind());
            assertTrue(e.noAnswer());
            assertTrue(e.getMessage().contains("after the erase"), e.getMessage());
            assertTrue(e.getMessage().contains("rescued from the SD card"), e.getMessage());
        }
    }

    /**
     * Issue 14, "BL2 copies": a power cut right after the first copy's erase leaves the three other
     * copies intact, and the procedure says so. Fails when the four copies are erased together.
     */
    @Test
    void powerCutAfterTheFirstBl2EraseLeavesThreeGoodCopies() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 100_000, 62);
        try (SimBench b = new SimBench("healthy-nand")) {
            b.uboot();
            byte[] old = b.board.state().nand.raw.read(COPIES[1], 0x80000);
            Stopped e = assertThrows(Stopped.class, () -> b.flash(bl2, "bl2.bin", Role.BL2, null,
                    ev -> {
                        if (ev.kind() == Event.Kind.COMMAND && ev.message().startsWith("mtd write")) {
                            b.board.pullCable();
                        }
                    }, new Cancel()));
            assertTrue(allFF(b.board.state().nand.raw.read(COPIES[0], 0x80000)), "copy 1 was erased");
            for (int i = 1; i < COPIES.length; i++) {
                assertArrayEquals(old, b.board.state().nand.raw.read(COPIES[i], 0x80000), "copy " + (i + 1) + " untouched");
            }
            assertEquals(BoardState.Kind.PARTLY_CHANGED, e.state().kind());
            assertTrue(e.getMessage().contains("copies 2-4 still hold the old BL2"), e.getMessage());
            List<String> cmds = b.commands();
            assertEquals(1, cmds.stream().filter(c -> c.startsWith("mtd erase")).count(), cmds.toString());
        }
    }

    /** Erase, write and verify of each copy come before the next copy's erase; the step text says why. */
    @Test
    void bl2CopiesAreErasedWrittenAndVerifiedOneAtATime() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 60_000, 63);
        try (SimBench b = new SimBench("healthy-nand")) {
            b.uboot();
            b.flash(bl2, "bl2.bin", Role.BL2, null);
            List<String> flashCmds = b.commands().stream()
                    .filter(c -> c.startsWith("mtd erase") || c.startsWith("mtd write") || c.startsWith("mtd read")).toList();
            List<String> expected = new java.util.ArrayList<>();
            String len = "0x" + Long.toHexString(UBootFlash.roundUp(bl2.length, 2048));
            for (long off : COPIES) {
                String o = "0x" + Long.toHexString(off);
                expected.add("mtd erase bl2 " + o + " 0x80000");
                expected.add("mtd write bl2 0x50000000 " + o + " " + len);
                expected.add("mtd read bl2 0x50100000 " + o + " " + len);
            }
            assertEquals(expected, flashCmds);
            assertTrue(b.events.stream().anyMatch(ev -> ev.kind() == Event.Kind.STEP
                    && ev.message().contains("the other copies keep a good BL2 all the time")));
        }
    }

    @Test
    void noiseAndDropsDuringLoadStillDeliverTheImage() throws Exception {
        byte[] fip = SyntheticImages.fip(30_000, 120_000, 71);
        try (SimBench b = new SimBench("healthy-nand")) {
            b.uboot();
            FlashReport r = b.flash(fip, "snand.fip", Role.FIP, null, ev -> {
                if (ev.kind() == Event.Kind.PROGRESS) {
                    boolean last = ev.progress().done() >= ev.progress().total();
                    b.board.faults().noiseRate = last ? 0 : 1e-3;
                    b.board.faults().dropRate = last ? 0 : 2e-5;
                }
            }, new Cancel());
            assertEquals(r.hostHash(), r.copies().get(0).boardHash());
            assertTrue(r.loadRetransmits() > 0, "the line was noisy: blocks were sent again");
            assertArrayEquals(fip, b.board.state().nand.volumes.get("fip").data.read(0, fip.length));
            System.out.printf("flash.sim.noisy_load %.0f B/s, %d retransmits%n", r.loadBytesPerSecond(), r.loadRetransmits());
        }
    }

    @Test
    void cancelDuringLoadStopsBeforeTheEraseAndUBootStillAnswers() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 300_000, 81);
        Cancel token = new Cancel();
        try (SimBench b = new SimBench("healthy-nand")) {
            b.uboot();
            byte[] before = b.board.state().nand.raw.read(0, 0x200000);
            Stopped e = assertThrows(Stopped.class, () -> b.flash(bl2, "bl2.bin", Role.BL2, null, ev -> {
                if (ev.kind() == Event.Kind.PROGRESS && ev.progress().done() > 50_000) {
                    token.request();
                }
            }, token));
            assertEquals(BoardState.Kind.UNTOUCHED, e.state().kind());
            assertFalse(e.noAnswer());
            assertArrayEquals(before, b.board.state().nand.raw.read(0, 0x200000));
            Thread.sleep(1500);
            assertEquals(0, b.session.run("true").status(), "U-Boot is back at its prompt");
        }
    }

    @Test
    void cancelAfterTheEraseFinishesTheWrite() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 50_000, 91);
        Cancel token = new Cancel();
        try (SimBench b = new SimBench("healthy-nand")) {
            b.uboot();
            FlashReport r = b.flash(bl2, "bl2.bin", Role.BL2, null, ev -> {
                if (ev.kind() == Event.Kind.COMMAND && ev.message().startsWith("mtd erase") && !token.requested()) {
                    token.request();
                }
            }, token);
            assertTrue(r.cancelIgnored());
            assertEquals(4, r.copies().size());
        }
    }

    /** The erase step has begun but its command is not sent yet: the last safe point, so the flash stops untouched. */
    @Test
    void cancelAtTheEraseStepBeforeTheEraseIsSentStopsUntouched() throws Exception {
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 50_000, 93);
        Cancel token = new Cancel();
        try (SimBench b = new SimBench("healthy-nand")) {
            b.uboot();
            byte[] before = b.board.state().nand.raw.read(0, 0x200000);
            Stopped e = assertThrows(Stopped.class, () -> b.flash(bl2, "bl2.bin", Role.BL2, null, ev -> {
                if (ev.kind() == Event.Kind.STEP && ev.step().equals(FlashStep.ERASE.label())) {
                    token.request();
                }
            }, token));
            assertEquals(Stopped.Kind.CANCELLED, e.kind());
            assertEquals(BoardState.Kind.UNTOUCHED, e.state().kind(), e.getMessage());
            assertEquals(130, e.exitCode());
            assertArrayEquals(before, b.board.state().nand.raw.read(0, 0x200000));
        }
    }

    /** Issue 14: a second cancel after the erase aborts before the next command, and the report says the flash is damaged. */
    @Test
    void secondCancelAfterTheEraseAbortsAndSaysDamaged() throws Exception {
        byte[] fip = SyntheticImages.fip(20_000, 80_000, 92);
        Cancel token = new Cancel();
        try (SimBench b = new SimBench("healthy-nand")) {
            b.uboot();
            Stopped e = assertThrows(Stopped.class, () -> b.flash(fip, "snand.fip", Role.FIP, null, ev -> {
                if (ev.kind() == Event.Kind.COMMAND && ev.message().startsWith("ubi write")) {
                    token.request();
                    token.request();
                }
            }, token));
            assertEquals(Stopped.Kind.CANCELLED, e.kind());
            assertEquals(BoardState.Kind.DAMAGED, e.state().kind());
            assertTrue(e.getMessage().contains("rescued from the SD card"), e.getMessage());
            assertTrue(b.commands().stream().noneMatch(c -> c.startsWith("ubi read")), "aborted before the read-back");
            assertEquals(1, e.exitCode());
        }
    }

    @Test
    void fileTooLargeForTheBoardsVolumeIsRefusedAfterAskingOnly() throws Exception {
        byte[] fip = SyntheticImages.fip(100_000, 2_100_000, 95); // under the 4 MiB of an MMC fip, over the 2 MiB UBI volume
        try (SimBench b = new SimBench("healthy-nand")) {
            b.uboot();
            FlashRefused e = assertThrows(FlashRefused.class, () -> b.flash(fip, "snand.fip", Role.FIP, null));
            assertTrue(e.boardAsked());
            assertTrue(e.getMessage().contains("larger than its place"), e.getMessage());
            assertTrue(b.commands().stream().noneMatch(c -> c.startsWith("loady") || c.startsWith("ubi write")), b.commands().toString());
        }
    }

    private static boolean allFF(byte[] d) {
        byte[] ff = new byte[d.length];
        Arrays.fill(ff, (byte) 0xff);
        return Arrays.equals(ff, d);
    }
}
