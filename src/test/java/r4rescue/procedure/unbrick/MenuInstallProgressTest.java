package r4rescue.procedure.unbrick;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import r4rescue.board.Boards;
import r4rescue.procedure.core.Progress;
import r4rescue.procedure.steps.Cancellation;
import r4rescue.procedure.steps.CancelledException;
import r4rescue.procedure.steps.Commands;
import r4rescue.procedure.steps.StepListener;
import r4rescue.protocol.uboot.UBootException;
import r4rescue.protocol.uboot.UBootSession;

/** The card's menu install on the simulator: progress from the board's words, and Cancel into a plainly stated state. */
@Tag("sim")
class MenuInstallProgressTest {

    private final List<Progress> reports = new CopyOnWriteArrayList<>();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final StepListener listener = new StepListener() {
        @Override
        public void progress(Progress p) {
            reports.add(p);
        }

        @Override
        public void command(String line) {
            sent.add(line);
        }
    };

    @Test
    void pacedInstallShowsRateAndTimeLeftEndingAtTheRealTotal() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt@paced@off", listener)) {
            UBootSession s = d.bootFromSd();
            var checks = d.installFromCard(s, -1, -1);
            assertTrue(checks.stream().allMatch(MenuInstall.Check::ok), checks.toString());
        }
        assertTrue(reports.size() >= 5, "reports: " + reports.size());
        Progress last = reports.get(reports.size() - 1);
        assertEquals(1.0, last.fraction());
        assertFalse(last.estimate());
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i).done() >= reports.get(i - 1).done() || reports.get(i).total() != reports.get(i - 1).total(),
                    "done only grows while the total stands: " + reports.get(i - 1) + " → " + reports.get(i));
        }
        Progress mid = reports.stream().filter(p -> p.fraction() > 0.3 && p.fraction() < 0.9).findFirst().orElseThrow();
        assertTrue(mid.secondsLeft() > 0 && mid.bytesPerSecond() > 0, mid.toString());
        assertTrue(mid.text().contains("KiB/s · about"), mid.text());
        // The board named the sizes: the last total is what it read and wrote, not the typical guess.
        assertNotEquals(reports.get(0).total(), last.total());
        System.out.printf(Locale.ROOT, "menu_install_paced %.1f s%nmenu_install_bytes %d bytes%n", last.elapsedMs() / 1000.0, last.total());
        for (double at : new double[] {0.1, 0.5, 0.9}) {
            reports.stream().filter(p -> p.fraction() >= at).findFirst()
                    .ifPresent(p -> System.out.printf(Locale.ROOT, "at %.1f s: %s%n", p.elapsedMs() / 1000.0, p.text()));
        }
    }

    @Test
    void cancelMidInstallSaysTheBoardCarriesOnAndRunningAgainWaitsAndVerifies() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt@paced@off", listener)) {
            UBootSession s = d.bootFromSd();
            MenuInstall m = new MenuInstall(Boards.R4);
            ExecutionException e = cancelOnceBytesMove(m, s);
            assertInstanceOf(CancelledException.class, e.getCause());
            String safe = e.getCause().getMessage();
            assertTrue(safe.contains("carries on by itself") && safe.contains("the SD card still boots"), safe);
            int menusOpened = (int) sent.stream().filter(l -> l.equals("bootmenu -1")).count();

            // Run again: it waits for the running install to end instead of starting another, then verifies.
            Commands again = new Commands(s, listener, new Cancellation());
            String text = m.install(again, -1, -1);
            assertTrue(text.contains("Installation to NAND completed"), text);
            assertEquals(menusOpened, sent.stream().filter(l -> l.equals("bootmenu -1")).count(), "no second install started");
            var checks = m.verify(again, -1, -1);
            assertTrue(checks.stream().allMatch(MenuInstall.Check::ok), checks.toString());
            s.close();
            assertEquals("SPI-NAND", d.bootFromNand().bootDevice());
        }
    }

    @Test
    @Timeout(90) // without the restart check this waits out the install's 20 minutes
    void runningAgainAfterAPowerCycleSaysTheBoardRestartedInsteadOfWaiting() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt@paced@off", listener)) {
            UBootSession s = d.bootFromSd();
            MenuInstall m = new MenuInstall(Boards.R4);
            cancelOnceBytesMove(m, s);
            d.board.powerCycle(); // the user switched off instead of waiting

            long rerun = System.currentTimeMillis();
            UBootException e = assertThrows(UBootException.class, () -> m.install(new Commands(s, listener, new Cancellation()), -1, -1));
            assertTrue(e.getMessage().contains("restarted before the install ended")
                    && e.getMessage().contains("Power on from the SD card"), e.getMessage());
            assertTrue(System.currentTimeMillis() - rerun < 15_000, "told at once, not after the install's 20-minute wait");
        }
    }

    /** Starts the card's install on another thread, cancels it once the bar shows bytes moved, and returns how it ended. */
    private ExecutionException cancelOnceBytesMove(MenuInstall m, UBootSession s) throws InterruptedException {
        Cancellation cancel = new Cancellation();
        CompletableFuture<String> run = CompletableFuture.supplyAsync(() -> {
            try {
                return m.install(new Commands(s, listener, cancel), -1, -1);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        long t0 = System.currentTimeMillis();
        while (reports.stream().noneMatch(p -> p.done() > 0) && System.currentTimeMillis() - t0 < 20_000) {
            Thread.sleep(20);
        }
        cancel.cancel();
        return assertThrows(ExecutionException.class, run::get);
    }
}
