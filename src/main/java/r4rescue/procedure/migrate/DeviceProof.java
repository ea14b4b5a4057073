package r4rescue.procedure.migrate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.shell.ShellResult;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * Which block device a mount really is, by device number: the {@code major:minor} of the mount in
 * {@code /proc/self/mountinfo} against {@code /sys/class/block/NAME/dev}. Names prove nothing: a
 * root the kernel mounted itself is {@code /dev/root} in {@code mount} and {@code df}
 * (init/do_mounts.c), and {@code root=PARTUUID=…} or {@code UUID=…} name no device at all (facts §12).
 */
public final class DeviceProof {

    private DeviceProof() {
    }

    /** One line of mountinfo: the mount point, its device number, filesystem type and the source it names. */
    public record Mount(String mountPoint, String devNumber, String type, String source) {
    }

    /**
     * The answer for one mount point and one partition, in plain words: {@code proven} when the device
     * numbers are equal; {@code mount} is null when nothing is mounted there.
     */
    public record Proof(String mountPoint, String partition, String partitionDevNumber, Mount mount, boolean proven) {

        /** In the user's language. */
        public String evidence() {
            return message().text();
        }

        public Message message() {
            if (mount == null) {
                return Message.of("proc.proof.nothingMounted", mountPoint);
            }
            return Message.of(proven ? "proc.proof.same" : "proc.proof.different", mountPoint, mount.devNumber(), mount.type(),
                    mount.source(), partition, partitionDevNumber == null ? Message.of("proc.proof.noBlockDevice") : partitionDevNumber);
        }
    }

    /** Every mount, in mount order (a later mount on the same point hides the earlier one). */
    public static List<Mount> mounts(ShellDriver shell) throws IOException {
        List<Mount> out = new ArrayList<>();
        for (String line : shell.check("cat /proc/self/mountinfo").output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            int dash = List.of(f).indexOf("-");
            if (f.length > 4 && dash > 4 && dash + 2 < f.length) {
                out.add(new Mount(f[4].replace("\\040", " "), f[2], f[dash + 1], f[dash + 2]));
            }
        }
        return out;
    }

    /** What is mounted on {@code mountPoint} now (the last mount there), if anything. */
    public static Optional<Mount> mountOn(List<Mount> mounts, String mountPoint) {
        Mount last = null;
        for (Mount m : mounts) {
            if (m.mountPoint().equals(mountPoint)) {
                last = m;
            }
        }
        return Optional.ofNullable(last);
    }

    /** {@code major:minor} of a block device from sysfs, or null when the kernel has no such device. */
    public static String devNumber(ShellDriver shell, String device) throws IOException {
        if (!device.matches("/dev/[A-Za-z0-9_]+")) {
            return null;
        }
        ShellResult r = shell.run("cat /sys/class/block/" + device.substring(5) + "/dev");
        return r.ok() && r.text().strip().matches("\\d+:\\d+") ? r.text().strip() : null;
    }

    /** Whether {@code mountPoint} is {@code partition}, by device number. */
    public static Proof prove(ShellDriver shell, String mountPoint, String partition) throws IOException {
        String dev = devNumber(shell, partition);
        Mount m = mountOn(mounts(shell), mountPoint).orElse(null);
        return new Proof(mountPoint, partition, dev, m, dev != null && m != null && dev.equals(m.devNumber()));
    }

    /**
     * Whether the running system's root is {@code partition}. On OpenWrt's squashfs root, {@code /} is an
     * overlay and the device the kernel mounted as root is {@code /rom}: that one is compared then.
     */
    public static Proof proveRoot(ShellDriver shell, String partition) throws IOException {
        List<Mount> all = mounts(shell);
        Mount root = mountOn(all, "/").orElse(null);
        String point = root != null && root.type().equals("overlay") && mountOn(all, "/rom").isPresent() ? "/rom" : "/";
        String dev = devNumber(shell, partition);
        Mount m = mountOn(all, point).orElse(null);
        return new Proof(point, partition, dev, m, dev != null && m != null && dev.equals(m.devNumber()));
    }

    /** The mount points that use one of {@code devices} (by device number), e.g. an SSD's partitions. */
    public static List<String> mountedFrom(ShellDriver shell, List<String> devices) throws IOException {
        List<String> numbers = new ArrayList<>();
        for (String d : devices) {
            String n = devNumber(shell, d);
            if (n != null) {
                numbers.add(n);
            }
        }
        List<String> out = new ArrayList<>();
        for (Mount m : mounts(shell)) {
            if (numbers.contains(m.devNumber())) {
                out.add(Texts.t("proc.proof.mountedFrom", m.source(), m.mountPoint(), m.devNumber()));
            }
        }
        return out;
    }
}
