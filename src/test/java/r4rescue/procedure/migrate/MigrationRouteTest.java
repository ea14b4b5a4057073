package r4rescue.procedure.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The preflight's choice of route from what it saw, one case per line of issue #13's list. */
@Tag("unit")
class MigrationRouteTest {

    private static MigrationRoute.Facts facts(boolean visible, boolean module, String pcie, String sd, boolean force, String pm) {
        return new MigrationRoute.Facts(visible, module, module ? "nvme is listed in /proc/modules" : "built in", pcie, sd, force, pm, true, true,
                new MigrationRoute.Extroot(List.of("block-mount"), false, List.of("reboot")));
    }

    @Test
    void builtInNvmeTakesRootEquals() {
        MigrationRoute r = MigrationRoute.decide(facts(true, false, null, null, false, "opkg"));
        assertEquals(MigrationRoute.Kind.ROOT_ARG, r.kind());
        assertTrue(r.canMigrate());
    }

    @Test
    void moduleRefusesRootEqualsAndOffersExtroot() {
        MigrationRoute r = MigrationRoute.decide(facts(true, true, null, null, false, "opkg"));
        assertEquals(MigrationRoute.Kind.EXTROOT, r.kind());
        assertFalse(r.canMigrate(), "root= is never tried on a modular NVMe");
        assertTrue(r.reasons().get(0).contains("Waiting for root device"), r.reasons().toString());
        assertTrue(r.reasons().get(1).contains("no network"), r.reasons().toString());
        assertEquals(List.of("opkg update && opkg install block-mount", "reboot"), r.commands());
    }

    @Test
    void noDeviceNamesKmodNvmeForThePackageManagerInUse() {
        assertEquals(List.of("opkg update && opkg install kmod-nvme"), MigrationRoute.decide(facts(false, false, null, null, false, "opkg")).commands());
        assertEquals(List.of("apk update && apk add kmod-nvme"), MigrationRoute.decide(facts(false, false, null, null, false, "apk")).commands());
    }

    @Test
    void aPcieLinkDownIsSaidInstead() {
        MigrationRoute r = MigrationRoute.decide(facts(false, true, "mtk-pcie-gen3 11280000.pcie: PCIe link down", null, false, "opkg"));
        assertEquals(MigrationRoute.Kind.NONE, r.kind());
        assertTrue(r.reasons().get(0).contains("PCIe link is down"), r.reasons().toString());
        assertEquals(List.of(), r.commands());
    }

    @Test
    void anSdBootedSystemStopsUnlessForced() {
        MigrationRoute r = MigrationRoute.decide(facts(true, false, null, "the boot log says BL2 from SD", false, "opkg"));
        assertEquals(MigrationRoute.Kind.NONE, r.kind());
        assertTrue(r.reasons().get(0).contains("--force-sd"), r.reasons().toString());
        assertEquals(MigrationRoute.Kind.ROOT_ARG, MigrationRoute.decide(facts(true, false, null, "the boot log says BL2 from SD", true, "opkg")).kind());
    }

    @Test
    void noPartitionToolNamesOne() {
        MigrationRoute r = MigrationRoute.decide(new MigrationRoute.Facts(true, false, "built in", null, null, false, "opkg", true, false, null));
        assertEquals(MigrationRoute.Kind.NONE, r.kind());
        assertEquals(List.of("opkg update && opkg install fdisk"), r.commands());
    }
}
