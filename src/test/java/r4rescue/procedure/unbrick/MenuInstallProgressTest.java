package r4rescue.procedure.unbrick;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import r4rescue.board.Boards;
import r4rescue.procedure.core.BoardState;
import r4rescue.procedure.core.Cancel;
import r4rescue.procedure.core.Event;
import r4rescue.procedure.core.Procedure;
import r4rescue.procedure.core.Progress;
import r4rescue.procedure.core.Stopped;
import r4rescue.protocol.uboot.UBootSession;

/** The card's menu install on the simulator: progress from the board's words, and Cancel into a plainly stated state. */
@Tag("sim")
class MenuInstallProgressTest {

    private final List<Progress> reports = new CopyOnWriteArrayList<>();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Consumer<Event> listener = e -> {
        if (e.kind() == Event.Kind.PROGRESS) {
            reports.add(e.progress());
        } else if (e.kind() == Event.Kind.COMMAND) {
            sent.add(e.message());
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

    /** One Cancel while U-Boot writes is not a stop: the install is watched to its end and verified, never abandoned. */
    @Test
    void oneCancelMidInstallLetsItFinishAndVerify() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt@paced@off", listener)) {
            UBootSession s = d.bootFromSd();
            MenuInstall m = new MenuInstall(Boards.R4);
            Cancel cancel = new Cancel();
            Procedure p = d.procedure(cancel);
            CompletableFuture<String> run = install(m, s, p);
            awaitBytesMoving();
            cancel.request();
            assertTrue(run.get().contains("bytes written to volume emmc_install"));
            var checks = m.verify(s, p, -1, -1);
            assertTrue(checks.stream().allMatch(MenuInstall.Check::ok), checks.toString());
            assertEquals(BoardState.Kind.VERIFIED, p.state().kind());
            Stopped stop = assertThrows(Stopped.class, p::checkpoint, "stops at the first safe point after the verify");
            assertEquals(Stopped.Kind.CANCELLED, stop.kind());
        }
    }

    @Test
    void aSecondCancelMidInstallSaysTheBoardCarriesOnAndRunningAgainWaitsAndVerifies() throws Exception {
        try (SdUnbrickDriver d = new SdUnbrickDriver("sim:bl2-corrupt@paced@off", listener)) {
            UBootSession s = d.bootFromSd();
            MenuInstall m = new MenuInstall(Boards.R4);
            Stopped e = abortOnceBytesMove(d, m, s);
            assertEquals(Stopped.Kind.CANCELLED, e.kind());
            assertEquals(BoardState.Kind.DAMAGED, e.state().kind());
            String safe = e.getMessage();
            assertTrue(safe.contains("carries on by itself") && safe.contains("the SD card still boots"), safe);
            int menusOpened = (int) sent.stream().filter(l -> l.equals("bootmenu -1")).count();

            // Run again: it waits for the running install to end instead of starting another, then verifies.
            Procedure again = d.procedure();
            String text = m.install(s, again, -1, -1);
            assertTrue(text.contains("bytes written to volume emmc_install"), text);
            assertEquals(menusOpened, sent.stream().filter(l -> l.equals("bootmenu -1")).count(), "no second install started");
            var checks = m.verify(s, again, -1, -1);
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
            abortOnceBytesMove(d, m, s);
            d.board.powerCycle(); // the user switched off instead of waiting

            long rerun = System.currentTimeMillis();
            Stopped e = assertThrows(Stopped.class, () -> m.install(s, d.procedure(), -1, -1));
            assertTrue(e.getMessage().contains("restarted before the install ended")
                    && e.getMessage().contains("Power on from the SD card"), e.getMessage());
            assertTrue(System.currentTimeMillis() - rerun < 15_000, "told at once, not after the install's 20-minute wait");
        }
    }

    private static CompletableFuture<String> install(MenuInstall m, UBootSession s, Procedure p) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return m.install(s, p, -1, -1);
            } catch (Stopped e) {
                throw new CompletionException(e);
            }
        });
    }

    private void awaitBytesMoving() throws InterruptedException {
        long t0 = System.currentTimeMillis();
        while (reports.stream().noneMatch(p -> p.done() > 0) && System.currentTimeMillis() - t0 < 20_000) {
            Thread.sleep(20);
        }
    }

    /** Starts the card's install on another thread, cancels it twice once the bar shows bytes moved, and returns the stop. */
    private Stopped abortOnceBytesMove(SdUnbrickDriver d, MenuInstall m, UBootSession s) throws InterruptedException {
        Cancel cancel = new Cancel();
        CompletableFuture<String> run = install(m, s, d.procedure(cancel));
        awaitBytesMoving();
        cancel.request();
        cancel.request();
        ExecutionException e = assertThrows(ExecutionException.class, run::get);
        return assertInstanceOf(Stopped.class, e.getCause());
    }
}
