package r4rescue.procedure.flash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import r4rescue.board.Medium;
import r4rescue.link.LinkException;
import r4rescue.protocol.CancellationToken;
import r4rescue.protocol.uboot.CommandResult;
import r4rescue.protocol.uboot.LoadOptions;
import r4rescue.protocol.uboot.LoadResult;
import r4rescue.protocol.uboot.NoAnswerException;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.protocol.ymodem.YmodemException;

/**
 * Writes a checked BL2 or FIP from U-Boot: find the place on this board → load to RAM (YMODEM) →
 * compare CRC-32 → erase → write → read back to a second RAM address → compare, for every copy.
 * Nothing is erased before the image in RAM matches the file; nothing is called written before it
 * was read back and matched. Every failure says whether flash was touched and what to do next.
 *
 * <pre>
 *   FlashImage img = new ImageCheck().check(file, Role.FIP, null, false);   // FlashRefused: wrong file
 *   FlashReport r = new UBootFlash(session, img, events::add, token).run(); // FlashException: stopped
 * </pre>
 * Cancelling ({@link CancellationToken}): before the erase the flash stops at once (a transfer
 * under way ends with CAN CAN) and flash is untouched; once the erase has begun, stopping would leave
 * the board without the image, so it finishes writing and verifying and the report says the cancel
 * came too late ({@link FlashReport#cancelIgnored()}).
 * One instance runs once; it runs on the caller's thread (never the FX thread) and talks only
 * through the session it is given.
 */
public final class UBootFlash {

    private static final Pattern SAME = Pattern.compile("Total of (\\d+) (byte|halfword|word|double word)\\(s\\) were the same");

    private final UBootSession session;
    private final FlashImage image;
    private final Consumer<FlashEvent> events;
    private final CancellationToken cancel;
    private final BoardCommands cmd;
    private final FlashLayouts layouts = FlashLayouts.standard();
    private final Long loadAddress;
    private boolean touched;
    private FlashTarget target;

    public UBootFlash(UBootSession session, FlashImage image, Consumer<FlashEvent> events, CancellationToken cancel) {
        this(session, image, events, cancel, null);
    }

    /** {@code loadAddress}: where the image goes in RAM; null for the env's {@code loadaddr} (or 0x50000000). */
    public UBootFlash(UBootSession session, FlashImage image, Consumer<FlashEvent> events, CancellationToken cancel,
                      Long loadAddress) {
        this.session = session;
        this.image = image;
        this.events = events;
        this.cancel = cancel;
        this.cmd = new BoardCommands(session, events);
        this.loadAddress = loadAddress;
    }

    /**
     * @throws FlashRefused   the file does not fit this board's place for it, or the place is ambiguous (nothing written)
     * @throws FlashException the board said no, a check failed, the link was lost or the user cancelled;
     *                        {@link FlashException#state()} says what the flash holds
     */
    public FlashReport run() throws FlashRefused, FlashException {
        long t0 = System.nanoTime();
        step(FlashStep.FIND_LAYOUT, "Asking U-Boot where the " + image.role().lower() + " lives on this board");
        TargetResolver resolver = new TargetResolver(layouts);
        BoardStorage storage;
        try {
            storage = new StorageProbe(cmd).probe(resolver.candidates(image));
        } catch (IOException e) {
            throw stopped(FlashStep.FIND_LAYOUT, "Could not read the board's storage layout", e);
        }
        for (String note : storage.notes()) {
            events.accept(FlashEvent.of(FlashEvent.Kind.WARNING, FlashStep.FIND_LAYOUT, note));
        }
        target = resolver.resolve(storage, image);
        info(FlashStep.FIND_LAYOUT, "Layout: " + target.layout().label() + (target.layout().confirmed() ? "" : " (unconfirmed)"));
        info(FlashStep.FIND_LAYOUT, String.format("Place: %s, room for %,d bytes", target.describe(), target.capacity()));

        byte[] data = pad(image.data(), target.writeUnit());
        long len = data.length;
        long hostCrc = crc(data);
        if (len != image.size()) {
            info(FlashStep.FIND_LAYOUT, String.format("Padded with 0xFF from %,d to %,d bytes (write unit %d)",
                    image.size(), len, target.writeUnit()));
        }
        long addr;
        try {
            addr = loadAddress != null ? loadAddress : session.getenv("loadaddr").map(UBootFlash::parseHex)
                    .orElse(layouts.defaultLoadAddr());
        } catch (IOException e) {
            throw stopped(FlashStep.LOAD, "Could not read loadaddr", e);
        }
        long back = addr + roundUp(len, layouts.readBackAlign());
        FlashException.ifCancelled(cancel, FlashStep.LOAD);

        step(FlashStep.LOAD, String.format("Sending %s (%,d bytes) to RAM at 0x%x with YMODEM", image.name(), len, addr));
        events.accept(FlashEvent.of(FlashEvent.Kind.COMMAND, FlashStep.LOAD, "loady " + BoardCommands.hex(addr)));
        LoadResult load;
        try {
            load = session.loadToRam(image.name(), data, LoadOptions.defaults().withAddress(addr)
                    .withCancel(cancel::isCancelled)
                    .withProgress(p -> events.accept(new FlashEvent(FlashEvent.Kind.PROGRESS, FlashStep.LOAD,
                            String.format("%,d of %,d bytes", p.bytes(), p.total()),
                            new FlashEvent.Progress(p.bytes(), p.total(), p.bytesPerSecond(), p.secondsLeft())))));
        } catch (YmodemException e) {
            if (e.cancelled() && cancel.isCancelled()) {
                throw new FlashException(FlashState.UNTOUCHED, FlashStep.LOAD,
                        "Cancelled during the transfer. Flash untouched: nothing was erased or written.", e);
            }
            throw stopped(FlashStep.LOAD, "The transfer to RAM failed", e);
        } catch (IOException e) {
            throw stopped(FlashStep.LOAD, "Loading the image to RAM failed", e);
        }
        info(FlashStep.LOAD, String.format("%,d bytes in %.1f s (%,.0f bytes/s, %d block(s) sent again)",
                load.bytes(), load.millis() / 1000.0, load.bytesPerSecond(), load.retransmits()));
        step(FlashStep.CHECK_LOAD, "Comparing U-Boot's CRC-32 of RAM with the file's");
        events.accept(FlashEvent.of(FlashEvent.Kind.COMMAND, FlashStep.CHECK_LOAD, "crc32 " + BoardCommands.hex(addr) + " ${filesize}"));
        info(FlashStep.CHECK_LOAD, String.format("CRC-32 in RAM %08x = host %08x", load.boardCrc(), hostCrc));
        FlashException.ifCancelled(cancel, FlashStep.ERASE);

        long tw = System.nanoTime();
        List<FlashReport.CopyCheck> checks;
        try {
            checks = write(target, addr, back, len, hostCrc);
        } catch (FlashException e) {
            throw e;
        } catch (IOException e) {
            throw stopped(FlashStep.WRITE, "Writing " + target.describe() + " failed", e, target, addr, back, len, hostCrc);
        }
        long writeMillis = (System.nanoTime() - tw) / 1_000_000;
        boolean lateCancel = cancel.isCancelled();
        step(FlashStep.REPORT, String.format("Done: %s written and verified (%d cop%s, CRC-32 %08x)",
                target.describe(), checks.size(), checks.size() == 1 ? "y" : "ies", hostCrc));
        if (lateCancel) {
            events.accept(FlashEvent.of(FlashEvent.Kind.WARNING, FlashStep.REPORT,
                    "The cancel came after the erase had begun; the write was finished so the board stays bootable."));
        }
        return new FlashReport(image.name(), image.role(), target.describe(), target.layout().id(), image.size(),
                image.crc32(), len, "CRC-32", FlashReport.crcHex(hostCrc), FlashReport.crcHex(load.boardCrc()), List.copyOf(checks), load.millis(), load.bytesPerSecond(),
                load.retransmits(), writeMillis, (System.nanoTime() - t0) / 1_000_000, lateCancel);
    }

    /** Erase, write and verify, the way the target's layout expects. */
    private List<FlashReport.CopyCheck> write(FlashTarget t, long addr, long back, long len, long hostCrc) throws IOException {
        List<FlashReport.CopyCheck> checks = new ArrayList<>();
        switch (t.method()) {
            case MTD, MTD_COPIES -> {
                step(FlashStep.ERASE, "Erasing MTD partition " + t.name());
                touched = true;
                cmd.check(FlashStep.ERASE, "mtd erase " + t.name(), BoardCommands.LONG);
                for (long off : t.offsets()) {
                    step(FlashStep.WRITE, String.format("Writing %,d bytes at offset 0x%x of %s", len, off, t.name()));
                    cmd.check(FlashStep.WRITE, "mtd write " + t.name() + " " + BoardCommands.hex(addr) + " "
                            + BoardCommands.hex(off) + " " + BoardCommands.hex(len), BoardCommands.LONG);
                }
                for (long off : t.offsets()) {
                    checks.add(verify(off, t.method() == Method.MTD_COPIES, "mtd read " + t.name() + " " + BoardCommands.hex(back) + " "
                            + BoardCommands.hex(off) + " " + BoardCommands.hex(len), back, len, hostCrc));
                }
            }
            case UBI_VOLUME -> {
                step(FlashStep.WRITE, String.format("Replacing UBI volume %s with %,d bytes (UBI erases its blocks itself)",
                        t.name(), len));
                touched = true;
                cmd.check(FlashStep.WRITE, "ubi write " + BoardCommands.hex(addr) + " " + t.name() + " "
                        + BoardCommands.hex(len), BoardCommands.LONG);
                checks.add(verify(0, false, "ubi read " + BoardCommands.hex(back) + " " + t.name() + " " + BoardCommands.hex(len),
                        back, len, hostCrc));
            }
            case MMC_GPT -> {
                long blocks = len / 512;
                step(FlashStep.ERASE, "Erasing " + t.describe());
                touched = true;
                cmd.check(FlashStep.ERASE, "mmc erase " + BoardCommands.hex(t.startLba()) + " "
                        + BoardCommands.hex(t.areaBlocks()), BoardCommands.LONG);
                step(FlashStep.WRITE, String.format("Writing %d blocks at LBA 0x%x", blocks, t.startLba()));
                cmd.check(FlashStep.WRITE, "mmc write " + BoardCommands.hex(addr) + " " + BoardCommands.hex(t.startLba())
                        + " " + BoardCommands.hex(blocks), BoardCommands.LONG);
                checks.add(verify(0, false, "mmc read " + BoardCommands.hex(back) + " " + BoardCommands.hex(t.startLba()) + " "
                        + BoardCommands.hex(blocks), back, len, hostCrc));
            }
            case MMC_BOOT0 -> {
                long blocks = len / 512;
                FlashLayouts.Placement p = t.placement();
                cmd.check(FlashStep.ERASE, "mmc partconf " + p.partconfBoot0(), BoardCommands.SHORT);
                try {
                    step(FlashStep.ERASE, "Erasing " + t.describe());
                    touched = true;
                    cmd.check(FlashStep.ERASE, "mmc erase 0x0 " + BoardCommands.hex(t.areaBlocks()), BoardCommands.LONG);
                    step(FlashStep.WRITE, String.format("Writing %d blocks to boot0", blocks));
                    cmd.check(FlashStep.WRITE, "mmc write " + BoardCommands.hex(addr) + " 0x0 " + BoardCommands.hex(blocks),
                            BoardCommands.LONG);
                    checks.add(verify(0, false, "mmc read " + BoardCommands.hex(back) + " 0x0 " + BoardCommands.hex(blocks),
                            back, len, hostCrc));
                } finally {
                    restorePartconf(p);
                }
            }
            default -> throw new IllegalStateException(t.method().name());
        }
        return checks;
    }

    /** Back to the user area with boot0 still enabled for booting, as OpenWrt's emmc_write_bl2 leaves it. */
    private void restorePartconf(FlashLayouts.Placement p) {
        try {
            cmd.check(FlashStep.WRITE, "mmc partconf " + p.partconfUser(), BoardCommands.SHORT);
        } catch (IOException e) {
            events.accept(FlashEvent.of(FlashEvent.Kind.WARNING, FlashStep.WRITE,
                    "Could not switch the eMMC back to its user area: " + e.getMessage()));
        }
    }

    /** Clears the read-back area (so a read that did nothing cannot pass), reads, and compares CRC-32. */
    private FlashReport.CopyCheck verify(long offset, boolean copy, String readCommand, long back, long len, long hostCrc)
            throws IOException {
        String where = copy ? String.format(" of the copy at 0x%x", offset) : "";
        step(FlashStep.READ_BACK, String.format("Reading back %,d bytes%s to 0x%x", len, where, back));
        clear(back, len);
        cmd.check(FlashStep.READ_BACK, readCommand, BoardCommands.LONG);
        long boardCrc = cmd.crc32(FlashStep.VERIFY, back, len);
        if (boardCrc != hostCrc) {
            throw new FlashException(FlashState.DAMAGED, FlashStep.VERIFY, String.format(
                    "Read-back mismatch%s: CRC-32 on the board %08x, file %08x. The flash does not hold the image. %s",
                    where, boardCrc, hostCrc, advice(false)), null);
        }
        info(FlashStep.VERIFY, String.format("Read back%s: CRC-32 %08x = host %08x", where, boardCrc, hostCrc));
        return new FlashReport.CopyCheck(offset, FlashReport.crcHex(boardCrc));
    }

    /** Plain {@code mw} (32-bit words): every U-Boot has it, not every one takes {@code mw.b}. */
    private void clear(long back, long len) throws IOException {
        cmd.check(FlashStep.READ_BACK, "mw " + BoardCommands.hex(back) + " 0x0 " + BoardCommands.hex(words(len)), BoardCommands.LONG);
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

    private FlashException stopped(FlashStep step, String what, IOException e) {
        return stopped(step, what, e, null, 0, 0, 0, 0);
    }

    /** The failure report: U-Boot's words, what the flash now holds, and what to do next. */
    private FlashException stopped(FlashStep step, String what, IOException e, FlashTarget t, long addr, long back,
                                   long len, long hostCrc) {
        boolean lost = e instanceof LinkException || e instanceof NoAnswerException
                || e instanceof YmodemException y && !y.cancelled();
        String cause = e.getMessage();
        if (!touched) {
            return new FlashException(FlashState.UNTOUCHED, step, what + ": " + cause
                    + ". Flash untouched: nothing was erased or written; the board boots as before.", e);
        }
        String after = lost ? "" : afterFailure(t, addr, back, len, hostCrc);
        return new FlashException(FlashState.DAMAGED, step, what + " after the erase: " + cause + "."
                + after + " The flash is erased or partly written: the old " + image.role().lower()
                + " is gone and the new one is not verified. " + advice(lost), e);
    }

    /** After a failed write, reads back what is there, so the report says how much of the image landed. */
    private String afterFailure(FlashTarget t, long addr, long back, long len, long hostCrc) {
        if (t == null || t.method() == Method.MMC_BOOT0) {
            return "";
        }
        String read = switch (t.method()) {
            case MTD, MTD_COPIES -> "mtd read " + t.name() + " " + BoardCommands.hex(back) + " 0x0 " + BoardCommands.hex(len);
            case UBI_VOLUME -> "ubi read " + BoardCommands.hex(back) + " " + t.name() + " " + BoardCommands.hex(len);
            case MMC_GPT -> "mmc read " + BoardCommands.hex(back) + " " + BoardCommands.hex(t.startLba()) + " "
                    + BoardCommands.hex(len / 512);
            default -> null;
        };
        try {
            clear(back, len);
            CommandResult r = cmd.run(FlashStep.READ_BACK, read, BoardCommands.LONG);
            if (!r.ok()) {
                return " Reading it back failed too: " + BoardCommands.shown(r) + ".";
            }
            long crc = cmd.crc32(FlashStep.VERIFY, back, len);
            CommandResult cmp = cmd.run(FlashStep.VERIFY, "cmp " + BoardCommands.hex(addr) + " " + BoardCommands.hex(back)
                    + " " + BoardCommands.hex(words(len)), BoardCommands.LONG);
            Matcher m = SAME.matcher(cmp.output());
            String same = m.find() ? String.format(", the first %,d of %,d bytes match",
                    Math.min(len, Long.parseLong(m.group(1)) * unitBytes(m.group(2))), len) : "";
            return String.format(" Read back after the failure: CRC-32 %08x, file %08x (%s%s).", crc, hostCrc,
                    crc == hostCrc ? "equal" : "mismatch", same);
        } catch (IOException x) {
            return "";
        }
    }

    private String advice(boolean lost) {
        Medium m = target != null ? target.layout().medium() : image.medium() != null ? image.medium() : Medium.NONE;
        String rescue = layouts.afterDamage(m);
        if (lost) {
            return "Reconnect the cable; if U-Boot still answers, do not power the board off and run the same flash again. "
                    + rescue;
        }
        return layouts.retryAdvice() + " " + rescue;
    }

    private void step(FlashStep step, String message) {
        events.accept(FlashEvent.of(FlashEvent.Kind.STEP, step, message));
    }

    private void info(FlashStep step, String message) {
        events.accept(FlashEvent.of(FlashEvent.Kind.INFO, step, message));
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

    static long parseHex(String v) {
        String t = v.strip().toLowerCase();
        return Long.parseUnsignedLong(t.startsWith("0x") ? t.substring(2) : t, 16);
    }
}
