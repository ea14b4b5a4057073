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
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.ExitCodes;
import r4rescue.procedure.core.Progress;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.sdcard.BlockDisks;
import r4rescue.procedure.sdcard.CardWriter;
import r4rescue.procedure.sdcard.HostPrivilege;
import r4rescue.procedure.sdcard.SdcardException;
import r4rescue.procedure.sdcard.UDisks2;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/** {@code sdcard list|write}: the rescue card written by the program, verified, never onto a system disk. */
@Command(name = "sdcard", mixinStandardHelpOptions = true, resourceBundle = "r4rescue.i18n.sdcard",
        description = {"${bundle:sdcard.cli.description}", "${bundle:sdcard.cli.description2}"},
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

    @Command(name = "list", mixinStandardHelpOptions = true, resourceBundle = "r4rescue.i18n.sdcard",
            description = {"${bundle:sdcard.cli.list.description}", "${bundle:sdcard.cli.list.exit}"})
    static final class List implements Callable<Integer> {
        @Option(names = "--json", descriptionKey = "sdcard.cli.list.json")
        boolean json;

        @Option(names = "--unsafe", descriptionKey = "sdcard.cli.list.unsafe")
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
                out.println(Texts.t("sdcard.cli.none"));
            } else {
                cards.forEach(d -> out.println(d.line() + (d.card() ? "" : "  " + Texts.t("sdcard.cli.unsafeWhy", d.hiddenWhy()))));
            }
            out.flush();
            return MainCommand.OK;
        }
    }

    @Command(name = "write", mixinStandardHelpOptions = true, resourceBundle = "r4rescue.i18n.sdcard",
            description = {"${bundle:sdcard.cli.write.description}", "${bundle:sdcard.cli.write.access}", "${bundle:sdcard.cli.write.exit}"})
    static final class Write implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IMAGE", descriptionKey = "sdcard.cli.write.image")
        Path image;

        @Option(names = "--device", required = true, paramLabel = "DEV", descriptionKey = "sdcard.cli.write.device")
        Path device;

        @Option(names = "--yes", descriptionKey = "sdcard.cli.write.yes")
        boolean yes;

        @Option(names = "--json", descriptionKey = "sdcard.cli.write.json")
        boolean json;

        @Option(names = "--unsafe", descriptionKey = "sdcard.cli.write.unsafe")
        boolean unsafe;

        @Option(names = "--board", defaultValue = BoardProfile.DEFAULT_ID, paramLabel = "ID", descriptionKey = "sdcard.cli.write.board")
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
                    return fail(out, err, new SdcardException(SdcardException.Kind.REFUSED, Message.of("sdcard.cli.noTty", device)));
                }
                String answer = tty.readLine("%s", Texts.t("sdcard.cli.confirm", device, disk.get().line()) + " ");
                if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                    return fail(out, err, new SdcardException(SdcardException.Kind.REFUSED, Message.of("sdcard.cli.notConfirmed")));
                }
            }
            long[] lastPrint = {0};
            // UDisks2 unmounts and opens the card where it runs (polkit asks); where it does not, root opens it, a user re-runs via pkexec
            UDisks2 udisks = UDisks2.find();
            try {
                CardWriter.Result r = HostPrivilege.writer(BoardProfile.load(board), disks, udisks)
                        .write(image, device, unsafe, p -> progress(out, err, p, lastPrint), new Cancel());
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
                    Locale l = Texts.locale();
                    out.println(Texts.t("sdcard.cli.done", String.format(l, "%,d", r.bytes()), r.device(), String.format(l, "%.1f", r.writeMs() / 1000.0),
                            String.format(l, "%.1f", r.writeBytesPerSecond() / 1e6), String.format(l, "%.1f", r.verifyMs() / 1000.0), r.sha256(), r.cardHead()));
                    out.println(Texts.t("sdcard.ready"));
                }
                out.flush();
                return MainCommand.OK;
            } catch (SdcardException e) {
                // a UDisks2 refusal is polkit's answer already: asking again through pkexec would only ask twice
                if (e.kind() == SdcardException.Kind.NO_PERMISSION && udisks == null) {
                    var cmd = HostPrivilege.pkexec(childArgs());
                    if (cmd.isPresent()) {
                        err.println(e.getMessage() + " " + Texts.t("sdcard.cli.pkexec"));
                        err.flush();
                        int exit = HostPrivilege.runInherited(cmd.get());
                        return HostPrivilege.pkexecRefused(exit) ? ExitCodes.NO_LINK : exit;
                    }
                }
                return fail(out, err, e);
            } catch (Stopped e) {
                err.println(Texts.t("sdcard.cli.stopped", e.getMessage()));
                err.flush();
                return e.exitCode();
            } finally {
                if (udisks != null) {
                    udisks.close();
                }
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
                m.put("id", e.words().key());
                m.put("message", e.words().english());
                m.put("offset", e.offset());
                try {
                    out.println(new ObjectMapper().writeValueAsString(m));
                } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                    throw new IllegalStateException(x);
                }
                out.flush();
            }
            err.println(e.kind() == SdcardException.Kind.REFUSED ? Texts.t("sdcard.cli.refused", e.getMessage()) : e.getMessage());
            err.flush();
            return e.kind().exitCode;
        }
    }
}
