package r4rescue.face.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import r4rescue.AppDirs;
import r4rescue.board.BoardProfile;
import r4rescue.procedure.images.ImageCatalogue;
import r4rescue.procedure.images.ImageLibrary;
import r4rescue.procedure.images.ImageRefused;
import r4rescue.util.Texts;

/** {@code images list|fetch|add|verify}: OpenWrt's files for the board, downloaded and checked. */
@Command(name = "images", mixinStandardHelpOptions = true,
        subcommands = {ImagesCommand.ListFiles.class, ImagesCommand.Fetch.class, ImagesCommand.Add.class,
                ImagesCommand.Verify.class})
public final class ImagesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every images subcommand shares. */
    static final class Where {
        @Option(names = "--dir", paramLabel = "DIR")
        Path dir;

        @Option(names = "--mirror", paramLabel = "URL")
        URI mirror;

        ImageLibrary library() {
            Path d = dir != null ? dir : AppDirs.forThisUser().data().resolve("images");
            return new ImageLibrary(d, mirror, ImageCatalogue.standard(), BoardProfile.load(BoardProfile.DEFAULT_ID).images());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true)
    static final class ListFiles implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Where where;

        @Option(names = "--release", paramLabel = "ID")
        String release;

        @Option(names = "--device", paramLabel = "ID", defaultValue = "bananapi_bpi-r4")
        String device;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            ImageLibrary lib = where.library();
            ImageCatalogue cat = lib.catalogue();
            ImageCatalogue.Device dev = cat.device(device).orElse(null);
            if (dev == null) {
                spec.commandLine().getErr().println(Texts.t("cli.refused", Texts.t("cli.images.unknown-device", device,
                        cat.devices().stream().map(ImageCatalogue.Device::id).toList())));
                return MainCommand.BAD_INPUT;
            }
            for (ImageCatalogue.Release r : cat.releases()) {
                if (release != null && !release.equals(r.id())) {
                    continue;
                }
                out.println(r.id() + (r.note() == null ? "" : "  (" + r.note() + ")"));
                for (ImageCatalogue.Entry e : cat.entries(r, dev)) {
                    boolean have = Files.isRegularFile(lib.pathOf(e));
                    out.printf("  %s %-58s %s%n", have ? "*" : " ", e.fileName(), e.type().what());
                }
            }
            List<Path> local = lib.files().stream().filter(p -> p.getParent().getFileName().toString().equals("local")).toList();
            if (!local.isEmpty()) {
                out.println(Texts.t("cli.images.local"));
                local.forEach(p -> out.println("  * " + p.getFileName()));
            }
            out.println(Texts.t("cli.images.library", lib.dir()));
            out.flush();
            return MainCommand.OK;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true)
    static final class Fetch implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Where where;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<String> names;

        @Option(names = "--release", paramLabel = "ID", defaultValue = "24.10.5")
        String release;

        @Option(names = "--device", paramLabel = "ID", defaultValue = "bananapi_bpi-r4")
        String device;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ImageLibrary lib = where.library();
            ImageCatalogue cat = lib.catalogue();
            int worst = MainCommand.OK;
            for (String n : names) {
                ImageCatalogue.Entry e = cat.byName(n).orElse(null);
                if (e == null) {
                    e = cat.release(release).flatMap(r -> cat.device(device).flatMap(d -> cat.entries(r, d).stream()
                            .filter(x -> x.type().suffix().equals(n)).findFirst())).orElse(null);
                }
                if (e == null) {
                    err.println(Texts.t("cli.refused", Texts.t("cli.images.not-in-catalogue", n, release, device)));
                    worst = Math.max(worst, MainCommand.BAD_INPUT);
                    continue;
                }
                try {
                    long[] shown = {0};
                    ImageLibrary.Fetched f = lib.fetch(e, (name, done, total) -> {
                        if (done - shown[0] >= 1 << 20 || done == total) {
                            shown[0] = done;
                            err.print("\r" + (total < 0 ? Texts.t("cli.images.progress", name, String.format("%,d", done))
                                    : Texts.t("cli.images.progress-of", name, String.format("%,d", done), String.format("%,d", total))));
                            err.flush();
                        }
                    });
                    if (!f.cached()) {
                        err.println();
                    }
                    out.println(Texts.t(f.cached() ? "cli.images.in-library" : "cli.images.verified", f.item().path(), f.item().sha256())
                            + (f.resumes() > 0 ? Texts.t("cli.images.resumed", f.resumes()) : ""));
                } catch (ImageRefused r) {
                    err.println(Texts.t("cli.refused", r.getMessage()));
                    worst = Math.max(worst, MainCommand.BOARD_SAID_NO);
                } catch (IOException x) {
                    err.println(Texts.t("cli.images.network", x.getMessage()));
                    worst = Math.max(worst, MainCommand.NO_LINK);
                }
            }
            out.flush();
            err.flush();
            return worst;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true)
    static final class Add implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Where where;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ImageLibrary lib = where.library();
            int worst = MainCommand.OK;
            for (Path f : files) {
                try {
                    ImageLibrary.Item i = lib.add(f);
                    spec.commandLine().getOut().println(Texts.t("cli.images.added", i.path(), i.detail(), i.sha256()));
                } catch (ImageRefused | java.nio.file.NoSuchFileException r) {
                    spec.commandLine().getErr().println(Texts.t("cli.refused", r.getMessage()));
                    worst = MainCommand.BAD_INPUT;
                }
            }
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
            return worst;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true)
    static final class Verify implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Where where;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            List<String> lines = where.library().verify();
            lines.forEach(spec.commandLine().getOut()::println);
            if (lines.isEmpty()) {
                spec.commandLine().getOut().println(Texts.t("cli.images.empty"));
            }
            spec.commandLine().getOut().flush();
            return lines.stream().allMatch(l -> l.contains("SHA-256 matches") && !l.contains("REFUSED"))
                    ? MainCommand.OK : MainCommand.BOARD_SAID_NO;
        }
    }
}
