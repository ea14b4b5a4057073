package r4rescue.procedure.upgrade;

import java.util.ArrayList;
import java.util.List;

import r4rescue.procedure.core.ShellProcedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * Does the running kernel have its modules on the running root? With {@code root=} on the SSD, a
 * sysupgrade replaces the kernel on NAND/eMMC but not the SSD's userland, and then
 * {@code /lib/modules/$(uname -r)} is missing: every driver built as a module fails to load.
 */
public final class KernelModules {

    /** {@code kernel}: {@code uname -r}; {@code onRoot}: the releases under /lib/modules. */
    public record Match(String kernel, List<String> onRoot) {

        public boolean matches() {
            return onRoot.contains(kernel);
        }

        /** What the user reads: the match, or the mismatch with what to do. */
        public String words() {
            String have = onRoot.isEmpty() ? Texts.t("upgrade.modules.none") : String.join(", ", onRoot);
            return matches() ? Texts.t("upgrade.modules.match", kernel)
                    : Texts.t("upgrade.modules.mismatch", kernel, have);
        }
    }

    private KernelModules() {
    }

    /** Reads {@code uname -r} and lists /lib/modules on the board; both commands must succeed. */
    public static Match check(ShellProcedure steps) throws Stopped {
        ShellDriver shell = steps.shell();
        return steps.step(Message.of("upgrade.modules.step"), () -> {
            String kernel = shell.check("uname -r").text().strip();
            List<String> releases = new ArrayList<>();
            // ls -1 of a missing directory fails; an empty one answers nothing: both mean no modules
            for (String l : shell.run("ls -1 /lib/modules").output().split("\n")) {
                if (!l.isBlank()) {
                    releases.add(l.strip());
                }
            }
            Match m = new Match(kernel, releases);
            steps.info(m.words());
            return m;
        });
    }
}
