package r4rescue.procedure.slots;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import r4rescue.procedure.bootenv.BootloaderEnv;
import r4rescue.procedure.bootenv.KernelCmdline;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.ShellProcedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.migrate.DeviceProof;
import r4rescue.procedure.migrate.DiskSignatures;
import r4rescue.procedure.migrate.MigrateConfig;
import r4rescue.procedure.migrate.NvmeMigration;
import r4rescue.protocol.shell.Sh;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.shell.ShellResult;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * The A/B root slots of the boot guide: root-A on partition 1, root-B on partition 2. The active slot
 * is the one mounted as / (by device number); the inactive one can be rewritten from a root filesystem tarball,
 * switched to, and switched back from.
 */
public final class AbSlots {

    /** One slot: its name (A/B), partition, filesystem label and the OpenWrt release found on it. */
    public record Slot(String name, String partition, String label, String release, boolean active) {
    }

    public record Status(String cmdline, String activeSlot, List<Slot> slots) {
    }

    private static final String SLOT_MP = "/mnt/slot";
    private final ShellProcedure steps;
    private final ShellDriver shell;
    private final MigrateConfig cfg;
    private final String device;

    public AbSlots(ShellProcedure steps, MigrateConfig cfg, String device) {
        this.steps = steps;
        this.shell = steps.shell();
        this.cfg = cfg;
        this.device = device;
    }

    public String partition(String slot) {
        return MigrateConfig.partition(device, slot.equalsIgnoreCase("A") ? 1 : 2);
    }

    public Status status() throws Stopped {
        return steps.step(Texts.t("proc.slots.aBSlotStatus"), () -> {
            List<Slot> slots = new ArrayList<>();
            String cmdline = shell.check("cat /proc/cmdline").text().strip();
            StringBuilder ev = new StringBuilder("/proc/cmdline: " + cmdline);
            for (String s : List.of("A", "B")) {
                String part = partition(s);
                DeviceProof.Proof proof = DeviceProof.proveRoot(shell, part);
                String label = label(part);
                boolean active = proof.proven();
                String release = active ? shell.run("cat /etc/openwrt_release").text() : readInactiveRelease(part);
                String rel = release.replaceAll("(?s).*DISTRIB_RELEASE='([^']*)'.*", "$1");
                slots.add(new Slot(s, part, label, release.contains("DISTRIB_RELEASE") ? rel : "", active));
                ev.append("\nslot ").append(s).append(": ").append(part).append(active ? " (active: " + proof.evidence() + ")" : "")
                        .append(" label=").append(label).append(" release=").append(rel);
            }
            steps.info(ev.toString());
            String active = slots.stream().filter(Slot::active).map(Slot::name).findFirst().orElse("none");
            return new Status(cmdline, active, slots);
        });
    }

    /** The ext4 label of a partition: blkid where the board has it, else read from the superblock with dd. */
    private String label(String part) throws IOException {
        ShellResult id = shell.run("blkid " + part);
        if (!id.notFound()) {
            return id.text().contains("LABEL=\"") ? id.text().replaceAll("(?s).*\\bLABEL=\"([^\"]*)\".*", "$1") : "";
        }
        String got = DiskSignatures.ext4Label(DiskSignatures.parseDump(
                shell.run("dd if=" + part + " bs=4096 count=1 2>/dev/null | hexdump -C").output(), 4096));
        return got == null ? "" : got;
    }

    private String readInactiveRelease(String part) throws IOException {
        ShellResult r = shell.run("mkdir -p " + SLOT_MP + " && mount -o ro -t ext4 " + part + " " + SLOT_MP
                + " && { cat " + SLOT_MP + "/etc/openwrt_release; umount " + SLOT_MP + "; }");
        return r.ok() ? r.text() : "";
    }

    /**
     * The slot the boot loader will boot next, from its environment ({@code root=} of the variable that
     * carries it), or "none" when that is neither slot's partition.
     */
    public String nextSlot(BootloaderEnv env) throws IOException {
        Map<String, String> vars = env.read();
        String root = KernelCmdline.root(vars.getOrDefault(KernelCmdline.carrier(vars, cfg.bootargsVariable()), "")).orElse("");
        return root.equals(partition("A")) ? "A" : root.equals(partition("B")) ? "B" : "none";
    }

    /**
     * Rewrites the inactive slot from a tarball already on the board (pushed with the console file
     * transfer or copied there). "Inactive" is the slot the boot loader will not boot next (read from
     * {@code env}, not /proc/cmdline); it must carry its root-A/root-B label and not be mounted, the
     * tarball must be a tar/gzip holding sbin/init, and {@code confirm} must say yes to the format.
     */
    public String upgradeInactive(String boardTarball, BootloaderEnv env, Predicate<String> confirm) throws Stopped {
        String next = steps.step(Message.of("proc.slots.slotTheBootLoader", env.describe()), () -> {
            String slot = nextSlot(env);
            env.resume(shell, 10 * 60_000L);
            if (slot.equals("none")) {
                throw steps.refuse(Message.of("proc.slots.neitherSlot", partition("A"), partition("B")));
            }
            steps.info(Texts.t("proc.slots.nextBootSlot", slot));
            return slot;
        });
        String target = next.equals("A") ? "B" : "A";
        String part = partition(target);
        String label = cfg.abLabels().get(target.equals("A") ? 0 : 1);
        steps.check(Message.of("proc.slots.checkSlot", target, part), () -> {
            String got = label(part);
            if (!got.equals(label)) {
                throw steps.refuse(Message.of("proc.slots.isLabelled", part, got, label, target));
            }
            List<String> used = DeviceProof.mountedFrom(shell, List.of(part));
            if (!used.isEmpty()) {
                throw steps.refuse(part + " is in use (" + String.join("; ", used) + "); it cannot be the inactive slot. Nothing was changed.");
            }
            return Texts.t("proc.slots.labelled", part, got);
        });
        String q = Sh.quote(boardTarball);
        String z = steps.step(Message.of("proc.slots.checkTheRootFilesystem", boardTarball), () -> {
            // hexdump, not od: OpenWrt's BusyBox is built without od (Config-defaults.in: OD=n, HEXDUMP=y)
            String dump = shell.check("head -c 2 " + q + " | hexdump -C").text().strip();
            String gz = dump.matches("(?s)0+\\s+1f 8b\\b.*") ? "z" : "";
            ShellResult list = shell.run("tar -t" + gz + "f " + q + " | grep -c -E '^(\\./)?sbin/init$'", 10 * 60_000L);
            if (!list.ok() || !list.text().strip().equals("1")) {
                throw steps.refuse(boardTarball + " is not a root filesystem tarball (no sbin/init, or not a tar"
                        + (gz.isEmpty() ? "" : ".gz") + "): slot " + target + " left as it was");
            }
            steps.info((gz.isEmpty() ? "tar" : Texts.t("proc.slots.gzipCompressedTar")) + " with sbin/init");
            return gz;
        });
        if (!confirm.test(Texts.t("proc.slots.format", part, target, label, boardTarball))) {
            throw steps.refuse(Message.of("proc.slots.notConfirmedSlot", target));
        }
        steps.check(Message.of("proc.slots.writeSlot", target, part), () -> {
            steps.state(BoardState.partlyChanged(Message.of("proc.slots.slot", target, next)));
            shell.check("mkfs.ext4 -F -q -L " + label + " " + part, 10 * 60_000L);
            steps.state(BoardState.partlyChanged(Message.of("proc.slots.slot2", target, next)));
            shell.check("mkdir -p " + SLOT_MP + " && mount -t ext4 " + part + " " + SLOT_MP);
            ShellResult x = shell.run("tar -x" + z + "f " + q + " -C " + SLOT_MP, 60 * 60_000L);
            if (!x.ok()) {
                shell.run("umount " + SLOT_MP);
                throw steps.no(Message.of("proc.slots.unpackingFailedExit", x.exitStatus(), x.text()));
            }
            shell.check("(cd " + SLOT_MP + " && mkdir -p " + String.join(" ", cfg.emptyMountPoints()) + ") && [ -x "
                    + SLOT_MP + "/sbin/init ] && sync && umount " + SLOT_MP);
            steps.state(BoardState.verified(Message.of("proc.slots.slot3", target, next)));
            return Texts.t("proc.slots.unpackedInto", part);
        });
        return target;
    }

    /** Points root= at the slot's partition (the old value saved for {@link #rollback}). */
    public String switchTo(String slot, BootloaderEnv env) throws Stopped {
        return new NvmeMigration(steps, cfg, device).pointRoot(env, partition(slot));
    }

    public String rollback(BootloaderEnv env) throws Stopped {
        return new NvmeMigration(steps, cfg, device).rollback(env);
    }
}
