package r4rescue.sim;

import java.util.Random;

/**
 * Line faults on demand: noise (a byte error rate, each hit flips one bit), dropped bytes, and a
 * cable pull after N bytes sent to the host or at a named boot event ("bl2", "uboot", "menu",
 * "prompt", "kernel", "shell", "loady" ...). And device faults for the Linux shell's dd: a device
 * node that cannot be opened, or one whose writes fail part way; a cache drop or an fw_setenv that fails. And
 * U-Boot faults: a
 * {@code saveenv} that stores nothing, an {@code mtd read} that does nothing, a reset mid-command.
 */
public final class Faults {
    /** Probability that a byte gets one bit flipped, per direction. */
    public volatile double noiseRate;
    /** Probability that a byte is lost, per direction. */
    public volatile double dropRate;
    /** Pull the cable once this many bytes went to the host (-1: never). */
    public volatile long pullAfterBytes = -1;
    /** Pull the cable when this event happens (null: never). */
    public volatile String pullAtEvent;
    /** While the Linux shell waits for input, a kernel message every this many ms (0: never). */
    public volatile long kernelChatterMs;
    /** A device node (e.g. /dev/mmcblk0p4) dd cannot open for writing, as when the device went away (null: none). */
    public volatile String deviceOpenFails;
    /** A device node whose writes fail with an I/O error after {@link #deviceWriteFailsAfter} bytes (null: none). */
    public volatile String deviceWriteFails;
    public volatile long deviceWriteFailsAfter;
    /** Writing /proc/sys/vm/drop_caches fails (as for a shell that is not root): a read-back may come from the page cache. */
    public volatile boolean dropCachesFails;
    /** fw_setenv cannot store the environment: it says so, exits 1 and leaves both copies as they were. */
    public volatile boolean fwSetenvFails;
    /** Serial recovery: the adapter cannot do this rate or more, nothing gets through either way (0: none). */
    public volatile int deadFromBaud;
    /** Serial recovery: one bit of this byte of the next Boot ROM download is flipped on the line (-1: never). */
    public volatile long flipDaByte = -1;
    /** Serial recovery: one bit of this FIP packet is flipped the first time it arrives (-1: never). */
    public volatile int flipFipPacket = -1;
    /** {@code uci commit} cannot write /etc/config: it says "uci: I/O error", exits 1 and leaves the file as it was. */
    public volatile boolean uciCommitFails;
    /** tar leaves this member out and exits 0, as BusyBox tar does with a socket ("tar: ./x: socket ignored"). */
    public volatile String tarIgnores;
    /** At the next boots nothing is mounted on /overlay (the flash's rootfs_data failed and no extroot came up). */
    public volatile boolean overlayNotMounted;

    // Flash guards: each makes one check of the flash procedure (UBootFlash, ShellFlash, SerialLoad) the only
    // thing between a bad image and the flash, so a test fails if that check is taken out.
    /** Right after a {@code loady}, one bit of the image in U-Boot's RAM flips (its crc32 no longer matches the file). */
    public volatile boolean flashRamCorruptAfterLoady;
    /** {@code loady} prints a "## Total Size" this many bytes off what it received (0: the true size). */
    public volatile long flashLoadyTotalSizeOff;
    /** Reading flash back gives one flipped byte: U-Boot's mtd/ubi/mmc read, and Linux reading a /dev node. */
    public volatile boolean flashReadBackDiffers;

    // U-Boot faults that a guard must catch (each named by the guard's test).
    /** U-Boot's {@code saveenv} prints its usual "OK" but stores nothing. */
    public volatile boolean ubootSaveenvStoresNothing;
    /** U-Boot's {@code mtd read} works this many times, then prints as usual but leaves RAM untouched (-1: never). */
    public volatile int ubootMtdReadWorksTimes = -1;
    /** The same for {@code mmc read}. */
    public volatile int ubootMmcReadWorksTimes = -1;
    /** The SoC resets (as by a watchdog or a brown-out) when this event happens, e.g. "cmd:ubi" (null: never). */
    public volatile String ubootResetAtEvent;
    /** U-Boot built without this command (e.g. "nand": a defconfig without CONFIG_CMD_NAND), so it is an unknown command (null: all there). */
    public volatile String ubootLacksCommand;

    private final Random random;

    public Faults(long seed) {
        random = new Random(seed);
    }

    /** The flash read-back fault: flips the first byte of {@code read} (in place) when it is on. */
    public void readBack(byte[] read) {
        if (flashReadBackDiffers && read.length > 0) {
            read[0] ^= 0x01;
        }
    }

    /** Applies noise and drops to {@code data}; returns the bytes that get through. */
    public byte[] corrupt(byte[] data, int off, int len) {
        double noise = noiseRate;
        double drop = dropRate;
        if (noise <= 0 && drop <= 0) {
            return java.util.Arrays.copyOfRange(data, off, off + len);
        }
        byte[] out = new byte[len];
        int n = 0;
        synchronized (random) {
            for (int i = 0; i < len; i++) {
                if (drop > 0 && random.nextDouble() < drop) {
                    continue;
                }
                byte b = data[off + i];
                if (noise > 0 && random.nextDouble() < noise) {
                    b ^= (byte) (1 << random.nextInt(8));
                }
                out[n++] = b;
            }
        }
        return n == len ? out : java.util.Arrays.copyOf(out, n);
    }
}
