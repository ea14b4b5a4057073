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

/** {@code bootargs}: show where the kernel command line comes from, or repair root=/rootfstype=/console=. */
@Command(name = "bootargs", mixinStandardHelpOptions = true,
        description = {"Show the kernel command line and where it comes from; with --root/--rootfstype/--console",
                "change it where it really lives (bootargs or the boot scripts), keep every other argument,",
                "add rootwait, read back, and with --save store it."})
public final class BootargsCommand implements Callable<Integer> {

    @Mixin
    BoardOptions board;

    @Option(names = "--root", description = "Root device, e.g. /dev/nvme0n1p1, /dev/mmcblk0p5, PARTUUID=...")
    String root;

    @Option(names = "--rootfstype", description = "Root filesystem type, e.g. ext4")
    String rootfstype;

    @Option(names = "--console", description = "Kernel console, e.g. ttyS0,115200n1")
    String console;

    @Option(names = "--save", description = "Run saveenv afterwards: OK only if U-Boot says OK and the stored copy reads back equal to the running environment")
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
                    board.out().println(save ? "Saved and read back." : "Read back; not saved (add --save to keep it after a reset).");
                }
                return MainCommand.OK;
            });
        });
    }
}
