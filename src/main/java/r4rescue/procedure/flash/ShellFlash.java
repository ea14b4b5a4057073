package r4rescue.procedure.flash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.board.BoardProfile;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.shell.Sh;
import r4rescue.util.Hashes;

/**
 * Writes a checked BL2 or FIP from a root shell on the board (OpenWrt booted from SD, NAND or eMMC): find the place
 * from {@code /proc/mtd}, {@code /sys/class/ubi} and the MMC partitions → push the file to
 * {@code /tmp} (chunked, SHA-256 checked) → compare SHA-256 → write ({@code mtd write},
 * {@code ubiupdatevol}, {@code dd}) → read back from the device → compare SHA-256, for every copy.
 * A partition Linux holds read-only (OpenWrt's device tree marks {@code bl2} so) is refused before
 * anything is written, with the way that works instead. The eMMC boot area is written with its
 * {@code force_ro} lifted for the write only. A failed write leaves the flash "untouched" only when
 * the tool said it never opened the device or, for dd, the place reads back as it was before.
 * Cancelling and the board's state work as in {@link UBootFlash}.
 */
public final class ShellFlash {

    static final String REMOTE_DIR = "/tmp";
    private static final Pattern SHA = Pattern.compile("\\b([0-9a-f]{64})\\b");
    /**
     * A write tool saying it never opened its files: BusyBox dd "can't open", GNU dd "failed to open",
     * ubiupdatevol "cannot open", OpenWrt mtd "Could not open mtd device". Each opens before it writes.
     */
    private static final Pattern NOT_OPENED = Pattern.compile("(?i)\\b(can't|cannot|could not|failed to) open\\b");
    private static final long WRITE_TIMEOUT = 300_000;

    private final BoardShell sh;
    private final FlashImage image;
    private final Procedure p;
    private final FlashLayouts layouts;
    private FlashTarget target;

    public ShellFlash(BoardShell sh, BoardProfile board, FlashImage image, Procedure p) {
        this.layouts = FlashLayouts.of(board);
        this.sh = sh;
        this.image = image;
        this.p = p;
    }

    /**
     * @throws FlashRefused the file does not fit this board, or Linux holds the place read-only (nothing written)
     * @throws Stopped      the board said no, a check failed, the link was lost or the user cancelled
     */
    public FlashReport run() throws Stopped {
        long t0 = System.nanoTime();
        UBootFlash.untouchedWords(p);
        step(FlashStep.FIND_LAYOUT, "Asking Linux where the " + image.role().lower() + " lives on this board");
        LinuxStorage ls;
        try {
            ls = LinuxStorage.probe(sh, p::command);
        } catch (IOException e) {
            throw stopped("Could not read the storage layout", e);
        }
        target = new TargetResolver(layouts).resolve(ls.storage, image);
        String node = ls.node(target);
        p.info("Layout: " + target.layout().label());
        p.info("Place: " + target.describe() + " = " + node);
        if ((target.method() == Method.MTD || target.method() == Method.MTD_COPIES) && ls.readOnly.contains(target.name())) {
            throw new FlashRefused("Linux holds MTD partition " + target.name() + " (" + node + ") read-only: OpenWrt's device"
                    + " tree marks it so, and the mtd tool cannot open it for writing. Write the " + image.role().lower()
                    + " from U-Boot instead: run 'r4-rescue flash FILE --part " + image.role().lower() + "' and power-cycle"
                    + " the board when asked (the SD card's U-Boot writes the NAND too). Nothing was written.", true);
        }
        if (node == null) {
            throw new Stopped(Stopped.Kind.BOARD_SAID_NO, p.currentStep(), "Linux shows no device node for "
                    + target.describe() + ". " + p.state().words(), p.state(), null);
        }
        byte[] data = target.method() == Method.MTD || target.method() == Method.MTD_COPIES
                ? UBootFlash.pad(image.data(), target.writeUnit()) : image.data();
        String hostSha = Hashes.sha256Hex(data);
        String remote = REMOTE_DIR + "/r4rescue-" + image.role().lower() + ".bin";

        step(FlashStep.LOAD, String.format("Sending %s (%,d bytes) to %s over the console", image.name(), data.length, remote));
        long tl = System.nanoTime();
        try {
            sh.upload(data, remote, p::progress, p.cancel());
        } catch (IOException e) {
            p.checkpoint();
            throw stopped("The transfer failed", e);
        }
        long loadMillis = (System.nanoTime() - tl) / 1_000_000;
        String loadSha;
        try {
            step(FlashStep.CHECK_LOAD, "Comparing the board's SHA-256 of the file with the host's");
            loadSha = sha("sha256sum " + remote);
        } catch (IOException e) {
            throw stopped("Could not check the file on the board", e);
        }
        if (!loadSha.equals(hostSha)) {
            throw new Stopped(Stopped.Kind.BOARD_SAID_NO, p.currentStep(), "The file on the board differs: SHA-256 "
                    + loadSha + ", host " + hostSha + ". " + p.state().words(), p.state(), null);
        }
        p.info("SHA-256 on the board " + loadSha + " = host");

        long tw = System.nanoTime();
        List<FlashReport.CopyCheck> checks;
        try {
            checks = write(target, node, remote, data.length, hostSha);
        } catch (IOException e) {
            throw stopped("Writing " + target.describe() + " failed", e);
        }
        boolean lateCancel = p.cancel().requested();
        p.state(BoardState.verified("The " + image.role().lower() + " in " + target.describe() + " is written and verified."));
        p.done(FlashStep.REPORT.label(), "Done: " + target.describe() + " written and verified");
        try {
            run("rm -f " + remote, 15_000);
        } catch (IOException e) {
            p.warn("Could not remove " + remote + ": " + e.getMessage());
        }
        if (lateCancel) {
            p.warn("The cancel came after the write had begun; the write was finished so the board stays bootable.");
        }
        return new FlashReport(image.name(), image.role(), target.describe() + " (" + node + ")", target.layout().id(),
                image.size(), image.crc32(), data.length, "SHA-256", hostSha, loadSha, List.copyOf(checks), loadMillis,
                loadMillis == 0 ? 0 : data.length * 1000.0 / loadMillis, 0, (System.nanoTime() - tw) / 1_000_000,
                (System.nanoTime() - t0) / 1_000_000, lateCancel);
    }

    private List<FlashReport.CopyCheck> write(FlashTarget t, String node, String remote, long len, String hostSha)
            throws IOException, Stopped {
        List<FlashReport.CopyCheck> checks = new ArrayList<>();
        switch (t.method()) {
            case MTD -> {
                step(FlashStep.WRITE, "Writing MTD partition " + t.name() + " with mtd (it erases as it writes)");
                write("mtd write " + remote + " " + t.name(), null, null);
                checks.add(verify(0, false, readMtd(node, 0, len, t.writeUnit()), hostSha));
            }
            case MTD_COPIES -> {
                step(FlashStep.ERASE, "Erasing MTD partition " + t.name());
                write("mtd erase " + t.name(), null, null);
                for (long off : t.offsets()) {
                    step(FlashStep.WRITE, String.format("Writing the copy at 0x%x of %s", off, t.name()));
                    write("dd if=" + remote + " of=" + node + " bs=" + t.writeUnit() + " seek="
                            + off / t.writeUnit() + " 2>&1", null, null);
                }
                for (long off : t.offsets()) {
                    checks.add(verify(off, true, readMtd(node, off, len, t.writeUnit()), hostSha));
                }
            }
            case UBI_VOLUME -> {
                step(FlashStep.WRITE, "Replacing UBI volume " + t.name() + " (" + node + ") with ubiupdatevol");
                write("ubiupdatevol " + node + " " + remote, null, null);
                checks.add(verify(0, false, Sh.all("head -c " + len + " " + node + " | sha256sum"), hostSha));
            }
            case MMC_GPT -> {
                String read = readBlock(node, len);
                String before = sha(read);
                step(FlashStep.WRITE, "Writing " + node + " with dd");
                write("dd if=" + remote + " of=" + node + " bs=512 conv=fsync 2>&1", read, before);
                checks.add(verify(0, false, read, hostSha));
            }
            case MMC_BOOT0 -> {
                // Linux keeps the eMMC boot areas read-only until 0 is written to force_ro
                // (Documentation/mmc/mmc-dev-parts.rst); it is set back to 1 whatever happens.
                String read = readBlock(node, len);
                String before = sha(read);
                String ro = "/sys/block/" + node.substring(node.lastIndexOf('/') + 1) + "/force_ro";
                check("echo 0 > " + ro, 15_000);
                try {
                    step(FlashStep.WRITE, "Writing " + node + " with dd");
                    write("dd if=" + remote + " of=" + node + " bs=512 conv=fsync 2>&1", read, before);
                    checks.add(verify(0, false, read, hostSha));
                } finally {
                    try {
                        check("echo 1 > " + ro, 15_000);
                    } catch (IOException e) {
                        p.warn("Could not make " + node + " read-only again: " + e.getMessage());
                    }
                }
            }
            default -> throw new IllegalStateException(t.method().name());
        }
        return checks;
    }

    /**
     * Runs a command that writes the place. From the moment it is sent the place counts as touched (an
     * answer that never comes leaves it in doubt), unless the command fails saying it never opened its
     * files, or, where {@code readBack} is given, reading the place again still gives {@code before}.
     */
    private void write(String command, String readBack, String before) throws IOException, Stopped {
        p.checkpoint();
        BoardState was = p.state();
        if (was.safeToStop()) {
            // said as the write is sent: the last safe point is just above
            p.state(BoardState.damaged("Damaged: " + target.describe() + " is being written; the old " + image.role().lower()
                    + " is gone and the new one is not verified yet. " + advice(false)));
        }
        BoardShell.Result r = run(command, WRITE_TIMEOUT);
        if (r.ok()) {
            return;
        }
        IOException failed = failure(command, r);
        if (NOT_OPENED.matcher(r.output()).find()) {
            p.state(was);
            throw failed;
        }
        if (readBack != null) {
            try {
                if (sha(readBack).equals(before)) {
                    p.state(was);
                    p.info("Read back after the failed write: the place still holds what it held before");
                }
            } catch (IOException e) {
                failed.addSuppressed(e);
            }
        }
        throw failed;
    }

    /**
     * The SHA-256 of a block device's first {@code len} bytes. The page cache must not answer for the
     * device: it is dropped first, and a failed drop (or a failed read) fails the whole command.
     */
    private static String readBlock(String node, long len) {
        return Sh.all("sync", "echo 3 > /proc/sys/vm/drop_caches", "head -c " + len + " " + node + " | sha256sum");
    }

    /** MTD character devices have no page cache; dd's own errors (and record counts) stay in the output. */
    private static String readMtd(String node, long off, long len, long unit) {
        return Sh.all("dd if=" + node + " bs=" + unit + " skip=" + off / unit + " count=" + len / unit + " | sha256sum");
    }

    private FlashReport.CopyCheck verify(long offset, boolean copy, String readCommand, String hostSha)
            throws IOException, Stopped {
        String where = copy ? String.format(" of the copy at 0x%x", offset) : "";
        step(FlashStep.READ_BACK, "Reading back" + where + " from the device");
        String got = sha(readCommand);
        if (!got.equals(hostSha)) {
            throw new Stopped(Stopped.Kind.BOARD_SAID_NO, FlashStep.VERIFY.label(), "Read-back mismatch" + where
                    + ": SHA-256 on the board " + got + ", file " + hostSha + ". The flash does not hold the image. "
                    + p.state().words(), p.state(), null);
        }
        p.info("Read back" + where + ": SHA-256 = host");
        return new FlashReport.CopyCheck(offset, got);
    }

    private String sha(String command) throws IOException {
        BoardShell.Result r = check(command, WRITE_TIMEOUT);
        Matcher m = SHA.matcher(r.output().toLowerCase(Locale.ROOT));
        if (!m.find()) {
            throw new IOException("'" + command + "' printed no SHA-256: " + r.output().strip());
        }
        return m.group(1);
    }

    private BoardShell.Result run(String command, long timeout) throws IOException {
        p.command(command);
        return sh.run(command, timeout);
    }

    private BoardShell.Result check(String command, long timeout) throws IOException {
        BoardShell.Result r = run(command, timeout);
        if (!r.ok()) {
            throw failure(command, r);
        }
        return r;
    }

    private static IOException failure(String command, BoardShell.Result r) {
        String out = r.output().strip().replace("\n", " | ");
        return new IOException("'" + command + "' failed (exit status " + r.status() + ")"
                + (out.isEmpty() ? "" : ". The board said: " + out));
    }

    private Stopped stopped(String what, IOException e) {
        Stopped.Kind kind = Stopped.kindOf(e);
        if (p.state().safeToStop()) {
            return new Stopped(kind, p.currentStep(), what + ": " + e.getMessage() + ". " + p.state().words(), p.state(), e);
        }
        if (kind == Stopped.Kind.NO_ANSWER) {
            p.state(BoardState.damaged("Damaged: the old " + image.role().lower() + " is gone and the new one is not"
                    + " verified. " + advice(true)));
        }
        return new Stopped(kind, p.currentStep(), what + " after the write began: " + e.getMessage() + ". "
                + p.state().words(), p.state(), e);
    }

    private String advice(boolean lost) {
        String rescue = target == null ? "" : layouts.afterDamage(target.layout().medium());
        return (lost ? "Reconnect the cable; if the shell still answers, do not power the board off and run the same flash again. "
                : "The running Linux is unaffected: do not power the board off; run the same flash again now. ") + rescue;
    }

    private void step(FlashStep step, String message) throws Stopped {
        p.step(step.label(), message);
    }
}
