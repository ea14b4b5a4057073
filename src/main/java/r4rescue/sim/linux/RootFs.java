package r4rescue.sim.linux;

import r4rescue.sim.state.SimState;
import r4rescue.sim.state.FileEntry;
import r4rescue.sim.state.FileSystem;

/**
 * What the kernel mounted as {@code /}: OpenWrt's squashfs+overlay (one file map here) or an ext4 partition.
 * {@code device} is what /proc/mounts names ({@code /dev/root} for a root the kernel mounted itself),
 * {@code source} the block device behind it ({@code fit0}, {@code nvme0n1p1}), which gives its device number.
 */
public record RootFs(String device, String source, String type, FileSystem fs, boolean openwrtOverlay) {

    /** Programs from packages (not BusyBox applets) and where they live: absent when their file is. */
    public static final java.util.Map<String, String> PACKAGED = java.util.Map.ofEntries(
            java.util.Map.entry("fw_printenv", "/usr/sbin/fw_printenv"), java.util.Map.entry("fw_setenv", "/usr/sbin/fw_setenv"),
            java.util.Map.entry("sfdisk", "/usr/sbin/sfdisk"), java.util.Map.entry("mkfs.ext4", "/usr/sbin/mkfs.ext4"),
            java.util.Map.entry("mke2fs", "/usr/sbin/mke2fs"), java.util.Map.entry("lsblk", "/usr/bin/lsblk"),
            java.util.Map.entry("blkid", "/usr/sbin/blkid"), java.util.Map.entry("fdisk", "/usr/sbin/fdisk"),
            java.util.Map.entry("block", "/sbin/block"), java.util.Map.entry("uci", "/sbin/uci"));

    static RootFs openwrt(SimState s, String type, String device, String source) {
        if (s.overlay == null || s.overlay.files.isEmpty()) {
            s.overlay = baseOpenWrt();
        }
        return new RootFs(device, source, type, s.overlay, true);
    }

    /** A partition the kernel mounted as root itself (init/do_mounts.c): /proc/mounts calls it /dev/root. */
    static RootFs disk(String partitionName, FileSystem fs) {
        return new RootFs("/dev/root", partitionName, "ext4", fs, false);
    }

    /** A small but plausible OpenWrt 24.10 root tree (sizes matter for df/du/tar, not contents). */
    public static FileSystem baseOpenWrt() {
        FileSystem fs = new FileSystem();
        fs.type = "overlay";
        String[] dirs = {"/", "/bin", "/dev", "/etc", "/etc/config", "/etc/init.d", "/etc/rc.d", "/etc/uci-defaults",
            "/lib", "/lib/modules", "/lib/modules/6.6.86", "/lib/upgrade", "/mnt", "/overlay", "/proc", "/rom", "/root",
            "/sbin", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/lib", "/usr/lib/lua", "/usr/lib/lua/luci", "/usr/sbin",
            "/usr/share", "/www", "/www/luci-static", "/run"};
        for (String d : dirs) {
            fs.files.put(d, FileEntry.dir());
        }
        fs.files.get("/tmp").mode = 01777;
        fs.files.put("/var", FileEntry.link("tmp"));
        FileEntry busybox = FileEntry.sized(420_512, 0755, 94135);
        fs.files.put("/bin/busybox", busybox);
        for (String a : new String[] {"ash", "sh", "cat", "cp", "dd", "df", "echo", "ls", "mkdir", "mount", "mv", "rm",
            "sleep", "sync", "tar", "umount", "uname", "grep", "sed", "vi", "date", "dmesg", "ln", "pwd", "touch"}) {
            fs.files.put("/bin/" + a, FileEntry.link("busybox"));
        }
        fs.files.put("/sbin/init", FileEntry.sized(18_344, 0755, 61117));
        fs.files.put("/sbin/procd", FileEntry.sized(86_200, 0755, 81787));
        fs.files.put("/sbin/mtd", FileEntry.sized(25_640, 0755, 47430));
        fs.files.put("/sbin/sysupgrade", FileEntry.sized(12_020, 0755, 28679));
        fs.files.put("/usr/sbin/fw_printenv", FileEntry.sized(22_680, 0755, 96486));
        fs.files.put("/usr/sbin/fw_setenv", FileEntry.link("fw_printenv"));
        fs.files.put("/sbin/block", FileEntry.sized(61_200, 0755, 51163));
        fs.files.put("/sbin/uci", FileEntry.sized(14_112, 0755, 30211));
        fs.files.put(Extroot.FSTAB, FileEntry.text("config global\n\toption anon_swap '0'\n\toption anon_mount '0'\n\toption auto_swap '1'\n\toption auto_mount '1'\n\toption delay_root '5'\n\toption check_fs '0'\n\n"));
        fs.files.put("/usr/sbin/sfdisk", FileEntry.sized(101_272, 0755, 90054));
        fs.files.put("/usr/sbin/mkfs.ext4", FileEntry.link("mke2fs"));
        fs.files.put("/usr/sbin/mke2fs", FileEntry.sized(132_480, 0755, 90201));
        fs.files.put("/usr/sbin/blkid", FileEntry.sized(71_840, 0755, 90817));
        fs.files.put("/usr/sbin/fdisk", FileEntry.sized(148_112, 0755, 90355));
        fs.files.put("/usr/bin/lsblk", FileEntry.sized(97_400, 0755, 95820));
        fs.files.put("/usr/bin/cut", FileEntry.link("../../bin/busybox"));
        fs.files.put("/usr/sbin/ubiupdatevol", FileEntry.sized(18_904, 0755, 93312));
        fs.files.put("/lib/libc.so", FileEntry.sized(660_112, 0755, 73609));
        fs.files.put("/lib/ld-musl-aarch64.so.1", FileEntry.link("libc.so"));
        for (int i = 0; i < 120; i++) {
            fs.files.put(String.format("/usr/lib/lib%03d.so", i), FileEntry.sized(20_000 + 731L * i, 0755, 17753 + i));
        }
        for (int i = 0; i < 60; i++) {
            fs.files.put(String.format("/lib/modules/6.6.86/mod%02d.ko", i), FileEntry.sized(15_000 + 977L * i, 0644, 54685 + i));
        }
        for (int i = 0; i < 80; i++) {
            fs.files.put(String.format("/usr/lib/lua/luci/m%02d.lua", i), FileEntry.sized(3_000 + 113L * i, 0644, 94239 + i));
        }
        fs.files.put("/etc/openwrt_release", FileEntry.text("DISTRIB_ID='OpenWrt'\nDISTRIB_RELEASE='24.10.1'\nDISTRIB_REVISION='r28597-0425664679'\nDISTRIB_TARGET='mediatek/filogic'\nDISTRIB_ARCH='aarch64_cortex-a53'\nDISTRIB_DESCRIPTION='OpenWrt 24.10.1 r28597-0425664679'\n"));
        fs.files.put("/etc/banner", FileEntry.text(" OpenWrt 24.10.1, r28597-0425664679\n"));
        fs.files.put("/etc/hostname", FileEntry.text("OpenWrt\n"));
        fs.files.put("/etc/passwd", FileEntry.text("root:x:0:0:root:/root:/bin/ash\ndaemon:*:1:1:daemon:/var:/bin/false\n"));
        fs.files.put("/etc/group", FileEntry.text("root:x:0:\ndaemon:x:1:\n"));
        fs.files.put("/etc/shadow", FileEntry.text("root:::0:99999:7:::\n"));
        fs.files.put("/etc/sysupgrade.conf", FileEntry.text("## This file contains files and directories that should\n## be preserved during an upgrade.\n\n# /etc/example.conf\n# /etc/openvpn/\n"));
        fs.files.put("/etc/fw_env.config", FileEntry.text("/dev/ubi0_0 0x0 0x1f000 0x1f000 1\n/dev/ubi0_1 0x0 0x1f000 0x1f000 1\n"));
        fs.files.put("/etc/config/network", FileEntry.text("config interface 'loopback'\n\toption device 'lo'\n\toption proto 'static'\n\toption ipaddr '127.0.0.1'\n\toption netmask '255.0.0.0'\n\nconfig interface 'lan'\n\toption device 'br-lan'\n\toption proto 'static'\n\toption ipaddr '192.168.1.1'\n\toption netmask '255.255.255.0'\n"));
        fs.files.put("/etc/config/system", FileEntry.text("config system\n\toption hostname 'OpenWrt'\n\toption timezone 'UTC'\n"));
        fs.files.put("/etc/config/firewall", FileEntry.text("config defaults\n\toption input 'REJECT'\n\toption output 'ACCEPT'\n\toption forward 'REJECT'\n"));
        fs.files.put("/etc/config/dhcp", FileEntry.text("config dnsmasq\n\toption domainneeded '1'\n"));
        fs.files.put("/etc/config/fstab", FileEntry.text("config global\n\toption anon_swap '0'\n\toption anon_mount '0'\n\toption auto_swap '1'\n\toption auto_mount '1'\n"));
        fs.files.put("/etc/config/ubootenv", FileEntry.text("config ubootenv\n\toption dev '/dev/ubi0_0'\n\toption offset '0x0'\n\toption envsize '0x1f000'\n\toption secsize '0x1f000'\n"));
        // opkg's record of the files packages own: what the user added to /etc is what no package lists.
        StringBuilder owned = new StringBuilder();
        fs.files.forEach((path, e) -> {
            if (path.startsWith("/etc/") && e.kind == 'f') {
                owned.append(path).append('\n');
            }
        });
        for (String d : new String[] {"/usr/lib/opkg", "/usr/lib/opkg/info"}) {
            fs.files.put(d, FileEntry.dir());
        }
        fs.files.put("/usr/lib/opkg/info/base-files.list", FileEntry.text(owned.toString()));
        fs.files.put("/www/index.html", FileEntry.text("<!DOCTYPE html>\n<html><head><meta http-equiv=\"refresh\" content=\"0; URL=cgi-bin/luci/\" /></head></html>\n"));
        return fs;
    }
}
