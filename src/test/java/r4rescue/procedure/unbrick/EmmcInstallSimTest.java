package r4rescue.procedure.unbrick;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.board.Boards;
import r4rescue.board.Medium;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Stopped;
import r4rescue.procedure.strategy.BootLogWatch;
import r4rescue.protocol.uboot.Partconf;
import r4rescue.protocol.uboot.UBootSession;
import r4rescue.sim.state.MmcDevice;

/**
 * The NAND menu's "Install bootloader, recovery and production to eMMC." on the simulated board
 * ({@code sim:emmc-blank}: NAND with the install copies, blank eMMC, BOOT_PARTITION_ENABLE 0) running
 * OpenWrt's own env scripts: driven, read back, PARTITION_CONFIG made to boot from boot0, and the
 * board then booting from the eMMC; with the faults each guard is there for.
 */
@Tag("sim")
class EmmcInstallSimTest {

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Consumer<Event> listener = e -> {
        if (e.kind() == Event.Kind.COMMAND) {
            sent.add(e.message());
        }
    };

    private static UBootSession nandPrompt(SdUnbrickDriver d) throws Stopped {
        return d.strategy.toUBoot(Medium.SNAND, d.procedure());
    }

    /** The NAND's U-Boot after the menu's eMMC install ran; close {@code s} before another boot. */
    private record Installed(UBootSession s, Procedure p, EmmcInstall e) {
        static Installed on(SdUnbrickDriver d) throws Exception {
            Installed i = new Installed(nandPrompt(d), d.procedure(), new EmmcInstall(Boards.R4));
            i.e().install(i.s(), i.p());
            return i;
        }
    }

    @Test
    void theEntryIsDrivenVerifiedAndTheEmmcBoots() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:emmc-blank", listener)) {
            EmmcInstall e = new EmmcInstall(Boards.R4);
            assertEquals("Install bootloader, recovery and production to eMMC.", e.entryTitle());
            Procedure p = d.procedure();
            long t0 = System.currentTimeMillis();
            try (UBootSession s = nandPrompt(d)) {
                e.install(s, p);
                assertTrue(sent.contains("bootmenu -1"), sent.toString());
                List<MenuInstall.Check> checks = e.verify(s, p, EmmcInstall.Host.NONE);
                assertEquals(3, checks.size(), checks.toString());
                assertTrue(checks.stream().allMatch(MenuInstall.Check::ok), checks.toString());
                assertEquals(BoardState.Kind.VERIFIED, p.state().kind(), p.state().toString());
                MmcDevice emmc = d.board.state().emmc;
                assertEquals(0, emmc.partitionAccess, "the user area is selected again after reading boot0");
                assertTrue(emmc.partition("production") != null, "the GPT written is the one U-Boot reads: " + emmc.partitions.size());
                Partconf conf = e.bootFromBoot0(s, p);
                assertTrue(conf.bootsFromBoot0(), conf.toString());
            }
            BootLogWatch.Seen seen = d.strategy.bootFrom(Medium.EMMC, d.procedure());
            assertEquals("EMMC", seen.bootDevice());
            System.out.println("eMMC install + read-back + eMMC boot on the simulator: " + (System.currentTimeMillis() - t0) + " ms");
        }
    }

    @Test
    void bootPartitionEnableZeroIsSetToBoot0AndReadBack() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:emmc-blank", listener)) {
            Installed i = Installed.on(d);
            // As found on boards that halt after an eMMC install: the data is there, the boot area not enabled.
            d.board.state().emmc.bootPartitionEnable = 0;
            sent.clear();
            Partconf conf = i.e().bootFromBoot0(i.s(), i.p());
            assertTrue(conf.bootsFromBoot0(), conf.toString());
            assertEquals(List.of("mmc partconf 0", "mmc partconf 0 1 1 0", "mmc partconf 0"), sent);
            assertEquals(1, d.board.state().emmc.bootPartitionEnable);
            i.s().close();
            assertEquals("EMMC", d.strategy.bootFrom(Medium.EMMC, d.procedure()).bootDevice());
        }
    }

    @Test
    void aBoot0ReadThatDoesNothingIsNotTakenForTheReadBack() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:emmc-blank", listener)) {
            Installed i = Installed.on(d);
            // boot0's BL2 goes bad, RAM at the read-back address holds the good BL2 (as after an earlier read),
            // and from now on 'mmc read' prints as usual but leaves RAM as it was.
            d.board.state().emmc.boot0.set(4096, 1, 0x00);
            byte[] good = d.board.state().nand.volumes.get("emmc_install").data.read(0, 0x80000);
            d.board.ram().write(0x54000000L - 0x40000000L, good);
            d.board.faults().ubootMmcReadWorksTimes = 0;
            List<MenuInstall.Check> checks = i.e().verify(i.s(), i.p(), EmmcInstall.Host.NONE);
            assertFalse(checks.get(0).ok(), "the old bytes in RAM do not pass for boot0: " + checks);
        }
    }

    @Test
    void aDamagedFipAndAnImageFileThatDiffersAreNamed() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:emmc-blank", listener)) {
            Installed i = Installed.on(d);
            long fip = Boards.R4.layout("openwrt-emmc").part("fip").offset();
            MmcDevice emmc = d.board.state().emmc;
            emmc.user.write(fip + 1000, new byte[] {(byte) ~emmc.user.read(fip + 1000, 1)[0]});
            List<MenuInstall.Check> checks = i.e().verify(i.s(), i.p(), new EmmcInstall.Host(1, 2, 3));
            assertEquals(List.of(false, false, false, true, false, true), checks.stream().map(MenuInstall.Check::ok).toList(),
                    checks.toString());
            assertTrue(checks.get(4).what().contains("fip"), checks.toString());
            assertNotEquals(BoardState.Kind.VERIFIED, i.p().state().kind());
        }
    }

    @Test
    void withoutTheInstallCopiesOnTheNandNothingIsPressed() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:healthy-nand", listener)) {
            Procedure p = d.procedure();
            try (UBootSession s = nandPrompt(d)) {
                Stopped x = assertThrows(Stopped.class, () -> new EmmcInstall(Boards.R4).install(s, p));
                assertTrue(x.getMessage().contains("emmc_install") && x.getMessage().contains("Nothing was written"), x.getMessage());
                assertEquals(BoardState.Kind.UNTOUCHED, x.state().kind());
                assertFalse(sent.contains("bootmenu -1"), sent.toString());
            }
        }
    }
}
