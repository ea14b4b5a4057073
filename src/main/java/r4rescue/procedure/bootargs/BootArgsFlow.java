package r4rescue.procedure.bootargs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import r4rescue.board.BoardProfile;
import r4rescue.console.bootlog.BootEvent;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.strategy.BootLogWatch;
import r4rescue.protocol.uboot.BootArgs;
import r4rescue.protocol.uboot.BootArgsRepair;
import r4rescue.protocol.uboot.Hush;
import r4rescue.protocol.uboot.UBootEnv;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * Repairs the kernel command line from U-Boot: reads where it comes from, plans the change to the
 * chosen root device ({@link BootArgsRepair}: the plain variable or the one OpenWrt composes it
 * from), applies it with read-back, saves with a checked {@code saveenv}, and boots while watching
 * for the kernel to mount the new root.
 */
public final class BootArgsFlow {

    /** The command line now: where it lives and its arguments. */
    public record Current(UBootEnv env, List<String> sources, BootArgs args) {
        public String root() {
            return args.get("root").orElse("(none)");
        }
    }

    /** How the boot ended: the root mounted (and which), or the diagnosis. */
    public record Outcome(boolean mounted, String rootDevice, String detail) {
    }

    private static final long BOOT_TIMEOUT_MS = 180_000;

    private BootArgsFlow() {
    }

    public static Current read(UBootSession s, Procedure p) throws Stopped {
        return p.step(Message.of("proc.bootargs.readTheCommandLine"), Texts.t("proc.bootargs.readingWhereTheKernel"), () -> {
            p.command("printenv");
            UBootEnv env = s.printenv();
            List<String> sources = BootArgsRepair.sources(env);
            String line = env.get("bootargs");
            return new Current(env, sources, BootArgs.parse(line == null ? "" : line));
        });
    }

    /** The wanted command line: {@code root} checked (a partition), ext4 for disks, rootwait kept. */
    public static BootArgsRepair.Wanted wanted(String root) {
        String dev = BootArgs.checkRoot(root.strip());
        String type = dev.startsWith("/dev/fit") ? "squashfs" : "ext4";
        return new BootArgsRepair.Wanted(dev, type, null, true);
    }

    public static List<BootArgsRepair.Change> plan(Current now, BootArgsRepair.Wanted wanted) {
        return BootArgsRepair.plan(now.env(), wanted);
    }

    /** Applies, saves and reads back; returns the changes made. */
    public static List<BootArgsRepair.Change> apply(UBootSession s, BoardProfile board, Procedure p, BootArgsRepair.Wanted wanted)
            throws Stopped {
        p.state(BoardState.untouched(Message.of("proc.bootargs.nothingChangedYetThe")));
        return p.step(Message.of("proc.bootargs.applyAndSave"), Texts.t("proc.bootargs.changingTheCommandLine"), () -> {
            List<BootArgsRepair.Change> changes = BootArgsRepair.plan(s.printenv(), wanted);
            for (BootArgsRepair.Change ch : changes) {
                p.command(Hush.setenv(ch.variable(), ch.newValue()));
                p.command("printenv " + ch.variable() + "    (read back)");
            }
            if (!changes.isEmpty()) {
                p.command("saveenv");
                p.command("env export -c; the stored copy read back and compared    (read back after saving)");
            }
            p.state(BoardState.partlyChanged(Message.of("proc.bootargs.theChangeMayBe")));
            List<BootArgsRepair.Change> done = BootArgsRepair.apply(s, board, wanted, true);
            p.state(BoardState.verified(Message.of("proc.bootargs.theNewSettingsAre")));
            return done;
        });
    }

    /** Boots ({@code boot}) and waits for the kernel to mount its root, or for a failure; only listens after the command. */
    public static Outcome boot(UBootSession s, Procedure p, BootLogWatch watch) throws Stopped {
        return p.step("Boot", Texts.t("proc.bootargs.bootingWatchingTheKernel"), () -> {
            watch.mark();
            p.command("boot");
            s.console().send("boot\r");
            BootEvent e = watch.await(ev -> ev.kind() == BootEvent.Kind.ROOT_MOUNTED || ev.kind() == BootEvent.Kind.FAILURE,
                    BOOT_TIMEOUT_MS, p);
            if (e != null && e.kind() == BootEvent.Kind.ROOT_MOUNTED) {
                return new Outcome(true, e.value(), e.value() == null ? Texts.t("proc.bootargs.rootMounted", e.text())
                        : Texts.t("proc.bootargs.rootMountedAs", e.value(), e.text()));
            }
            BootLogWatch.Seen seen = watch.seen();
            List<String> why = new ArrayList<>();
            if (e != null && e.finding() != null) {
                why.add(e.finding().summary());
                if (e.finding().fix() != null) {
                    why.add(e.finding().fix());
                }
            } else {
                why.add(Texts.t("proc.bootargs.noRootMountedWithin", BOOT_TIMEOUT_MS / 1000, seen.stage()));
            }
            return new Outcome(false, null, Texts.t("proc.bootargs.whyLastLine", String.join(" ", why), seen.lastText()));
        });
    }

    /** Checks a typed root device; null if fine, else the reason. */
    public static String refuse(String typed) {
        try {
            BootArgs.checkRoot(typed.strip());
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
