package r4rescue.procedure.migrate;

import java.util.ArrayList;
import java.util.List;

/** The SSD's partitions: one root ({@code nvme-root}) or root-A, root-B and data (the rest). */
public record SsdLayout(Kind kind, long rootMiB, List<String> labels) {

    public enum Kind { SINGLE, AB }

    public static SsdLayout single(MigrateConfig c) {
        return new SsdLayout(Kind.SINGLE, 0, List.of(c.singleLabel()));
    }

    public static SsdLayout ab(MigrateConfig c, long rootMiB) {
        return new SsdLayout(Kind.AB, rootMiB, c.abLabels());
    }

    /** Bytes this layout needs at least, given the current root's size. */
    public long minimumBytes(MigrateConfig c, long rootUsedBytes) {
        long root = (long) (rootUsedBytes * c.rootHeadroom());
        if (kind == Kind.SINGLE) {
            return root + (16L << 20);
        }
        return 2 * (rootMiB << 20) + ((long) c.minDataMiB() << 20) + (16L << 20);
    }

    /**
     * Keystrokes for {@code fdisk} (BusyBox's or util-linux's) where there is no sfdisk: a new MBR
     * (BusyBox fdisk cannot make a GPT) with primary partitions; the labels go on the filesystems.
     */
    public String fdiskScript() {
        StringBuilder b = new StringBuilder("o\n");
        for (int i = 1; i <= labels.size(); i++) {
            boolean rest = kind == Kind.SINGLE || i == labels.size();
            b.append("n\np\n").append(i).append("\n\n").append(rest ? "" : "+" + rootMiB + "M").append('\n');
        }
        return b.append("w\n").toString();
    }

    /** Input for {@code sfdisk}: a GPT with named Linux partitions. */
    public String sfdiskScript(MigrateConfig c) {
        List<String> lines = new ArrayList<>();
        lines.add("label: gpt");
        String type = ", type=" + c.linuxPartitionType();
        if (kind == Kind.SINGLE) {
            lines.add("name=" + labels.get(0) + type);
        } else {
            lines.add("size=" + rootMiB + "MiB" + type + ", name=" + labels.get(0));
            lines.add("size=" + rootMiB + "MiB" + type + ", name=" + labels.get(1));
            lines.add("name=" + labels.get(2) + type);
        }
        return String.join("\n", lines) + "\n";
    }
}
