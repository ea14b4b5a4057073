package r4rescue.console.bootlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the user or the program runs at the U-Boot prompt is not the board booting on: U-Boot's
 * {@code version} prints the toolchain line "aarch64-openwrt-linux-musl-gcc (OpenWrt GCC …)", which the
 * kernel's banner also holds. Seen in the window after a power cycle: the timeline showed Linux live
 * while the board sat at the prompt.
 */
@Tag("unit")
class PromptCommandsTest {

    @Test
    void ubootsVersionCommandAfterAPowerCycleLeavesTheBoardInUBoot() {
        BootLogObserver o = new BootLogObserver();
        long t = 1_000;
        for (String l : List.of(
                "F0: 102B 0000", "Jump to BL",
                "NOTICE:  BL2: v2.10.0   (release):OpenWrt v2024.01.17~bacca82a-3 (mt7988-spim-nand-ubi-comb)",
                "NOTICE:  BL31: v2.10.0   (release):OpenWrt v2024.01.17~bacca82a-3 (mt7988-spim-nand-ubi-comb)",
                "U-Boot 2024.10-OpenWrt-r28597-0425664679 (Apr 13 2025 - 16:38:32 +0000)",
                "## Booting kernel from Legacy Image at 46000000 ...", "Starting kernel ...",
                "[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x411fd090]",
                "[    0.000000] Linux version 6.6.86 (builder@buildhost) (aarch64-openwrt-linux-musl-gcc (OpenWrt GCC 13.3.0 r28597-0425664679) 13.3.0, GNU ld (GNU Binutils) 2.42) #0 SMP Sun Apr 13 16:38:32 2025",
                "[    2.100000] Waiting for root device /dev/nvme0n1p1...",
                // power cycle: a new boot, stopped at the prompt, and `version` typed there
                "F0: 102B 0000", "Jump to BL",
                "NOTICE:  BL2: v2.10.0   (release):OpenWrt v2024.01.17~bacca82a-3 (mt7988-spim-nand-ubi-comb)",
                "NOTICE:  BL31: v2.10.0   (release):OpenWrt v2024.01.17~bacca82a-3 (mt7988-spim-nand-ubi-comb)",
                "U-Boot 2024.10-OpenWrt-r28597-0425664679 (Apr 13 2025 - 16:38:32 +0000)",
                "MT7988> version",
                "U-Boot 2024.10-OpenWrt-r28597-0425664679 (Apr 13 2025 - 16:38:32 +0000)",
                "",
                "aarch64-openwrt-linux-musl-gcc (OpenWrt GCC 13.3.0 r28597-0425664679) 13.3.0",
                "GNU ld (GNU Binutils) 2.42",
                "MT7988> ")) {
            o.accept(l, t += 20);
        }
        BootDiagnosis d = o.snapshot();
        assertEquals(Stage.UBOOT, d.lastStage(), d.timeline().toString());
        assertEquals(BootDiagnosis.Outcome.WAITING, d.outcome());
        assertEquals(List.of(TimelineSegment.State.PENDING, TimelineSegment.State.PENDING),
                d.timeline().subList(4, 6).stream().map(TimelineSegment::state).toList(), "Linux not reached in this boot");
        assertEquals(1, d.previousBoots().size());
        assertEquals(Stage.KERNEL, d.previousBoots().get(0).lastStage(), "the first boot stays reachable");
    }
}
