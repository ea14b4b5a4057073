package r4rescue.sim.linux;

import java.util.Locale;

import r4rescue.board.Medium;
import r4rescue.sim.StageTexts;
import r4rescue.sim.SimBoard;
import r4rescue.sim.SyntheticFit;
import r4rescue.sim.state.Disk;
import r4rescue.sim.state.Partition;

/**
 * The Linux kernel's console side: the key boot lines (facts §7e), the root mount decided by
 * {@code root=}/{@code rootwait} in the command line, OpenWrt's init lines (§7f), then the
 * console shell after Enter. A root that names no filesystem waits forever or panics.
 */
public final class Kernel {

    private final SimBoard board;
    private final Medium medium;
    private final String cmdline;
    private final SyntheticFit.Info fit;
    private double clock;

    public Kernel(SimBoard board, Medium medium, String cmdline, SyntheticFit.Info fit) {
        this.board = board;
        this.medium = medium;
        this.cmdline = cmdline;
        this.fit = fit;
    }

    private void k(StageTexts.KernelLine l, String... repl) {
        String text = l.text();
        for (int i = 0; i + 1 < repl.length; i += 2) {
            text = text.replace(repl[i], repl[i + 1]);
        }
        line(l.time(), text);
    }

    private void line(double t, String text) {
        if (t > clock) {
            board.pause((long) ((t - clock) * 400));
            clock = t;
        }
        long us = Math.round(clock * 1_000_000);
        board.println(String.format(Locale.ROOT, "[%5d.%06d] %s", us / 1_000_000, us % 1_000_000, text));
    }

    public static String arg(String cmdline, String name) {
        for (String p : cmdline.trim().split("\\s+")) {
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }

    public static boolean flag(String cmdline, String name) {
        for (String p : cmdline.trim().split("\\s+")) {
            if (p.equals(name)) {
                return true;
            }
        }
        return false;
    }

    public void run() {
        board.event("kernel");
        StageTexts t = board.text();
        for (StageTexts.KernelLine l : t.kernel("early")) {
            k(l, "{bootargs}", cmdline);
        }
        if (board.state().nand != null) {
            t.kernel("mtd").forEach(l -> k(l));
        }
        Disk nvme = board.state().nvme;
        // a modular driver (stock OpenWrt's kmod-nvme) loads from the root filesystem, after root= is looked for
        boolean nvmeUp = nvme != null && nvme.present && "builtin".equals(nvme.driver);
        if (nvmeUp) {
            StringBuilder parts = new StringBuilder();
            for (Partition p : nvme.partitions) {
                parts.append(" p").append(p.number);
            }
            for (StageTexts.KernelLine l : t.kernel("nvme")) {
                k(l, "{queues}", "4", "{parts}", parts.toString());
            }
        }
        String root = arg(cmdline, "root");
        boolean rootwait = flag(cmdline, "rootwait");
        RootFs rootFs;
        if (fit.recovery()) {
            line(2.7, "Freeing initrd memory: 9216K");
            rootFs = RootFs.openwrt(board.state(), "initramfs", "rootfs", "rootfs");
        } else if ("/dev/fit0".equals(root)) {
            for (StageTexts.KernelLine l : t.kernel("fitRoot")) {
                // on SD/eMMC the FIT is a plain partition: no UBI attach, no ubiblock made from a volume
                if (medium != Medium.SNAND && (l.text().startsWith("ubi0") || l.text().contains("created from ubi"))) {
                    continue;
                }
                k(l, "ubiblock0_4", medium == Medium.SNAND ? "ubiblock0_4" : medium == Medium.SD ? "mmcblk0p7" : "mmcblk0p5");
            }
            rootFs = RootFs.openwrt(board.state(), "squashfs", "/dev/root", "fit0");
        } else {
            Partition p = nvmeUp && root != null ? NvmeNames.partition(nvme, root) : null;
            if (p == null) {
                noRoot(root, rootwait);
                return;
            }
            if (p.fs == null || !"ext4".equals(p.fs.type)) {
                String dev = "nvme0n1p" + p.number;
                line(2.1, "EXT4-fs (" + dev + "): VFS: Can't find ext4 filesystem");
                panic("unknown-block(259," + p.number + ")");
                return;
            }
            for (StageTexts.KernelLine l : t.kernel("nvmeRoot")) {
                k(l, "{dev}", "nvme0n1p" + p.number, "{uuid}", p.fs.uuid == null ? "" : p.fs.uuid, "{minor}", Integer.toString(p.number));
            }
            rootFs = RootFs.disk("nvme0n1p" + p.number, p.fs);
            if (!p.fs.files.containsKey("/sbin/init")) {
                // init/main.c tries /sbin/init, /etc/init, /bin/init, /bin/sh: an empty root has none.
                line(2.3, "Run /sbin/init as init process");
                line(2.3, "Kernel panic - not syncing: No working init found.  Try passing init= option to kernel. See Linux Documentation/admin-guide/init.rst for guidance.");
                board.event("panic");
                board.hang();
                return;
            }
        }
        t.kernel("init").forEach(l -> k(l));
        board.pause(300);
        for (String l : t.lines("linux", "preinit")) {
            board.println(l);
        }
        board.pause(800);
        t.kernel("late").forEach(l -> k(l));
        board.pause(300);
        board.event("userspace");
        board.println(t.text("linux", "activate"));
        waitForEnter();
        for (String l : t.lines("linux", "busyboxBanner")) {
            board.println(l);
        }
        new Shell(board, new LinuxSystem(board, medium, cmdline, rootFs, fit.release())).run();
    }

    private void waitForEnter() {
        while (true) {
            int c = board.read(60_000);
            if (c == '\r' || c == '\n') {
                return;
            }
        }
    }

    private void noRoot(String root, boolean rootwait) {
        StageTexts t = board.text();
        if (rootwait && root != null) {
            t.kernel("waiting").forEach(l -> k(l, "{root}", root));
            board.event("rootwait");
            board.hang();
        }
        String name = root == null ? "" : root.replaceFirst("^/dev/", "");
        for (StageTexts.KernelLine l : t.kernel("panic")) {
            k(l, "{rootName}", name);
        }
        board.event("panic");
        board.hang();
    }

    private void panic(String block) {
        line(2.2, "Please append a correct \"root=\" boot option; here are the available partitions:");
        line(2.2, "Kernel panic - not syncing: VFS: Unable to mount root fs on " + block);
        line(2.2, "---[ end Kernel panic - not syncing: VFS: Unable to mount root fs on " + block + " ]---");
        board.event("panic");
        board.hang();
    }

}
