package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * #13: on stock OpenWrt that lacks block-mount, the program installs it itself when the board
 * reaches the package server, proves it with a second preflight, and runs the extroot route; with no
 * network it says so and never calls opkg.
 */
@Tag("sim")
class SimInstallPackagesTest {

    private final CliRun cli = new CliRun();

    @Test
    void onlineBoardGetsBlockMountInstalledThenMovesItsOverlay() {
        long t0 = System.nanoTime();
        assertEquals(MainCommand.OK, cli.run("migrate", "-p", "sim:stock-openwrt-online", "--yes", "--install-packages"), cli.err());
        String err = cli.err();
        int install = err.indexOf("$ opkg update && opkg install block-mount");
        assertTrue(install > 0, err);
        assertTrue(err.indexOf("Route: NVMe driver is a module: extroot", install) > install, "the second preflight picks extroot: " + err);
        assertTrue(err.indexOf("$ mkfs.ext4") > install, "the SSD is formatted only after the install: " + err);
        assertTrue(cli.out().matches("(?s)/overlay is device \\d+:\\d+ \\(ext4, named /dev/nvme0n1p1\\); /dev/nvme0n1p1 is \\d+:\\d+: the same device.*"),
                cli.out());
        System.out.printf("cli-migrate-install-extroot-sim %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void withoutTheOptionTheOnlineBoardIsOfferedTheInstallAndNothingIsChanged() {
        assertEquals(MainCommand.BAD_INPUT, cli.run("migrate", "-p", "sim:stock-openwrt-online", "--yes"), cli.err());
        assertTrue(cli.err().contains("The board reaches downloads.openwrt.org") && cli.err().contains("--install-packages"), cli.err());
        assertFalse(cli.err().contains("$ opkg"), cli.err());
    }

    @Test
    void withNoNetworkOpkgIsNeverRun() {
        assertEquals(MainCommand.BAD_INPUT, cli.run("migrate", "-p", "sim:stock-openwrt", "--yes", "--install-packages"), cli.err());
        assertTrue(cli.err().contains("The board has no network"), cli.err());
        assertFalse(cli.err().contains("$ opkg"), cli.err());
    }
}
