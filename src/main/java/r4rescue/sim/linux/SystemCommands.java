package r4rescue.sim.linux;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import r4rescue.sim.Reset;
import r4rescue.sim.SyntheticFit;
import r4rescue.sim.state.FileEntry;
import r4rescue.sim.uboot.Env;
import r4rescue.sim.uboot.EnvStore;

/** fw_printenv / fw_setenv (on the same environment U-Boot uses), reboot, sysupgrade -b/-l, dmesg. */
final class SystemCommands {

    private SystemCommands() {
    }

    static void register(Map<String, Program> m) {
        m.put("fw_printenv", SystemCommands::printenv);
        m.put("fw_setenv", SystemCommands::setenv);
        m.put("reboot", SystemCommands::reboot);
        m.put("poweroff", (s, a, io) -> {
            s.flushFor(io);
            s.board.println("procd: - shutdown -");
            s.kernelLine("reboot: Power down");
            s.board.event("poweroff");
            s.board.hang();
            return 0;
        });
        m.put("sysupgrade", SystemCommands::sysupgrade);
        m.put("dmesg", (s, a, io) -> {
            io.println("[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x411fd090]");
            io.println("[    0.000000] Kernel command line: " + s.cmdline);
            if (s.state.nvme == null || !s.state.nvme.present) {
                // an empty M.2 slot: drivers/pci/controller/pcie-mediatek-gen3.c gives up on the link (address illustrative)
                io.println("[    1.951234] mtk-pcie-gen3 11280000.pcie: PCIe link down, current LTSSM state: detect.quiet (0x0)");
            }
            if (s.root.source().equals("fit0")) {
                String from = s.medium == r4rescue.board.Medium.SNAND ? "ubiblock0_4" : s.medium == r4rescue.board.Medium.SD ? "mmcblk0p7" : "mmcblk0p5";
                io.println("[    2.720000] block " + from + ": mapped 1 uImage.FIT filesystem sub-image as /dev/fit0");
            }
            return 0;
        });
    }

    private static TreeMap<String, String> load(LinuxSystem s, Io io) {
        EnvStore store = new EnvStore(s.state, s.medium);
        TreeMap<String, String> env = store.load().env();
        if (env == null) {
            io.error("Warning: Bad CRC, using default environment");
            env = Env.defaults(s.state.mtkSdk(), s.medium, s.board.data().ubootVersion(s.state.mtkSdk() ? "mtk-sdk" : "openwrt"));
        }
        return env;
    }

    private static int printenv(LinuxSystem s, List<String> a, Io io) {
        TreeMap<String, String> env = load(s, io);
        boolean valueOnly = a.contains("-n");
        List<String> names = a.subList(1, a.size()).stream().filter(x -> !x.startsWith("-")).toList();
        if (names.isEmpty()) {
            env.forEach((k, v) -> io.println(k + "=" + v));
            return 0;
        }
        int rc = 0;
        for (String n : names) {
            String v = env.get(n);
            if (v == null) {
                io.error("## Error: \"" + n + "\" not defined");
                rc = 1;
            } else {
                io.println(valueOnly ? v : n + "=" + v);
            }
        }
        return rc;
    }

    private static int setenv(LinuxSystem s, List<String> a, Io io) {
        if (a.size() < 2) {
            io.error("Usage: fw_setenv [OPTIONS]... [VARIABLE]...");
            return 1;
        }
        TreeMap<String, String> env = load(s, io);
        String name = a.get(1);
        if (a.size() == 2) {
            env.remove(name);
        } else {
            env.put(name, String.join(" ", a.subList(2, a.size())));
        }
        if (s.board.faults().fwSetenvFails || new EnvStore(s.state, s.medium).save(env) < 0) {
            io.error("Error: can't write fw_env to flash");
            return 1;
        }
        return 0;
    }

    private static int reboot(LinuxSystem s, List<String> a, Io io) {
        s.flushFor(io);
        s.board.pause(300);
        s.kernelLine("br-lan: port 1(lan1) entered disabled state");
        s.board.println("procd: - shutdown -");
        s.board.pause(500);
        s.kernelLine("reboot: Restarting system");
        throw new Reset();
    }

    private static final List<String> KEEP = List.of("/etc/config/", "/etc/group", "/etc/passwd", "/etc/shadow", "/etc/sysupgrade.conf");

    /** The built-in keep list plus the paths in /etc/sysupgrade.conf (a directory keeps what is under it). */
    private static List<String> keepList(LinuxSystem s) {
        List<String> keep = new java.util.ArrayList<>(KEEP);
        FileEntry conf = s.root.fs().files.get("/etc/sysupgrade.conf");
        if (conf != null) {
            for (String l : new String(conf.bytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String t = l.strip();
                if (t.startsWith("/")) {
                    FileEntry e = s.root.fs().files.get(t);
                    keep.add(e != null && e.kind == 'd' && !t.endsWith("/") ? t + "/" : t);
                }
            }
        }
        return keep;
    }

    private static int sysupgrade(LinuxSystem s, List<String> a, Io io) {
        List<String> keep = keepList(s);
        if (a.contains("-l")) {
            for (String p : s.root.fs().files.keySet()) {
                FileEntry e = s.root.fs().files.get(p);
                if (e.kind == 'f' && keep.stream().anyMatch(k -> k.endsWith("/") ? p.startsWith(k) : p.equals(k))) {
                    io.println(p);
                }
            }
            return 0;
        }
        int b = a.indexOf("-b");
        if (b > 0 && b + 1 < a.size()) {
            io.println("Saving config files...");
            TreeMap<String, FileEntry> saved = new TreeMap<>();
            for (Map.Entry<String, FileEntry> e : s.root.fs().files.entrySet()) {
                String p = e.getKey();
                if (e.getValue().kind == 'f' && keep.stream().anyMatch(k -> k.endsWith("/") ? p.startsWith(k) : p.equals(k))) {
                    saved.put(p, e.getValue());
                }
            }
            byte[] archive = Tar.archive(saved, true);
            String err = s.put(s.abs(a.get(b + 1)), FileEntry.file(archive));
            if (err != null) {
                io.error("tar: can't open '" + a.get(b + 1) + "': " + err);
                return 1;
            }
            return 0;
        }
        List<String> files = a.subList(1, a.size()).stream().filter(x -> !x.startsWith("-")).toList();
        if (files.size() == 1) {
            return flash(s, a, io, files.get(0));
        }
        io.error("Usage: /sbin/sysupgrade [<upgrade-option>...] <image file or URL>\n       /sbin/sysupgrade [-q] [-i] [-c] [-u] [-o] [-k] <backup-command> <file>\n\nbackup-command:\n\t-b | --create-backup <file>\n\t             create .tar.gz of files specified in sysupgrade.conf\n\t             then exit. Does not flash an image. If file is '-',\n\t             i.e. stdout, the archive is written to stdout and exit.\n\t-l | --list-backup\n\t             list the files that would be backed up when calling\n\t             sysupgrade -b. Does not create a backup file.");
        return 1;
    }

    /** sysupgrade IMAGE: a FIT goes into UBI volume {@code fit} (NAND boots), then the board reboots. */
    private static int flash(LinuxSystem s, List<String> a, Io io, String file) {
        FileEntry e = s.lookup(s.abs(file));
        if (e == null || e.kind != 'f') {
            io.error("Image not found: " + file);
            return 1;
        }
        byte[] img = e.bytes();
        if (SyntheticFit.parse(java.util.Arrays.copyOf(img, Math.max(img.length, SyntheticFit.HEADER))) == null) {
            io.println("Invalid image type.");
            io.println("Image check failed.");
            return 1;
        }
        if (s.medium != r4rescue.board.Medium.SNAND || s.state.nand == null || !s.state.nand.ubiAttached) {
            io.println("Upgrade of this boot medium is not modelled by the simulator.");
            return 1;
        }
        if (a.contains("-T")) {
            return 0; // --test: the image checks passed, nothing flashed
        }
        boolean keep = !a.contains("-n");
        io.println(keep ? "Saving config files..." : "Not saving config files...");
        io.println("Commencing upgrade. Closing all shell sessions.");
        s.flushFor(io);
        s.board.pause(1500);
        long size = (img.length + 126975L) / 126976 * 126976;
        r4rescue.sim.state.UbiVolume v = new r4rescue.sim.state.UbiVolume("fit", Math.max(size, 126976), false);
        v.data.write(0, img);
        s.state.nand.volumes.put("fit", v);
        if (!keep) {
            s.state.overlay = RootFs.baseOpenWrt();
        }
        s.board.println("Performing system upgrade...");
        s.board.println("Upgrade completed");
        s.board.pause(500);
        s.kernelLine("reboot: Restarting system");
        throw new Reset();
    }
}
