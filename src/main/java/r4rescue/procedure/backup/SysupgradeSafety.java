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
        return steps.step("Copy the backup to " + local, () -> {
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
            steps.info(keep.size() + " files kept\n" + r.text());
            return keep;
        });
    }

    /** Files the user changed or added that an upgrade would lose. */
    public List<String> uncovered() throws Stopped {
        Set<String> keep = new LinkedHashSet<>(keepList());
        return steps.step("Changed files not kept by sysupgrade", () -> {
            List<String> out = new ArrayList<>();
            Set<String> changed = new LinkedHashSet<>();
            String how;
            if (shell.run("[ -d /overlay/upper/etc ]").ok()) {
                how = "files in /overlay/upper/etc";
                for (String l : shell.check("find /overlay/upper/etc -type f").output().split("\n")) {
                    if (l.startsWith("/overlay/upper/")) {
                        changed.add(l.substring("/overlay/upper".length()));
                    }
                }
            } else if (shell.run("[ -d /usr/lib/opkg/info ]").ok()) {
                how = "files in /etc no package owns";
                for (String l : shell.check("find /etc -type f").output().split("\n")) {
                    if (l.startsWith("/")) {
                        changed.add(l.strip());
                    }
                }
                for (String l : shell.check("cat /usr/lib/opkg/info/*.list").output().split("\n")) {
                    changed.remove(l.strip());
                }
            } else {
                throw steps.no("Cannot tell changed files: no /overlay/upper and no opkg database");
            }
            for (String f : changed) {
                if (!keep.contains(f)) {
                    out.add(f);
                }
            }
            steps.info(how + ": " + changed.size() + "; not kept: " + (out.isEmpty() ? "none" : String.join(", ", out)));
            return out;
        });
    }

    /** Adds a path to /etc/sysupgrade.conf (once) and checks sysupgrade -l now lists it. */
    public void keep(String path) throws Stopped {
        steps.check("Keep " + path + " in " + CONF, () -> {
            if (!path.startsWith("/") || path.contains("\n")) {
                throw steps.refuse("Not an absolute path: " + path);
            }
            String q = Sh.quote(path);
            steps.state(BoardState.partlyChanged("adding " + path + " to " + CONF));
            shell.check("grep -qxF " + q + " " + CONF + " || echo " + q + " >> " + CONF);
            if (!shell.run("sysupgrade -l | grep -qxF " + q).ok()) {
                throw steps.no(path + " was added to " + CONF + " but sysupgrade -l does not list it");
            }
            steps.state(BoardState.verified(CONF + " now keeps " + path + " (sysupgrade -l lists it)"));
            return path + " added; sysupgrade -l lists it";
        });
    }

    /**
     * After an upgrade: is the root still on the NVMe partition and do the bootargs still say so?
     * Returns null when fine, else what went wrong (the caller offers {@link NvmeMigration#pointRoot}).
     */
    public String afterUpgrade(BootloaderEnv env, String partition, MigrateConfig cfg) throws Stopped {
        return steps.step("Check bootargs and root after sysupgrade", () -> {
            // the root first: reading the environment from U-Boot leaves Linux.
            DeviceProof.Proof proof = DeviceProof.proveRoot(shell, partition);
            Map<String, String> vars = env.read();
            String var = KernelCmdline.carrier(vars, cfg.bootargsVariable());
            String value = vars.get(var);
            boolean mounted = proof.proven();
            boolean args = value != null && KernelCmdline.root(value).orElse("").equals(partition);
            String root = proof.evidence();
            String problem = !args ? var + " no longer boots " + partition + " (" + var + "=" + value + "); the running root is: " + root
                    : !mounted ? var + " names " + partition + " but / is not mounted from it: " + root : null;
            steps.info(var + "=" + value + "\n/ is: " + root + (problem == null ? "\nthe NVMe root survived" : "\n" + problem));
            return problem;
        });
    }
}
