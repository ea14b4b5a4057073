package r4rescue.procedure.flash;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.board.SyntheticImages;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Progress;
import r4rescue.procedure.core.Stopped;
import r4rescue.util.Hashes;

/** The shell flash against a scripted Linux that keeps its devices and /tmp in memory. */
@Tag("unit")
class ShellFlashTest {

    /** An SD-booted OpenWrt: NAND bl2 (read-only unless told) + ubi with a static fip volume; the SD card's GPT. */
    static final class FakeLinux implements BoardShell {
        private static final String ALL = "(set -o pipefail && { ";
        final Map<String, byte[]> dev = new HashMap<>();
        final Map<String, byte[]> files = new HashMap<>();
        final List<String> sent = new ArrayList<>();
        String bl2Flags = "0x0";
        boolean emmc;
        String failOn;
        /** What the failing command prints (default: an ubiupdatevol write error). */
        String failMessage;
        boolean flipAfterWrite;
        int uploads;

        FakeLinux() {
            dev.put("/dev/mtd0", ff(0x200000));
            dev.put("/dev/ubi0_2", ff(0x200000));
            dev.put("/dev/mmcblk0p4", new byte[0x400000]);
            dev.put("/dev/mmcblk0boot0", new byte[0x400000]);
        }

        static byte[] ff(int n) {
            byte[] b = new byte[n];
            Arrays.fill(b, (byte) 0xff);
            return b;
        }

        @Override
        public Result run(String c, long timeoutMs) {
            sent.add(c);
            if (c.startsWith(ALL) && c.endsWith("; })")) {
                // Sh.all: the parts in order, stopping at the first that fails (a pipe is one part here).
                StringBuilder out = new StringBuilder();
                for (String part : c.substring(ALL.length(), c.length() - 4).split("; \\} && \\{ ")) {
                    Result r = run(part, timeoutMs);
                    out.append(r.output());
                    if (!r.ok()) {
                        return new Result(out.toString(), r.status());
                    }
                }
                return new Result(out.toString(), 0);
            }
            if (failOn != null && c.startsWith(failOn)) {
                return new Result(failMessage != null ? failMessage : failOn + ": error!: cannot write volume: Input/output error", 1);
            }
            if (c.startsWith("cat /proc/mtd")) {
                return new Result("dev:    size   erasesize  name\nmtd0: 00200000 00020000 \"bl2\"\nmtd1: 07e00000 00020000 \"ubi\"\n"
                        + "MTDINFO mtd0 " + bl2Flags + " 2048\nMTDINFO mtd1 0x400 2048\n", 0);
            }
            if (c.startsWith("for v in /sys/class/ubi")) {
                return new Result("UBIVOL ubi0_0 ubootenv dynamic 8 126976\nUBIVOL ubi0_2 fip static 17 126976\nUBIMTD ubi0 1\n", 0);
            }
            if (c.startsWith("for p in /sys/class/block/mmcblk")) {
                String s = "BLK mmcblk0 - 31116288 \n";
                if (emmc) {
                    s += "BLK mmcblk0boot0 - 8192 \nBLK mmcblk0p3 13312 8192 fip\n";
                } else {
                    s += "BLK mmcblk0p1 34 8158 bl2\nBLK mmcblk0p4 13312 8192 fip\n";
                }
                return new Result(s, 0);
            }
            Matcher m;
            if ((m = Pattern.compile("^sha256sum (\\S+)$").matcher(c)).find()) {
                return new Result(Hashes.sha256Hex(files.get(m.group(1))) + "  " + m.group(1), 0);
            }
            if ((m = Pattern.compile("^mtd erase bl2$").matcher(c)).find()) {
                Arrays.fill(dev.get("/dev/mtd0"), (byte) 0xff);
                return new Result("Unlocking bl2 ...\nErasing bl2 ...", 0);
            }
            if ((m = Pattern.compile("^dd if=(/tmp/\\S+) of=(\\S+) bs=(\\d+)(?: seek=(\\d+))?").matcher(c)).find()) {
                byte[] f = files.get(m.group(1));
                long off = m.group(4) == null ? 0 : Long.parseLong(m.group(4)) * Long.parseLong(m.group(3));
                System.arraycopy(f, 0, dev.get(m.group(2)), (int) off, f.length);
                flip(m.group(2), off);
                return new Result("", 0);
            }
            if ((m = Pattern.compile("^dd if=(\\S+) bs=(\\d+) skip=(\\d+) count=(\\d+) \\| sha256sum$").matcher(c)).find()) {
                int bs = Integer.parseInt(m.group(2));
                int off = Integer.parseInt(m.group(3)) * bs;
                byte[] d = Arrays.copyOfRange(dev.get(m.group(1)), off, off + Integer.parseInt(m.group(4)) * bs);
                return new Result(Hashes.sha256Hex(d) + "  -", 0);
            }
            if ((m = Pattern.compile("^ubiupdatevol (\\S+) (\\S+)$").matcher(c)).find()) {
                byte[] f = files.get(m.group(2));
                dev.put(m.group(1), f.clone());
                flip(m.group(1), 0);
                return new Result("", 0);
            }
            if ((m = Pattern.compile("head -c (\\d+) (\\S+) \\| sha256sum$").matcher(c)).find()) {
                byte[] d = dev.get(m.group(2));
                return new Result(Hashes.sha256Hex(Arrays.copyOf(d, Math.min(d.length, Integer.parseInt(m.group(1))))) + "  -", 0);
            }
            if (c.startsWith("echo ") || c.startsWith("rm -f ") || c.equals("sync")) {
                return new Result("", 0);
            }
            return new Result("sh: " + c.split(" ")[0] + ": not found", 127);
        }

        private void flip(String node, long off) {
            if (flipAfterWrite) {
                dev.get(node)[(int) off + 100] ^= 1;
            }
        }

        @Override
        public void upload(byte[] data, String remotePath, Consumer<Progress> progress, Cancel cancel) {
            uploads++;
            files.put(remotePath, data.clone());
            progress.accept(new Progress("load", data.length, data.length, 1000, false));
        }
    }

    private static FlashReport flash(FakeLinux l, byte[] data, String name, Role role, Medium medium) throws Exception {
        FlashImage img = new ImageCheck(Boards.R4).check(name, data, role, medium, false);
        return new ShellFlash(l, Boards.R4, img, new Procedure(e -> { }, new Cancel())).run();
    }

    @Test
    void fipGoesIntoTheUbiVolumeWithUbiupdatevolAndIsReadBack() throws Exception {
        FakeLinux l = new FakeLinux();
        byte[] fip = SyntheticImages.fip(20_000, 70_000, 1);
        FlashReport r = flash(l, fip, "openwrt-snand-bl31-uboot.fip", Role.FIP, null);
        assertEquals("SHA-256", r.hashName());
        assertEquals(Hashes.sha256Hex(fip), r.copies().get(0).boardHash());
        assertArrayEquals(fip, l.dev.get("/dev/ubi0_2"));
        assertTrue(l.sent.contains("ubiupdatevol /dev/ubi0_2 /tmp/r4rescue-fip.bin"), l.sent.toString());
        assertTrue(l.sent.indexOf("ubiupdatevol /dev/ubi0_2 /tmp/r4rescue-fip.bin") > l.sent.indexOf("sha256sum /tmp/r4rescue-fip.bin"));
    }

    @Test
    void readOnlyBl2IsRefusedBeforeAnythingIsSent() throws Exception {
        FakeLinux l = new FakeLinux();
        FlashRefused e = assertThrows(FlashRefused.class,
                () -> flash(l, SyntheticImages.bl2(Medium.SNAND, 30_000, 2), "p.bin", Role.BL2, null));
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertTrue(e.getMessage().contains("from U-Boot"), e.getMessage());
        assertEquals(0, l.uploads);
    }

    @Test
    void writableBl2GetsFourVerifiedCopies() throws Exception {
        FakeLinux l = new FakeLinux();
        l.bl2Flags = "0x400";
        byte[] bl2 = SyntheticImages.bl2(Medium.SNAND, 30_000, 3);
        FlashReport r = flash(l, bl2, "p.bin", Role.BL2, null);
        assertEquals(4, r.copies().size());
        for (int off : new int[] {0, 0x80000, 0x100000, 0x180000}) {
            assertArrayEquals(bl2, Arrays.copyOfRange(l.dev.get("/dev/mtd0"), off, off + bl2.length));
        }
    }

    @Test
    void emmcBl2GoesToBoot0AndItIsMadeReadOnlyAgain() throws Exception {
        FakeLinux l = new FakeLinux();
        l.emmc = true;
        byte[] bl2 = SyntheticImages.bl2(Medium.EMMC, 30_000, 4);
        flash(l, bl2, "emmc-preloader.bin", Role.BL2, null);
        assertArrayEquals(bl2, Arrays.copyOf(l.dev.get("/dev/mmcblk0boot0"), bl2.length));
        assertEquals("echo 1 > /sys/block/mmcblk0boot0/force_ro", l.sent.stream().filter(s -> s.contains("force_ro")).reduce((a, b) -> b).orElseThrow());
    }

    /** A Linux on which the command starting with {@code command} fails, printing {@code message} (null: an I/O error). */
    private static FakeLinux failingOn(String command, String message) {
        FakeLinux l = new FakeLinux();
        l.failOn = command;
        l.failMessage = message;
        return l;
    }

    private static Stopped fails(FakeLinux l, byte[] data, String name, Role role, Medium medium) {
        return assertThrows(Stopped.class, () -> flash(l, data, name, role, medium));
    }

    @Test
    void aFailedWriteSaysTheFlashIsDamagedAndHowToRescue() throws Exception {
        Stopped e = fails(failingOn("ubiupdatevol", null), SyntheticImages.fip(10_000, 30_000, 5), "snand.fip", Role.FIP, null);
        assertEquals(BoardState.Kind.DAMAGED, e.state().kind());
        assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
        assertTrue(e.getMessage().contains("rescued from the SD card"), e.getMessage());
    }

    @Test
    void aToolThatNeverOpenedTheDeviceLeavesItUntouched() throws Exception {
        FakeLinux l = failingOn("ubiupdatevol", "ubiupdatevol: error!: cannot open UBI volume \"/dev/ubi0_2\"\n           error 19 (No such device)");
        Stopped e = fails(l, SyntheticImages.fip(10_000, 30_000, 7), "snand.fip", Role.FIP, null);
        assertEquals(BoardState.Kind.UNTOUCHED, e.state().kind(), e.getMessage());
        assertTrue(e.getMessage().contains("Flash untouched"), e.getMessage());
    }

    @Test
    void ddThatFailedWithTheDeviceReadingAsBeforeLeavesItUntouched() throws Exception {
        FakeLinux l = failingOn("dd if=/tmp/r4rescue-fip.bin of=/dev/mmcblk0p4",
                "dd: error writing '/dev/mmcblk0p4': Operation not permitted\n1+0 records in\n0+0 records out");
        byte[] sd = l.dev.get("/dev/mmcblk0p4").clone();
        Stopped e = fails(l, SyntheticImages.fip(10_000, 30_000, 8), "x-sdcard.fip", Role.FIP, Medium.SD);
        assertEquals(BoardState.Kind.UNTOUCHED, e.state().kind(), e.getMessage());
        assertTrue(e.getMessage().contains("Operation not permitted"), e.getMessage());
        assertArrayEquals(sd, l.dev.get("/dev/mmcblk0p4"));
        long reads = l.sent.stream().filter(c -> c.matches(".*head -c \\d+ /dev/mmcblk0p4 \\| sha256sum")).count();
        assertEquals(2, reads, "read before the write and again after it failed: " + l.sent);
    }

    @Test
    void ddThatCannotOpenAfterTheEraseIsStillDamaged() throws Exception {
        FakeLinux l = failingOn("dd if=/tmp/r4rescue-bl2.bin of=/dev/mtd0", "dd: can't open '/dev/mtd0': No such device");
        l.bl2Flags = "0x400";
        Stopped e = fails(l, SyntheticImages.bl2(Medium.SNAND, 30_000, 9), "p.bin", Role.BL2, null);
        assertEquals(BoardState.Kind.DAMAGED, e.state().kind(), "mtd erase ran first: " + e.getMessage());
        assertTrue(e.getMessage().contains("rescued from the SD card"), e.getMessage());
    }

    @Test
    void aReadBackMismatchIsNeverCalledWritten() throws Exception {
        FakeLinux l = new FakeLinux();
        l.flipAfterWrite = true;
        Stopped e = assertThrows(Stopped.class,
                () -> flash(l, SyntheticImages.fip(10_000, 30_000, 6), "x-sdcard.fip", Role.FIP, Medium.SD));
        assertEquals(BoardState.Kind.DAMAGED, e.state().kind());
        assertEquals(FlashStep.VERIFY.label(), e.step());
        assertTrue(e.getMessage().contains("mismatch"), e.getMessage());
        assertTrue(l.sent.stream().anyMatch(s -> s.startsWith("dd if=/tmp/r4rescue-fip.bin of=/dev/mmcblk0p4")), l.sent.toString());
    }
}
