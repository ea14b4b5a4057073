package r4rescue.procedure.backup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import r4rescue.procedure.bootenv.BootloaderEnv;
import r4rescue.procedure.bootenv.KernelCmdline;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.ShellProcedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.migrate.DeviceProof;
import r4rescue.procedure.migrate.MigrateConfig;
import r4rescue.procedure.migrate.NvmeMigration;
import r4rescue.protocol.shell.ConsoleFileTransfer;
import r4rescue.protocol.shell.Sh;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.shell.ShellResult;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * Before a sysupgrade: the backup copied to the host, the keep list shown, and the files the user
 * changed that the keep list misses. After it: bootargs and the root mount checked.
 *
 * <p>"Changed by the user" is what the board itself can prove: on an overlay root, every regular file
 * under {@code /overlay/upper/etc} (written since the firmware was flashed); on a plain root (NVMe),
 * every file under {@code /etc} that no installed package owns ({@code /usr/lib/opkg/info/*.list}).
 * Changed package conffiles are already in {@code sysupgrade -l}, which is subtracted.
 */
public final class SysupgradeSafety {

    private static final String CONF = "/etc/sysupgrade.conf";
    private final ShellProcedure steps;
    private final ShellDriver shell;

    public SysupgradeSafety(ShellProcedure steps) {
        this.steps = steps;
        this.shell = steps.shell();
    }

    /** {@code sysupgrade -b} on the board, then copied to {@code local} and checked by SHA-256. */
    public String backup(Path local, ConsoleFileTransfer transfer) throws Stopped {
        String remote = "/tmp/backup.tar.gz";
        steps.check("sysupgrade -b " + remote, () -> {
            ShellResult r = shell.run("sysupgrade -b " + remote, 5 * 60_000L);
            if (!r.ok()) {
                throw steps.no("sysupgrade -b failed (exit " + r.exitStatus() + "): " + r.text());
            }
            return shell.check("ls -l " + remote).text();
        });
        return steps.step(Message.of("proc.backup.copyTheBackupTo", local), () -> {
            String sha = transfer.download(remote, local, steps.token());
            steps.info(local + " SHA-256 " + sha + " (equal on board and host)");
            return sha;
        });
    }

    /** {@code sysupgrade -l}: what an upgrade keeps. */
    public List<String> keepList() throws Stopped {
        return steps.step("sysupgrade -l", () -> {
            List<String> keep = new ArrayList<>();
            ShellResult r = shell.check("sysupgrade -l", 2 * 60_000L);
            for (String l : r.output().split("\n")) {
                if (l.startsWith("/")) {
                    keep.add(l.strip());
                }
            }
            steps.info(Texts.t("proc.backup.filesKept", keep.size(), r.text()));
            return keep;
        });
    }

    /** Files the user changed or added that an upgrade would lose. */
    public List<String> uncovered() throws Stopped {
        Set<String> keep = new LinkedHashSet<>(keepList());
        return steps.step(Message.of("proc.backup.changedFilesNotKept"), () -> {
            List<String> out = new ArrayList<>();
            Set<String> changed = new LinkedHashSet<>();
            String how;
            if (shell.run("[ -d /overlay/upper/etc ]").ok()) {
                how = Texts.t("proc.backup.filesInOverlayUpper");
                for (String l : shell.check("find /overlay/upper/etc -type f").output().split("\n")) {
                    if (l.startsWith("/overlay/upper/")) {
                        changed.add(l.substring("/overlay/upper".length()));
                    }
                }
            } else if (shell.run("[ -d /usr/lib/opkg/info ]").ok()) {
                how = Texts.t("proc.backup.filesInEtcNo");
                for (String l : shell.check("find /etc -type f").output().split("\n")) {
                    if (l.startsWith("/")) {
                        changed.add(l.strip());
                    }
                }
                for (String l : shell.check("cat /usr/lib/opkg/info/*.list").output().split("\n")) {
                    changed.remove(l.strip());
                }
            } else {
                throw steps.no(Message.of("proc.backup.cannotTellChangedFiles"));
            }
            for (String f : changed) {
                if (!keep.contains(f)) {
                    out.add(f);
                }
            }
            steps.info(how + ": " + changed.size() + "; not kept: " + (out.isEmpty() ? Texts.t("proc.backup.none") : String.join(", ", out)));
            return out;
        });
    }

    /** Adds a path to /etc/sysupgrade.conf (once) and checks sysupgrade -l now lists it. */
    public void keep(String path) throws Stopped {
        steps.check("Keep " + path + " in " + CONF, () -> {
            if (!path.startsWith("/") || path.contains("\n")) {
                throw steps.refuse(Message.of("proc.backup.notAnAbsolutePath", path));
            }
            String q = Sh.quote(path);
            steps.state(BoardState.partlyChanged(Message.of("proc.backup.adding", path, CONF)));
            shell.check("grep -qxF " + q + " " + CONF + " || echo " + q + " >> " + CONF);
            if (!shell.run("sysupgrade -l | grep -qxF " + q).ok()) {
                throw steps.no(Message.of("proc.backup.wasAddedTo", path, CONF));
            }
            steps.state(BoardState.verified(Message.of("proc.backup.nowKeeps", CONF, path)));
            return Texts.t("proc.backup.addedSysupgradeLLists", path);
        });
    }

    /**
     * After an upgrade: is the root still on the NVMe partition and do the bootargs still say so?
     * Returns null when fine, else what went wrong (the caller offers {@link NvmeMigration#pointRoot}).
     */
    public String afterUpgrade(BootloaderEnv env, String partition, MigrateConfig cfg) throws Stopped {
        return steps.step(Message.of("proc.backup.checkBootargsAndRoot"), () -> {
            // the root first: reading the environment from U-Boot leaves Linux.
            DeviceProof.Proof proof = DeviceProof.proveRoot(shell, partition);
            Map<String, String> vars = env.read();
            String var = KernelCmdline.carrier(vars, cfg.bootargsVariable());
            String value = vars.get(var);
            boolean mounted = proof.proven();
            boolean args = value != null && KernelCmdline.root(value).orElse("").equals(partition);
            String root = proof.evidence();
            String problem = !args ? Texts.t("proc.backup.noLongerBoots", var, partition, var, value, root)
                    : !mounted ? Texts.t("proc.backup.names", var, partition, root) : null;
            steps.info(var + "=" + value + "\n/ is: " + root + (problem == null ? Texts.t("proc.backup.theNVMeRootSurvived") : Texts.t("proc.backup.text2", problem)));
            return problem;
        });
    }
}
