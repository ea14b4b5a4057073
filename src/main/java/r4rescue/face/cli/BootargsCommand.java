package r4rescue.face.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import r4rescue.protocol.uboot.BootArgsRepair;
import r4rescue.protocol.uboot.UBootEnv;
import r4rescue.util.Texts;

/** {@code bootargs}: show where the kernel command line comes from, or repair root=/rootfstype=/console=. */
@Command(name = "bootargs", mixinStandardHelpOptions = true)
public final class BootargsCommand implements Callable<Integer> {

    @Mixin
    BoardOptions board;

    @Option(names = "--root")
    String root;

    @Option(names = "--rootfstype")
    String rootfstype;

    @Option(names = "--console")
    String console;

    @Option(names = "--save")
    boolean save;

    @Override
    public Integer call() {
        return board.guarded(() -> {
            boolean repair = root != null || rootfstype != null || console != null;
            BootArgsRepair.Wanted wanted = repair ? new BootArgsRepair.Wanted(root, rootfstype, console, root != null) : null;
            return board.withSession(false, s -> {
                if (!repair) {
                    UBootEnv env = s.printenv();
                    List<String> sources = BootArgsRepair.sources(env);
                    if (board.json) {
                        board.printJson(Map.of("bootargs", String.valueOf(env.get("bootargs")), "sources", sources));
                    } else {
                        sources.forEach(board.out()::println);
                    }
                    return MainCommand.OK;
                }
                List<BootArgsRepair.Change> changes = BootArgsRepair.apply(s, board.link.profile(), wanted, save);
                if (board.json) {
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("changes", changes);
                    j.put("saved", save && !changes.isEmpty());
                    board.printJson(j);
                } else {
                    board.out().println(BootArgsRepair.describe(changes));
                    board.out().println(Texts.t(save ? "cli.bootargs.saved" : "cli.bootargs.not-saved"));
                }
                return MainCommand.OK;
            });
        });
    }
}
