package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The two files of one OpenWrt build as the upgrade tests need them, made in {@code dir}. */
public final class BuildFiles {

    private BuildFiles() {
    }

    /** One build's sysupgrade FIT (a stand-in header naming its kernel release). */
    public static Path kernel(Path dir, String release) throws Exception {
        return Files.write(dir.resolve("openwrt-" + release + "-squashfs-sysupgrade.itb"), SyntheticFit.header(8192, false, release));
    }

    /** A rootfs.tar.gz made by the host's tar: init, fw_printenv, the release file and /lib/modules/{@code modules}. */
    public static Path rootfs(Path dir, String modules) throws Exception {
        Path root = Files.createDirectories(dir.resolve("rootfs-" + modules));
        for (String f : new String[] {"sbin/init", "usr/sbin/fw_printenv", "usr/sbin/fw_setenv", "etc/openwrt_release",
            "etc/config/system", "lib/modules/" + modules + "/nvme.ko"}) {
            Path p = Files.createDirectories(root.resolve(f).getParent()).resolve(root.resolve(f).getFileName());
            Files.writeString(p, f.endsWith("openwrt_release") ? "DISTRIB_RELEASE='25.12.0'\n" : "#!/bin/sh\n");
            if (f.contains("sbin/")) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Path out = dir.resolve("openwrt-rootfs-" + modules + ".tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", out.toString(), "-C", root.toString(), ".").inheritIO().start();
        assertEquals(0, tar.waitFor());
        return out;
    }
}
