package r4rescue.face.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import r4rescue.protocol.uboot.LoadOptions;
import r4rescue.protocol.uboot.LoadResult;
import r4rescue.util.Hex;
import r4rescue.util.Texts;

/** {@code load FILE}: YMODEM to RAM, then U-Boot's crc32 against the host's. */
@Command(name = "load", mixinStandardHelpOptions = true)
public final class LoadCommand implements Callable<Integer> {

    @Mixin
    BoardOptions board;

    @Parameters(index = "0")
    Path file;

    @Option(names = "--addr")
    String addr;

    @Option(names = "--fast-baud")
    int fastBaud;

    @Override
    public Integer call() {
        return board.guarded(() -> {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(Texts.t("cli.no-such-file", file));
            }
            byte[] data = Files.readAllBytes(file);
            if (data.length == 0) {
                throw new IllegalArgumentException(Texts.t("cli.load.empty", file));
            }
            Long address = addr == null ? null : parseAddress(addr);
            if (fastBaud < 0) {
                throw new IllegalArgumentException(Texts.t("cli.load.fast-baud-positive"));
            }
            ProgressPrinter printer = ProgressPrinter.onStderr(board.err());
            String name = file.getFileName().toString();
            LoadOptions opts = LoadOptions.defaults(board.link.profile()).withAddress(address).withFastBaud(fastBaud)
                    .withProgress(p -> {
                        if (!board.json) {
                            printer.update(name, p.bytes(), p.total());
                        }
                    });
            return board.withSession(false, s -> {
                LoadResult r;
                try {
                    r = s.loadToRam(name, data, opts);
                } finally {
                    printer.end();
                }
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("bytes", r.bytes());
                j.put("address", String.format("0x%x", r.address()));
                j.put("seconds", r.millis() / 1000.0);
                j.put("bytesPerSecond", Math.round(r.bytesPerSecond()));
                j.put("hostCrc32", String.format("%08x", r.hostCrc()));
                j.put("boardCrc32", String.format("%08x", r.boardCrc()));
                j.put("baud", r.baud());
                if (!r.note().isEmpty()) {
                    j.put("note", r.note());
                }
                if (board.json) {
                    board.printJson(j);
                } else {
                    board.out().println(Texts.t("cli.load.done", r.bytes(), Long.toHexString(r.address()),
                            String.format("%.1f", r.millis() / 1000.0), Math.round(r.bytesPerSecond()), r.baud(),
                            String.format("%08x", r.hostCrc()), String.format("%08x", r.boardCrc())));
                    if (!r.note().isEmpty()) {
                        board.out().println(r.note());
                    }
                }
                return MainCommand.OK;
            });
        });
    }

    static long parseAddress(String a) {
        try {
            return Hex.parse(a);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Texts.t("cli.load.not-address", a));
        }
    }
}
