package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Upgrades with the root on the SSD (#21 item 4), end to end against the simulated board. */
@Tag("sim")
class SimNvmeUpgradeTest {

    private final CliRun cli = new CliRun();

    @Test
    void afterReportsAKernelWhoseModulesAreNotOnTheSsdRoot() {
        long t0 = System.nanoTime();
        assertEquals(MainCommand.BOARD_SAID_NO, cli.run("backup", "--after", "-p", "sim:nvme-upgraded"), cli.err());
        assertTrue(cli.out().contains("The NVMe root survived"), cli.out());
        assertTrue(cli.out().contains("The running kernel is 6.6.93, but the root has modules only for: 6.6.86 (no /lib/modules/6.6.93)"), cli.out());
        assertTrue(cli.out().contains("r4-rescue upgrade"), "says what to do: " + cli.out());
        System.out.printf("cli-after-modules-sim %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void afterOnAMatchingBoardSaysTheModulesAreThere() {
        assertEquals(MainCommand.OK, cli.run("backup", "--after", "-p", "sim:nvme-root"), cli.err());
        assertTrue(cli.out().contains("The kernel 6.6.86 has its modules"), cli.out());
    }
}
