package r4rescue.face.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import r4rescue.board.BoardProfile;
import r4rescue.procedure.core.ExitCodes;
import r4rescue.procedure.core.Progress;
import r4rescue.procedure.sdcard.BlockDisks;
import r4rescue.procedure.sdcard.CardWriter;
import r4rescue.procedure.sdcard.HostPrivilege;
import r4rescue.procedure.sdcard.SdcardException;
import r4rescue.procedure.steps.Cancellation;
import r4rescue.procedure.steps.CancelledException;

/** {@code sdcard list|write}: the rescue card written by the program, verified, never onto a system disk. */
@Command(name = "sdcard", mixinStandardHelpOptions = true,
        description = {"Lists SD cards and writes the rescue card image to one, then verifies it.",
                "Only removable disks (USB card readers, SD slots) up to 1 TB are offered; a disk holding /, /boot, /home "
                        + "or swap is never written, even with --unsafe."},
        subcommands = {SdcardCommand.List.class, SdcardCommand.Write.class})
public final class SdcardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return MainCommand.BAD_INPUT;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Lists the SD cards this computer can write: device, size, transport, model, partitions with "
                    + "labels and mount points.", "Exit code: 0."})
    static final class List implements Callable<Integer> {
        @Option(names = "--json", description = "Print a JSON array: name, path, sizeBytes, removable, transport, model, "
                + "partitions (name, label, fsType, mountPoints), system, hiddenWhy.")
        boolean json;

        @Option(names = "--unsafe", description = "Also list non-removable disks, loop devices and disks over 1 TB "
                + "(benches, CI); a disk holding a system path is still never listed.")
        boolean unsafe;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            java.util.List<BlockDisks.Disk> cards = BlockDisks.host().cards(unsafe);
            if (json) {
                out.println(JSON.writeValueAsString(cards));
            } else if (cards.isEmpty()) {
                out.println("No SD card found. Put the card in a USB card reader or the SD slot (disks holding this "
                        + "computer's system, disks over 1 TB and loop devices are never listed; --unsafe lists the last two).");
            } else {
                cards.forEach(d -> out.println(d.line() + (d.card() ? "" : "  (unsafe: " + d.hiddenWhy() + ")")));
            }
            out.flush();
            return MainCommand.OK;
        }
    }

    @Command(name = "write", mixinStandardHelpOptions = true,
            description = {"Writes IMAGE (…-sdcard.img.gz, decompressed as it streams, or .img) to the card DEV with 4 MiB "
                    + "O_DIRECT writes, fsyncs, reads it back with O_DIRECT and compares SHA-256, then checks that the card "
                    + "starts with a GPT and an SD BL2. The card's partitions are unmounted first.",
                    "Exit codes: 0 written and verified; 1 a write or verify error (with the offset and what it usually means); "
                            + "2 refused, nothing written (not a card, a system disk, a wrong image, image larger than the card); "
                            + "3 no permission to open the device."})
    static final class Write implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IMAGE", description = "OpenWrt's …-bananapi_bpi-r4-sdcard.img.gz (or the .img).")
        Path image;

        @Option(names = "--device", required = true, paramLabel = "DEV", description = "The whole card, e.g. /dev/sdb or /dev/mmcblk0 (see sdcard list).")
        Path device;

        @Option(names = "--yes", description = "Do not ask for confirmation (needed when not on a terminal).")
        boolean yes;

        @Option(names = "--json", description = "Print progress and the result as JSON lines.")
        boolean json;

        @Option(names = "--unsafe", description = "Allow a non-removable disk, a loop device or a disk over 1 TB (benches, CI). "
                + "A disk holding a system path is refused even so.")
        boolean unsafe;

        @Option(names = "--board", defaultValue = BoardProfile.DEFAULT_ID, paramLabel = "ID",
                description = "Whose card image to expect (default: ${DEFAULT-VALUE}).")
        String board;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            BlockDisks disks = BlockDisks.host();
            var disk = disks.find(device);
            if (disk.isPresent() && disk.get().refusal(unsafe).isEmpty() && !yes) {
                java.io.Console tty = System.console();
                if (tty == null) {
                    return fail(out, err, new SdcardException(SdcardException.Kind.REFUSED,
                            "Not on a terminal: add --yes to confirm erasing " + device + ". Nothing was written."));
                }
                String answer = tty.readLine("Everything on %s (%s) will be erased. Write the card? [y/N] ", device, disk.get().line());
                if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                    return fail(out, err, new SdcardException(SdcardException.Kind.REFUSED, "Not confirmed. Nothing was written."));
                }
            }
            Cancellation cancel = new Cancellation();
            long[] lastPrint = {0};
            try {
                CardWriter.Result r = new CardWriter(BoardProfile.load(board), disks, HostPrivilege.unmounter())
                        .write(image, device, unsafe, p -> progress(out, err, p, lastPrint), cancel);
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("result", "verified");
                    m.put("device", r.device());
                    m.put("bytes", r.bytes());
                    m.put("writeMs", r.writeMs());
                    m.put("verifyMs", r.verifyMs());
                    m.put("writeBytesPerSecond", Math.round(r.writeBytesPerSecond()));
                    m.put("sha256", r.sha256());
                    m.put("cardHead", r.cardHead());
                    out.println(new ObjectMapper().writeValueAsString(m));
                } else {
                    out.printf(Locale.ROOT, "Written and verified: %,d bytes to %s in %.1f s (%.1f MB/s), read back in %.1f s; SHA-256 %s.%n"
                                    + "The card starts with %s.%nReady: take it out and put it in the board.%n", r.bytes(), r.device(),
                            r.writeMs() / 1000.0, r.writeBytesPerSecond() / 1e6, r.verifyMs() / 1000.0, r.sha256(), r.cardHead());
                }
                out.flush();
                return MainCommand.OK;
            } catch (SdcardException e) {
                if (e.kind() == SdcardException.Kind.NO_PERMISSION) {
                    var cmd = HostPrivilege.pkexec(childArgs());
                    if (cmd.isPresent()) {
                        err.println(e.getMessage() + " Asking for the administrator's password (pkexec) to write the card…");
                        err.flush();
                        int exit = HostPrivilege.runInherited(cmd.get());
                        return HostPrivilege.pkexecRefused(exit) ? ExitCodes.NO_LINK : exit;
                    }
                }
                return fail(out, err, e);
            } catch (CancelledException e) {
                err.println("Stopped. " + e.getMessage());
                err.flush();
                return ExitCodes.FAILED;
            }
        }

        /** This command again for the privileged child: already confirmed, with absolute paths. */
        private java.util.List<String> childArgs() {
            java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("sdcard", "write", image.toAbsolutePath().toString(),
                    "--device", device.toAbsolutePath().toString(), "--yes", "--board", board));
            if (json) {
                a.add("--json");
            }
            if (unsafe) {
                a.add("--unsafe");
            }
            return a;
        }

        private void progress(PrintWriter out, PrintWriter err, Progress p, long[] lastPrint) {
            long now = System.nanoTime();
            if (now - lastPrint[0] < 500_000_000L && p.done() < p.total()) {
                return;
            }
            lastPrint[0] = now;
            if (json) {
                out.printf(Locale.ROOT, "{\"progress\":\"%s\",\"done\":%d,\"total\":%d,\"bytesPerSecond\":%d,\"secondsLeft\":%.0f}%n",
                        p.what(), p.done(), p.total(), Math.round(p.bytesPerSecond()), p.secondsLeft());
                out.flush();
            } else {
                err.println(p.text());
                err.flush();
            }
        }

        private int fail(PrintWriter out, PrintWriter err, SdcardException e) {
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("result", e.kind().name().toLowerCase(Locale.ROOT));
                m.put("message", e.getMessage());
                m.put("offset", e.offset());
                try {
                    out.println(new ObjectMapper().writeValueAsString(m));
                } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                    throw new IllegalStateException(x);
                }
                out.flush();
            }
            err.println((e.kind() == SdcardException.Kind.REFUSED ? "Refused: " : "") + e.getMessage());
            err.flush();
            return e.kind().exitCode;
        }
    }
}
