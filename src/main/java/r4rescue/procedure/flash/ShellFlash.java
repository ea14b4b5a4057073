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
import r4rescue.util.Message;
import r4rescue.util.Texts;

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
        step(FlashStep.FIND_LAYOUT, Texts.t("proc.shellflash.askingLinuxWhereThe", image.role().lower()));
        LinuxStorage ls;
        try {
            ls = LinuxStorage.probe(sh, p::command);
        } catch (IOException e) {
            throw stopped(Texts.t("proc.shellflash.couldNotReadThe"), e);
        }
        target = new TargetResolver(layouts).resolve(ls.storage, image);
        String node = ls.node(target);
        p.info("Layout: " + target.layout().label());
        p.info("Place: " + target.describe() + " = " + node);
        if ((target.method() == Method.MTD || target.method() == Method.MTD_COPIES) && ls.readOnly.contains(target.name())) {
            throw new FlashRefused(Message.of("proc.shellflash.linuxHoldsMTDPartition", target.name(), node, image.role().lower(), image.role().lower()), true);
        }
        if (node == null) {
            throw new Stopped(Stopped.Kind.BOARD_SAID_NO, p.currentStepMessage(), Message.of("proc.shellflash.linuxShowsNoDevice", target.describe(), p.state().message()), p.state(), null);
        }
        byte[] data = target.method() == Method.MTD || target.method() == Method.MTD_COPIES
                ? UBootFlash.pad(image.data(), target.writeUnit()) : image.data();
        String hostSha = Hashes.sha256Hex(data);
        String remote = REMOTE_DIR + "/r4rescue-" + image.role().lower() + ".bin";

        step(FlashStep.LOAD, String.format(Texts.t("proc.shellflash.sendingSDBytes"), image.name(), data.length, remote));
        long tl = System.nanoTime();
        try {
            sh.upload(data, remote, p::progress, p.cancel());
        } catch (IOException e) {
            p.checkpoint();
            throw stopped(Texts.t("proc.shellflash.theTransferFailed"), e);
        }
        long loadMillis = (System.nanoTime() - tl) / 1_000_000;
        String loadSha;
        try {
            step(FlashStep.CHECK_LOAD, Texts.t("proc.shellflash.comparingTheBoardS"));
            loadSha = sha("sha256sum " + remote);
        } catch (IOException e) {
            throw stopped(Texts.t("proc.shellflash.couldNotCheckThe"), e);
        }
        if (!loadSha.equals(hostSha)) {
            throw new Stopped(Stopped.Kind.BOARD_SAID_NO, p.currentStepMessage(), Message.of("proc.shellflash.theFileOnThe", loadSha, hostSha, p.state().message()), p.state(), null);
        }
        p.info(Texts.t("proc.shellflash.sha256OnThe", loadSha));

        long tw = System.nanoTime();
        List<FlashReport.CopyCheck> checks;
        try {
            checks = write(target, node, remote, data.length, hostSha);
        } catch (IOException e) {
            throw stopped("Writing " + target.describe() + " failed", e);
        }
        boolean lateCancel = p.cancel().requested();
        p.state(BoardState.verified(Message.of("proc.shellflash.the", image.role().lower(), target.describe())));
        p.done(FlashStep.REPORT.message(), Texts.t("proc.shellflash.done", target.describe()));
        try {
            run("rm -f " + remote, 15_000);
        } catch (IOException e) {
            p.warn(Texts.t("proc.shellflash.couldNotRemove", remote, e.getMessage()));
        }
        if (lateCancel) {
            p.warn(Texts.t("proc.shellflash.theCancelCameAfter"));
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
                step(FlashStep.WRITE, Texts.t("proc.shellflash.writingMTDPartition", t.name()));
                write("mtd write " + remote + " " + t.name(), null, null);
                checks.add(verify(0, false, readMtd(node, 0, len, t.writeUnit()), hostSha));
            }
            case MTD_COPIES -> {
                step(FlashStep.ERASE, Texts.t("proc.shellflash.erasingMTDPartition", t.name()));
                write("mtd erase " + t.name(), null, null);
                for (long off : t.offsets()) {
                    step(FlashStep.WRITE, String.format(Texts.t("proc.shellflash.writingTheCopyAt"), off, t.name()));
                    write("dd if=" + remote + " of=" + node + " bs=" + t.writeUnit() + " seek="
                            + off / t.writeUnit() + " 2>&1", null, null);
                }
                for (long off : t.offsets()) {
                    checks.add(verify(off, true, readMtd(node, off, len, t.writeUnit()), hostSha));
                }
            }
            case UBI_VOLUME -> {
                step(FlashStep.WRITE, Texts.t("proc.shellflash.replacingUBIVolume", t.name(), node));
                write("ubiupdatevol " + node + " " + remote, null, null);
                checks.add(verify(0, false, Sh.all("head -c " + len + " " + node + " | sha256sum"), hostSha));
            }
            case MMC_GPT -> {
                String read = readBlock(node, len);
                String before = sha(read);
                step(FlashStep.WRITE, Texts.t("proc.shellflash.writing", node));
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
                    step(FlashStep.WRITE, Texts.t("proc.shellflash.writing2", node));
                    write("dd if=" + remote + " of=" + node + " bs=512 conv=fsync 2>&1", read, before);
                    checks.add(verify(0, false, read, hostSha));
                } finally {
                    try {
                        check("echo 1 > " + ro, 15_000);
                    } catch (IOException e) {
                        p.warn(Texts.t("proc.shellflash.couldNotMake", node, e.getMessage()));
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
            p.state(BoardState.damaged(Message.of("proc.shellflash.damaged", target.describe(), image.role().lower(), advice(false))));
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
                    p.info(Texts.t("proc.shellflash.readBackAfterThe"));
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
        String where = copy ? String.format(Texts.t("proc.shellflash.ofTheCopyAt"), offset) : "";
        step(FlashStep.READ_BACK, Texts.t("proc.shellflash.readingBack", where));
        String got = sha(readCommand);
        if (!got.equals(hostSha)) {
            throw new Stopped(Stopped.Kind.BOARD_SAID_NO, FlashStep.VERIFY.message(), Message.of("proc.shellflash.readBackMismatch", where, got, hostSha, p.state().message()), p.state(), null);
        }
        p.info(Texts.t("proc.shellflash.readBack", where));
        return new FlashReport.CopyCheck(offset, got);
    }

    private String sha(String command) throws IOException {
        BoardShell.Result r = check(command, WRITE_TIMEOUT);
        Matcher m = SHA.matcher(r.output().toLowerCase(Locale.ROOT));
        if (!m.find()) {
            throw new IOException(Texts.t("proc.shellflash.text2", command, r.output().strip()));
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
                + (out.isEmpty() ? "" : Texts.t("proc.shellflash.theBoardSaid", out)));
    }

    private Stopped stopped(String what, IOException e) {
        Stopped.Kind kind = Stopped.kindOf(e);
        if (p.state().safeToStop()) {
            return new Stopped(kind, p.currentStepMessage(), Message.of("proc.failedState", what, e.getMessage(), p.state().message()), p.state(), e);
        }
        if (kind == Stopped.Kind.NO_ANSWER) {
            p.state(BoardState.damaged(Message.of("proc.shellflash.damagedTheOld", image.role().lower(), advice(true))));
        }
        return new Stopped(kind, p.currentStepMessage(), Message.of("proc.shellflash.failedAfterWriteBegan", what, e.getMessage(),
                p.state().message()), p.state(), e);
    }

    private String advice(boolean lost) {
        String rescue = target == null ? "" : layouts.afterDamage(target.layout().medium());
        return (lost ? Texts.t("proc.shellflash.reconnectTheCableIf")
                : Texts.t("proc.shellflash.theRunningLinuxIs")) + rescue;
    }

    private void step(FlashStep step, String message) throws Stopped {
        p.step(step.message(), message);
    }
}
