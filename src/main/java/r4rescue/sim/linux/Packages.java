package r4rescue.sim.linux;

import java.util.List;
import java.util.Map;

import r4rescue.sim.state.FileEntry;

/**
 * BusyBox {@code ping} to the package server and OpenWrt 24.10's {@code opkg update}/{@code opkg
 * install} for the packages the extroot route may lack. A package brings the files that tell the
 * preflight it is there. Messages as opkg's libopkg/opkg_cmd.c and opkg_download.c print them; the
 * board reaches the server only when the scenario says {@code "network": true}.
 */
final class Packages {

    private static final String FEED = "https://downloads.openwrt.org/releases/24.10.0/targets/mediatek/filogic/packages";
    private static final Map<String, String> VERSIONS = Map.of(
            "block-mount", "2024.07.14~408c2cc4-r1", "kmod-fs-ext4", "6.6.86-r1", "fdisk", "2.40.2-r1", "kmod-nvme", "6.6.86-r1");

    private static final List<String> INSTALLED = List.of("base-files - 1637~0425664679", "busybox - 1.36.1-r2",
            "dropbear - 2024.86-r1", "fitblk - 1", "fstools - 2025.02.22~1d3c2cc1-r1", "kernel - 6.6.86~4b1a5a5ec4fd-r1",
            "luci - 25.055.05346~7c7ee82", "mtd - 26", "opkg - 2024.10.16~38eccbb1-r1", "procd - 2024.12.22~42d39376-r1",
            "uboot-envtools - 2024.10-r1");
    /** A package from {@link #VERSIONS} counts as installed when its telltale file is there. */
    private static final Map<String, String> INSTALLED_BY = Map.of("block-mount", "/sbin/block", "fdisk", "/usr/sbin/fdisk");

    private Packages() {
    }

    static void register(Map<String, Program> m) {
        m.put("ping", Packages::ping);
        m.put("opkg", Packages::opkg);
    }

    private static int ping(LinuxSystem s, List<String> a, Io io) {
        String host = a.get(a.size() - 1);
        if (!s.state.network) {
            io.error("ping: bad address '" + host + "'");
            return 1;
        }
        io.println("PING " + host + " (151.101.2.132): 56 data bytes");
        io.println("64 bytes from 151.101.2.132: seq=0 ttl=57 time=12.412 ms");
        io.println("");
        io.println("--- " + host + " ping statistics ---");
        io.println("1 packets transmitted, 1 packets received, 0% packet loss");
        io.println("round-trip min/avg/max = 12.412/12.412/12.412 ms");
        return 0;
    }

    private static int opkg(LinuxSystem s, List<String> a, Io io) {
        String cmd = a.size() > 1 ? a.get(1) : "";
        if (cmd.equals("update")) {
            io.println("Downloading " + FEED + "/Packages.gz");
            if (!s.state.network) {
                io.println("*** Failed to download the package list from " + FEED + "/Packages.gz");
                io.error("Collected errors:");
                io.error(" * opkg_download: Failed to download " + FEED + "/Packages.gz, wget returned 4.");
                return 255;
            }
            io.println("Updated list of available packages in /var/opkg-lists/openwrt_core");
            s.opkgLists = true;
            return 0;
        }
        if (cmd.equals("install") && a.size() > 2) {
            for (String p : a.subList(2, a.size())) {
                if (!s.opkgLists || !VERSIONS.containsKey(p)) {
                    io.println("Unknown package '" + p + "'.");
                    io.error("Collected errors:");
                    io.error(" * opkg_install_cmd: Cannot install package " + p + ".");
                    return 255;
                }
            }
            for (String p : a.subList(2, a.size())) {
                io.println("Installing " + p + " (" + VERSIONS.get(p) + ") to root...");
                io.println("Downloading " + FEED + "/" + p + "_" + VERSIONS.get(p) + "_aarch64_cortex-a53.ipk");
                switch (p) {
                    case "block-mount" -> {
                        s.put("/sbin/block", FileEntry.sized(61_200, 0755, 51163));
                        if (s.lookup("/etc/config/fstab") == null) {
                            s.put("/etc/config/fstab", FileEntry.text("config global\n\toption anon_swap '0'\n\toption anon_mount '0'\n"
                                    + "\toption auto_swap '1'\n\toption auto_mount '1'\n"));
                        }
                    }
                    case "fdisk" -> s.put("/usr/sbin/fdisk", FileEntry.sized(148_112, 0755, 90355));
                    default -> {
                        // kmod-fs-ext4 and kmod-nvme: the simulated kernel already has what they bring
                    }
                }
                io.println("Configuring " + p + ".");
            }
            return 0;
        }
        if (cmd.equals("list-installed")) {
            // opkg's "Package - Version" lines (libopkg pkg_print_status), a 24.10 base image's few
            for (String p : INSTALLED) {
                io.println(p);
            }
            VERSIONS.forEach((p, v) -> {
                if (s.lookup(INSTALLED_BY.getOrDefault(p, "/nonexistent")) != null) {
                    io.println(p + " - " + v);
                }
            });
            return 0;
        }
        io.error("opkg must have one sub-command argument");
        return 255;
    }
}
