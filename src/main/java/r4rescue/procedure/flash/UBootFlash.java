package r4rescue.procedure.flash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import r4rescue.board.BoardProfile;
import r4rescue.board.DramSize;
import r4rescue.board.Medium;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Progress;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.uboot.CommandResult;
import r4rescue.protocol.uboot.LoadOptions;
import r4rescue.protocol.uboot.LoadResult;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.protocol.ymodem.YmodemException;
import r4rescue.util.Hex;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * Writes a checked BL2 or FIP from U-Boot: find the place on this board → load to RAM (YMODEM) →
 * compare CRC-32 → erase → write → read back to a second RAM address → compare, for every copy.
 * Nothing is erased before the image in RAM matches the file; nothing is called written before it
 * was read back and matched. Every failure says whether flash was touched and what to do next.
 *
 * <pre>
 *   FlashImage img = new ImageCheck(board).check(file, Role.FIP, null);          // FlashRefused: wrong file
 *   FlashReport r = new UBootFlash(session, board, img, new Procedure(events::add, cancel)).run(); // Stopped: stopped
 * </pre>
 * The procedure's board state is set before every erase, so a stop at any moment reports the truth.
 * Cancelling ({@link r4rescue.procedure.core.Cancel}): before the erase the flash stops at once (a
 * transfer under way ends with CAN CAN) and flash is untouched; once the erase has begun, stopping
 * would leave the board without the image, so it finishes writing and verifying and the report says
 * the cancel came too late ({@link FlashReport#cancelIgnored()}); a second cancel aborts before the
 * next command and the report says the flash is damaged and how to rescue the board.
 * OpenWrt's four NAND BL2 copies are erased, written and verified one at a time, so at every moment
 * at least three copies hold a good BL2 (the Boot ROM tries the next copy when one is bad).
 * One instance runs once; it runs on the caller's thread (never the FX thread) and talks only
 * through the session it is given.
 */
public final class UBootFlash {

    private static final Pattern SAME = Pattern.compile("Total of (\\d+) (byte|halfword|word|double word)\\(s\\) were the same"); // i18n-exempt: board output

    private final UBootSession session;
    private final FlashImage image;
    private final Procedure p;
    private final BoardCommands cmd;
    private final BoardProfile board;
    private final FlashLayouts layouts;
    private final Long loadAddress;
    private FlashTarget target;

    public UBootFlash(UBootSession session, BoardProfile board, FlashImage image, Procedure p) {
        this(session, board, image, p, null);
    }

    /** {@code loadAddress}: where the image goes in RAM; null for the env's {@code loadaddr} (or the board profile's load address). */
    public UBootFlash(UBootSession session, BoardProfile board, FlashImage image, Procedure p, Long loadAddress) {
        this.board = board;
        this.layouts = FlashLayouts.of(board);
        this.session = session;
        this.image = image;
        this.p = p;
        this.cmd = new BoardCommands(session, p);
        this.loadAddress = loadAddress;
    }

    /**
     * @throws FlashRefused the file does not fit this board's place for it, or the place is ambiguous (nothing written)
     * @throws Stopped      the board said no, a check failed, the link was lost or the user cancelled;
     *                      {@link Stopped#state()} says what the flash holds
     */
    public FlashReport run() throws Stopped {
        long t0 = System.nanoTime();
        untouchedWords(p);
        findTarget();
        checkRamSize();
        byte[] data = pad(image.data(), target.writeUnit());
        long len = data.length;
        long hostCrc = crc(data);
        if (len != image.size()) {
            p.info(String.format(Texts.t("proc.uboot.paddedWith0xFFFrom"), image.size(), len, target.writeUnit()));
        }
        long addr = loadAddress();
        long back = addr + roundUp(len, board.readBackAlign());

        step(FlashStep.LOAD, String.format(Texts.t("proc.uboot.sendingSDBytes"), image.name(), len, addr));
        p.command("loady " + BoardCommands.hex(addr));
        LoadResult load;
        try {
            load = session.loadToRam(image.name(), data, LoadOptions.defaults(board).withAddress(addr)
                    .withCancel(p.cancel()::requested)
                    .withProgress(y -> p.progress(new Progress(FlashStep.LOAD.label(), y.bytes(), y.total(),
                            y.elapsedMillis(), false))));
        } catch (YmodemException e) {
            if (e.cancelled() && p.cancel().requested()) {
                p.checkpoint();
            }
            throw stopped(Texts.t("proc.uboot.theTransferToRAM"), e);
        } catch (IOException e) {
            throw stopped(Texts.t("proc.uboot.loadingTheImageTo"), e);
        }
        p.info(String.format(Texts.t("proc.uboot.dBytesIn1f"),
                load.bytes(), load.millis() / 1000.0, load.bytesPerSecond(), load.retransmits()));
        step(FlashStep.CHECK_LOAD, Texts.t("proc.uboot.comparingUBootS"));
        p.command("crc32 " + BoardCommands.hex(addr) + " ${filesize}");
        p.info(String.format("CRC-32 in RAM %08x = host %08x", load.boardCrc(), hostCrc));

        long tw = System.nanoTime();
        List<FlashReport.CopyCheck> checks;
        try {
            checks = write(target, addr, back, len, hostCrc);
        } catch (IOException e) {
            throw stopped("Writing " + target.describe() + " failed", e, target, addr, back, len, hostCrc);
        }
        long writeMillis = (System.nanoTime() - tw) / 1_000_000;
        boolean lateCancel = p.cancel().requested();
        p.state(BoardState.verified(Message.of("proc.uboot.the", image.role().lower(), target.describe())));
        p.done(FlashStep.REPORT.message(), String.format(Texts.t(checks.size() == 1 ? "proc.uboot.doneOneCopy" : "proc.uboot.doneCopies"),
                target.describe(), checks.size(), hostCrc));
        if (lateCancel) {
            p.warn(Texts.t("proc.uboot.theCancelCameAfter"));
        }
        return new FlashReport(image.name(), image.role(), target.describe(), target.layout().id(), image.size(),
                image.crc32(), len, "CRC-32", FlashReport.crcHex(hostCrc), FlashReport.crcHex(load.boardCrc()), List.copyOf(checks), load.millis(), load.bytesPerSecond(),
                load.retransmits(), writeMillis, (System.nanoTime() - t0) / 1_000_000, lateCancel);
    }

    /**
     * A BL2 built for the other RAM size does not bring up DRAM: refuse it before anything is
     * loaded, from the size U-Boot itself reports. A BL2 that does not say its size is not checked.
     */
    private void checkRamSize() throws Stopped {
        Optional<DramSize> facts = DramSize.of(board);
        if (image.role() != Role.BL2 || facts.isEmpty()) {
            return;
        }
        DramSize d = facts.get();
        Optional<DramSize.Variant> built = d.ofImage(image.name(), image.data());
        if (built.isEmpty()) {
            return;
        }
        OptionalInt gib;
        try {
            gib = cmd.run(d.askCommand(), BoardCommands.SHORT).ok()
                    ? session.getenv(d.askVariable()).map(DramSize::fromMebibytes).orElse(OptionalInt.empty())
                    : OptionalInt.empty();
        } catch (IOException e) {
            throw stopped(Texts.t("proc.uboot.couldNotAskU"), e);
        }
        if (gib.isEmpty()) {
            p.warn(Texts.t("proc.uboot.uBootDidNot", d.askCommand()));
            return;
        }
        p.info("RAM: " + gib.getAsInt() + " GiB ('" + d.askCommand() + "')");
        String why = d.refusal(image.name(), built.get(), target.layout().medium(), gib.getAsInt(),
                "U-Boot's '" + d.askCommand() + "' says " + gib.getAsInt() * 1024 + " MiB");
        if (why != null) {
            throw new FlashRefused(why, true);
        }
    }

    /**
     * For a resume after the program died: finds the place again and reads back every copy into RAM,
     * comparing each with the image. Nothing is erased or written.
     *
     * @return for each copy, whether it holds the image now
     */
    public List<Boolean> readBack() throws Stopped {
        findTarget();
        byte[] data = pad(image.data(), target.writeUnit());
        long len = data.length;
        long hostCrc = crc(data);
        long back = loadAddress() + roundUp(len, board.readBackAlign());
        List<Long> offs = target.method() == Method.MTD_COPIES ? target.offsets() : List.of(0L);
        List<Boolean> same = new ArrayList<>();
        FlashLayouts.Placement pl = target.placement();
        try {
            if (target.method() == Method.MMC_BOOT0) {
                cmd.check("mmc partconf " + pl.partconfBoot0(), BoardCommands.SHORT);
            }
            for (long off : offs) {
                String where = offs.size() > 1 ? String.format(Texts.t("proc.uboot.ofTheCopyAt"), off) : "";
                step(FlashStep.READ_BACK, String.format(Texts.t("proc.uboot.readingBackDBytes"), len, where, back));
                clear(back, len);
                CommandResult r = cmd.run(readCommand(target, off, back, len), BoardCommands.LONG);
                long boardCrc = r.ok() ? cmd.crc32(back, len) : -1;
                p.info(r.ok() ? String.format(Texts.t("proc.uboot.readBackSCRC"), where, boardCrc, hostCrc,
                        boardCrc == hostCrc ? "equal" : "different") : "Reading" + where + " failed: " + BoardCommands.shown(r));
                same.add(boardCrc == hostCrc);
            }
        } catch (IOException e) {
            throw stopped(Texts.t("proc.uboot.reading", target.describe()), e);
        } finally {
            if (target.method() == Method.MMC_BOOT0) {
                restorePartconf(pl);
            }
        }
        return same;
    }

    /** Asks U-Boot where the image lives on this board (mtd list, ubi, mmc). */
    private void findTarget() throws Stopped {
        step(FlashStep.FIND_LAYOUT, Texts.t("proc.uboot.askingUBootWhere", image.role().lower()));
        TargetResolver resolver = new TargetResolver(layouts);
        BoardStorage storage;
        try {
            storage = new StorageProbe(cmd).probe(resolver.candidates(image));
        } catch (IOException e) {
            throw stopped(Texts.t("proc.uboot.couldNotReadThe"), e);
        }
        for (String note : storage.notes()) {
            p.warn(note);
        }
        target = resolver.resolve(storage, image);
        p.info("Layout: " + target.layout().label() + (target.layout().confirmed() ? "" : " (unconfirmed)"));
        p.info(String.format(Texts.t("proc.uboot.placeSRoomFor"), target.describe(), target.capacity()));
        if (p.journal() != null) {
            p.journal().note("place", target.describe());
            p.journal().note("medium", target.layout().medium().name());
        }
    }

    private long loadAddress() throws Stopped {
        try {
            return loadAddress != null ? loadAddress : session.getenv("loadaddr").map(Hex::parse)
                    .orElse(board.loadAddress());
        } catch (IOException e) {
            throw stopped(Texts.t("proc.uboot.couldNotReadLoadaddr"), e);
        }
    }

    /** Reads {@code len} bytes of the copy at {@code off} of {@code t} to RAM at {@code back} (boot0 already selected). */
    private static String readCommand(FlashTarget t, long off, long back, long len) {
        return switch (t.method()) {
            case MTD, MTD_COPIES -> "mtd read " + t.name() + " " + BoardCommands.hex(back) + " " + BoardCommands.hex(off)
                    + " " + BoardCommands.hex(len);
            case UBI_VOLUME -> "ubi read " + BoardCommands.hex(back) + " " + t.name() + " " + BoardCommands.hex(len);
            case MMC_GPT -> "mmc read " + BoardCommands.hex(back) + " " + BoardCommands.hex(t.startLba()) + " "
                    + BoardCommands.hex(len / 512);
            case MMC_BOOT0 -> "mmc read " + BoardCommands.hex(back) + " 0x0 " + BoardCommands.hex(len / 512);
        };
    }

    /** Erase, write and verify, the way the target's layout expects. */
    private List<FlashReport.CopyCheck> write(FlashTarget t, long addr, long back, long len, long hostCrc)
            throws IOException, Stopped {
        List<FlashReport.CopyCheck> checks = new ArrayList<>();
        switch (t.method()) {
            case MTD -> {
                step(FlashStep.ERASE, Texts.t("proc.uboot.erasingMTDPartition", t.name()));
                cmd.destructive("mtd erase " + t.name(), BoardCommands.LONG, erasing());
                step(FlashStep.WRITE, String.format(Texts.t("proc.uboot.writingDBytesTo"), len, t.name()));
                cmd.check("mtd write " + t.name() + " " + BoardCommands.hex(addr) + " 0x0 " + BoardCommands.hex(len),
                        BoardCommands.LONG);
                checks.add(verify(0, false, readCommand(t, 0, back, len), back, len, hostCrc));
            }
            case MTD_COPIES -> {
                List<Long> offs = t.offsets();
                for (int i = 0; i < offs.size(); i++) {
                    long off = offs.get(i);
                    long span = (i + 1 < offs.size() ? offs.get(i + 1) : t.placement().copySize() + off) - off;
                    String copy = String.format("copy %d of %d (0x%x)", i + 1, offs.size(), off);
                    step(FlashStep.ERASE, Texts.t("proc.uboot.erasingWritingAndVerifying", copy, t.name()));
                    cmd.destructive("mtd erase " + t.name() + " " + BoardCommands.hex(off) + " " + BoardCommands.hex(span),
                            BoardCommands.LONG, BoardState.partlyChanged(String.format(Texts.t("proc.uboot.bl2SIsBeing"), copy, others(i, offs.size()), layouts.retryAdvice())));
                    step(FlashStep.WRITE, String.format(Texts.t("proc.uboot.writingDBytesAt"), len, off, t.name()));
                    cmd.check("mtd write " + t.name() + " " + BoardCommands.hex(addr) + " " + BoardCommands.hex(off)
                            + " " + BoardCommands.hex(len), BoardCommands.LONG);
                    checks.add(verify(off, true, readCommand(t, off, back, len), back, len, hostCrc));
                }
            }
            case UBI_VOLUME -> {
                step(FlashStep.WRITE, String.format(Texts.t("proc.uboot.replacingUBIVolumeS"),
                        t.name(), len));
                cmd.destructive("ubi write " + BoardCommands.hex(addr) + " " + t.name() + " " + BoardCommands.hex(len),
                        BoardCommands.LONG, erasing());
                checks.add(verify(0, false, readCommand(t, 0, back, len), back, len, hostCrc));
            }
            case MMC_GPT -> {
                long blocks = len / 512;
                step(FlashStep.ERASE, "Erasing " + t.describe());
                cmd.destructive("mmc erase " + BoardCommands.hex(t.startLba()) + " " + BoardCommands.hex(t.areaBlocks()),
                        BoardCommands.LONG, erasing());
                step(FlashStep.WRITE, String.format(Texts.t("proc.uboot.writingDBlocksAt"), blocks, t.startLba()));
                cmd.check("mmc write " + BoardCommands.hex(addr) + " " + BoardCommands.hex(t.startLba())
                        + " " + BoardCommands.hex(blocks), BoardCommands.LONG);
                checks.add(verify(0, false, readCommand(t, 0, back, len), back, len, hostCrc));
            }
            case MMC_BOOT0 -> {
                long blocks = len / 512;
                FlashLayouts.Placement pl = t.placement();
                cmd.check("mmc partconf " + pl.partconfBoot0(), BoardCommands.SHORT);
                try {
                    step(FlashStep.ERASE, "Erasing " + t.describe());
                    cmd.destructive("mmc erase 0x0 " + BoardCommands.hex(t.areaBlocks()), BoardCommands.LONG, erasing());
                    step(FlashStep.WRITE, String.format(Texts.t("proc.uboot.writingDBlocksTo"), blocks));
                    cmd.check("mmc write " + BoardCommands.hex(addr) + " 0x0 " + BoardCommands.hex(blocks), BoardCommands.LONG);
                    checks.add(verify(0, false, readCommand(t, 0, back, len), back, len, hostCrc));
                } finally {
                    restorePartconf(pl);
                }
            }
            default -> throw new IllegalStateException(t.method().name());
        }
        return checks;
    }

    /** Which copies hold a good BL2 while copy {@code i} (from 0) is rewritten, e.g. "copies 2-4 still hold the old BL2". */
    private static String others(int i, int n) {
        String old = i + 2 == n ? Texts.t("proc.uboot.copy", n) : Texts.t("proc.uboot.copies", (i + 2), n);
        String fresh = i == 1 ? "copy 1 holds" : "copies 1-" + i + " hold";
        return i == 0 ? Texts.t("proc.uboot.theOldBL2", old)
                : i + 1 == n ? Texts.t("proc.uboot.theNewBL2Verified", fresh)
                : Texts.t("proc.uboot.theNewBL2Verified2", fresh, old);
    }

    /** Said as the erase is sent: from then on the old image is gone until the new one is verified. */
    private BoardState erasing() {
        return BoardState.damaged(Message.of("proc.uboot.damaged", target.describe(), image.role().lower(), advice(false)));
    }

    /** Back to the user area with boot0 still enabled for booting, as OpenWrt's emmc_write_bl2 leaves it. */
    private void restorePartconf(FlashLayouts.Placement pl) {
        String c = "mmc partconf " + pl.partconfUser();
        try {
            BoardCommands.checked(c, cmd.cleanup(c, BoardCommands.SHORT));
        } catch (IOException e) {
            p.warn(Texts.t("proc.uboot.couldNotSwitchThe", e.getMessage()));
        }
    }

    /** Clears the read-back area (so a read that did nothing cannot pass), reads, and compares CRC-32. */
    private FlashReport.CopyCheck verify(long offset, boolean copy, String readCommand, long back, long len, long hostCrc)
            throws IOException, Stopped {
        String where = copy ? String.format(Texts.t("proc.uboot.ofTheCopyAt2"), offset) : "";
        step(FlashStep.READ_BACK, String.format(Texts.t("proc.uboot.readingBackDBytes2"), len, where, back));
        clear(back, len);
        cmd.check(readCommand, BoardCommands.LONG);
        step(FlashStep.VERIFY, Texts.t("proc.uboot.comparing", where));
        long boardCrc = cmd.crc32(back, len);
        if (boardCrc != hostCrc) {
            throw new Stopped(Stopped.Kind.BOARD_SAID_NO, p.currentStepMessage(), Message.of("proc.uboot.readBackMismatch",
                    where, String.format("%08x", boardCrc), String.format("%08x", hostCrc), p.state().message()), p.state(), null);
        }
        p.info(String.format(Texts.t("proc.uboot.readBackSCRC2"), where, boardCrc, hostCrc));
        return new FlashReport.CopyCheck(offset, FlashReport.crcHex(boardCrc));
    }

    /** Plain {@code mw} (32-bit words): every U-Boot has it, not every one takes {@code mw.b}. */
    private void clear(long back, long len) throws IOException, Stopped {
        cmd.check("mw " + BoardCommands.hex(back) + " 0x0 " + BoardCommands.hex(words(len)), BoardCommands.LONG);
    }

    private static long words(long len) {
        return (len + 3) / 4;
    }

    private static long unitBytes(String unit) {
        return switch (unit) {
            case "byte" -> 1;
            case "halfword" -> 2;
            case "double word" -> 8;
            default -> 4;
        };
    }

    private Stopped stopped(String what, IOException e) {
        return stopped(what, e, null, 0, 0, 0, 0);
    }

    /** The failure report: U-Boot's words, what the flash now holds, and what to do next. */
    private Stopped stopped(String what, IOException e, FlashTarget t, long addr, long back, long len, long hostCrc) {
        Stopped.Kind kind = Stopped.kindOf(e);
        String cause = e.getMessage();
        if (p.state().safeToStop()) {
            return new Stopped(kind, p.currentStepMessage(), Message.of("proc.failedState", what, cause, p.state().message()), p.state(), e);
        }
        boolean lost = kind == Stopped.Kind.NO_ANSWER;
        String after = lost ? "" : afterFailure(t, addr, back, len, hostCrc);
        if (lost && p.state().kind() == BoardState.Kind.DAMAGED) {
            p.state(BoardState.damaged(Message.of("proc.uboot.damagedTheOld", image.role().lower(), advice(true))));
        }
        return new Stopped(kind, p.currentStepMessage(), Message.of("proc.uboot.failedAfterErase", what, cause, after, p.state().message()),
                p.state(), e);
    }

    /** After a failed write, reads back what is there, so the report says how much of the image landed. */
    private String afterFailure(FlashTarget t, long addr, long back, long len, long hostCrc) {
        if (t == null || t.method() == Method.MMC_BOOT0) {
            return "";
        }
        String read = readCommand(t, 0, back, len);
        try {
            clear(back, len);
            CommandResult r = cmd.run(read, BoardCommands.LONG);
            if (!r.ok()) {
                return Texts.t("proc.uboot.readingItBackFailed", BoardCommands.shown(r));
            }
            long crc = cmd.crc32(back, len);
            CommandResult cmp = cmd.run("cmp " + BoardCommands.hex(addr) + " " + BoardCommands.hex(back)
                    + " " + BoardCommands.hex(words(len)), BoardCommands.LONG);
            Matcher m = SAME.matcher(cmp.output());
            String same = m.find() ? String.format(Texts.t("proc.uboot.theFirstDOf"),
                    Math.min(len, Long.parseLong(m.group(1)) * unitBytes(m.group(2))), len) : "";
            return String.format(Texts.t("proc.uboot.readBackAfterThe"), crc, hostCrc,
                    crc == hostCrc ? "equal" : "mismatch", same);
        } catch (IOException | Stopped x) {
            return "";
        }
    }

    private String advice(boolean lost) {
        Medium m = target != null ? target.layout().medium() : image.medium() != null ? image.medium() : Medium.NONE;
        String rescue = layouts.afterDamage(m);
        if (lost) {
            return Texts.t("proc.uboot.reconnectTheCableIf", rescue);
        }
        return layouts.retryAdvice() + " " + rescue;
    }

    /** A step begins; a cancel stops here while the board is safe to leave (see {@link Procedure#checkpoint()}). */
    private void step(FlashStep step, String message) throws Stopped {
        p.step(step.message(), message);
    }


    /** Says what an untouched board means for a flash (a procedure that already changed something keeps its words). */
    static void untouchedWords(Procedure p) {
        if (p.state().kind() == BoardState.Kind.UNTOUCHED) {
            p.state(BoardState.untouched(Message.of("proc.uboot.flashUntouchedNothingWas")));
        }
    }

    static byte[] pad(byte[] data, long unit) {
        if (unit <= 1 || data.length % unit == 0) {
            return data;
        }
        byte[] out = Arrays.copyOf(data, (int) roundUp(data.length, unit));
        Arrays.fill(out, data.length, out.length, (byte) 0xff);
        return out;
    }

    static long roundUp(long v, long unit) {
        return (v + unit - 1) / unit * unit;
    }

    static long crc(byte[] d) {
        CRC32 c = new CRC32();
        c.update(d);
        return c.getValue();
    }
}
