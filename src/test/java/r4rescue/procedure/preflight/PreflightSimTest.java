package r4rescue.procedure.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.console.Console;
import r4rescue.link.BenchControls;
import r4rescue.link.Link;
import r4rescue.link.Links;
import r4rescue.link.PipeLink;

/** Pre-flight against the simulated board, and an adapter that cannot do the fast rate. */
@Tag("sim")
class PreflightSimTest {

    @Test
    void theSimulatedBoardPoweredOnIsReadyAndOffIsSilent() throws Exception {
        try (Console c = new Console(Links.create("sim:healthy-nand@off", 115200))) {
            c.open();
            BenchControls bench = c.link().bench().orElseThrow();
            assertEquals(Verdict.SILENCE, new Preflight(c).listen(() -> { }, 300, 100).verdict());
            AdapterFinding f = new Preflight(c).listen(bench::powerOn, 5000, 500);
            assertEquals(Verdict.GOOD_TEXT, f.verdict(), f.line());
        }
    }

    /** A bridged adapter whose fast rate drops every other byte, as a slow chip does. */
    @Test
    void anAdapterThatFailsAtTheFastRate() throws Exception {
        PipeLink[] self = new PipeLink[1];
        PipeLink link = new PipeLink("bridged", 115200, (data, off, len) -> {
            int baud = self[0].baud();
            byte[] back = new byte[baud > 460800 ? len / 2 : len];
            for (int i = 0; i < back.length; i++) {
                back[i] = data[off + (baud > 460800 ? 2 * i : i)];
            }
            new Thread(() -> self[0].deliver(back, 0, back.length)).start();
        });
        self[0] = link;
        try (Console c = new Console(link)) {
            c.open();
            AdapterFinding f = new Preflight(c).loopback(300);
            assertEquals(Verdict.FAST_RATE_FAILS, f.verdict(), f.line());
            assertEquals(115200, link.baud(), "the rate is put back");
        }
    }

    @Test
    void aDeadAdapterAtTheConsoleRate() throws Exception {
        Link dead = new PipeLink("dead", 115200, (data, off, len) -> { });
        try (Console c = new Console(dead)) {
            c.open();
            assertEquals(Verdict.LOOPBACK_DEAD, new Preflight(c).loopback(200).verdict());
        }
    }
}
