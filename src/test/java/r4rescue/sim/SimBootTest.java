package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("sim")
class SimBootTest {

    @Test
    void healthyNandBootsToShell() throws Exception {
        try (SimHarness h = new SimHarness("healthy-nand")) {
            h.board.powerOn();
            h.expect("F0: 102B 0000");
            h.expect("Jump to BL\r\n");
            h.expect("NOTICE:  BL2: v2.10.0   \\(release\\):OpenWrt v2024.01.17~bacca82a-3 \\(mt7988-spim-nand-ubi-comb\\)");
            h.expect("NOTICE:  BL2: Booting BL31");
            h.expect("U-Boot 2024.10-OpenWrt-r28597-0425664679");
            h.expect("Loading Environment from UBI... ");
            h.expect("\\( \\( \\( OpenWrt \\) \\) \\)  \\[SPI-NAND\\]");
            h.expect("Starting kernel ...");
            h.expect("Kernel command line: console=ttyS0,115200n1 pci=pcie_bus_perf root=/dev/fit0 rootwait ubi.block=0,fit");
            h.expect("VFS: Mounted root \\(squashfs filesystem\\) readonly on device 259:0\\.");
            h.expect("Please press Enter to activate this console.");
            h.send("\r");
            h.expect("root@OpenWrt:~# ");
            assertFalse(h.output().contains("Unknown command"), h.output());
            assertTrue(h.output().indexOf("Jump to BL") < h.output().indexOf("U-Boot 2024.10"));
        }
    }
}
