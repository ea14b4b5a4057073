package r4rescue.procedure.migrate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import r4rescue.protocol.shell.Sh;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.shell.ShellResult;

/**
 * The A/B root slots of the boot guide: root-A on partition 1, root-B on partition 2. The active slot
 * is the one /proc/cmdline names; the inactive one can be rewritten from a root filesystem tarball,
 * switched to, and switched back from.
 */
public final class AbSlots {

    /** One slot: its name (A/B), partition, filesystem label and the OpenWrt release found on it. */
    public record Slot(String name, String partition, String label, String release, boolean active) {
    }

    public record Status(String cmdline, String activeSlot, List<Slot> slots) {
    }

    private static final String SLOT_MP = "/mnt/slot";
    private final Steps steps;
    private final ShellDriver shell;
    private final MigrateConfig cfg;
    private final String device;

    public AbSlots(Steps steps, MigrateConfig cfg, String device) {
        this.steps = steps;
        this.shell = steps.shell();
        this.cfg = cfg;
        this.device = device;
    }

    public String partition(String slot) {
        return MigrateConfig.partition(device, slot.equalsIgnoreCase("A") ? 1 : 2);
    }

    public Status status() throws IOException, ProcedureException {
        List<Slot> slots = new ArrayList<>();
        String[] cmdline = new String[1];
        steps.step("A/B slot status", () -> {
            cmdline[0] = shell.check("cat /proc/cmdline").text().strip();
            String root = Bootargs.root(cmdline[0]).orElse("");
            StringBuilder ev = new StringBuilder("/proc/cmdline: " + cmdline[0]);
            for (String s : List.of("A", "B")) {
                String part = partition(s);
                String id = shell.run("blkid " + part).text();
                String label = id.replaceAll("(?s).*\\bLABEL=\"([^\"]*)\".*", "$1");
                boolean active = root.equals(part);
                String release = active ? shell.run("cat /etc/openwrt_release").text() : readInactiveRelease(part);
                String rel = release.replaceAll("(?s).*DISTRIB_RELEASE='([^']*)'.*", "$1");
                slots.add(new Slot(s, part, id.contains("LABEL=") ? label : "", release.contains("DISTRIB_RELEASE") ? rel : "", active));
                ev.append("\nslot ").append(s).append(": ").append(part).append(active ? " (active)" : "")
                        .append(" label=").append(label).append(" release=").append(rel);
            }
            return ev.toString();
        });
        String active = slots.stream().filter(Slot::active).map(Slot::name).findFirst().orElse("none");
        return new Status(cmdline[0], active, slots);
    }

    private String readInactiveRelease(String part) throws IOException {
        ShellResult r = shell.run("mkdir -p " + SLOT_MP + " && mount -o ro -t ext4 " + part + " " + SLOT_MP
                + " && { cat " + SLOT_MP + "/etc/openwrt_release; umount " + SLOT_MP + "; }");
        return r.ok() ? r.text() : "";
    }

    /**
     * Rewrites the inactive slot from a tarball already on the board (pushed with the console file
     * transfer or copied there): checked to be a tar/gzip holding sbin/init before the slot is formatted.
     */
    public String upgradeInactive(String boardTarball) throws IOException, ProcedureException {
        Status st = status();
        if (st.activeSlot().equals("none")) {
            throw new ProcedureException(ProcedureException.Cause.REFUSED, "Upgrade inactive slot",
                    "The running root is not slot A or B (" + st.cmdline() + ")", "unchanged");
        }
        String target = st.activeSlot().equals("A") ? "B" : "A";
        String part = partition(target);
        String label = cfg.abLabels().get(target.equals("A") ? 0 : 1);
        String q = Sh.quote(boardTarball);
        String[] z = {""};
        steps.step("Check the root filesystem archive " + boardTarball, () -> {
            String magic = shell.check("head -c 2 " + q + " | od -An -tx1").text().strip();
            z[0] = magic.equals("1f 8b") ? "z" : "";
            ShellResult list = shell.run("tar -t" + z[0] + "f " + q + " | grep -c -E '^(\\./)?sbin/init$'", 10 * 60_000L);
            if (!list.ok() || !list.text().strip().equals("1")) {
                throw steps.refuse(boardTarball + " is not a root filesystem tarball (no sbin/init, or not a tar"
                        + (z[0].isEmpty() ? "" : ".gz") + "): slot " + target + " left as it was");
            }
            return (z[0].isEmpty() ? "tar" : "gzip-compressed tar") + " with sbin/init";
        });
        steps.step("Write slot " + target + " (" + part + ")", () -> {
            if (shell.run("grep -q '^" + part + " ' /proc/mounts").ok()) {
                throw steps.refuse(part + " is mounted; it cannot be the inactive slot");
            }
            shell.check("mkfs.ext4 -F -q -L " + label + " " + part, 10 * 60_000L);
            steps.boardState("slot " + target + " formatted and empty; the active slot " + st.activeSlot() + " is untouched and still booted");
            shell.check("mkdir -p " + SLOT_MP + " && mount -t ext4 " + part + " " + SLOT_MP);
            ShellResult x = shell.run("tar -x" + z[0] + "f " + q + " -C " + SLOT_MP, 60 * 60_000L);
            if (!x.ok()) {
                shell.run("umount " + SLOT_MP);
                throw steps.no("Unpacking failed (exit " + x.exitStatus() + "): " + x.text());
            }
            shell.check("(cd " + SLOT_MP + " && mkdir -p " + String.join(" ", cfg.emptyMountPoints()) + ") && [ -x "
                    + SLOT_MP + "/sbin/init ] && sync && umount " + SLOT_MP);
            steps.boardState("slot " + target + " holds the new root; the boot loader still boots slot " + st.activeSlot());
            return "unpacked into " + part + "; sbin/init present";
        });
        return target;
    }

    /** Points root= at the slot's partition (the old value saved for {@link #rollback}). */
    public String switchTo(String slot, BootloaderEnv env) throws IOException, ProcedureException {
        return new NvmeMigration(steps, cfg, device).pointRoot(env, partition(slot));
    }

    public String rollback(BootloaderEnv env) throws IOException, ProcedureException {
        return new NvmeMigration(steps, cfg, device).rollback(env);
    }
}
