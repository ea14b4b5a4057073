package r4rescue.protocol.uboot;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import r4rescue.console.Console;
import r4rescue.console.Tap;
import r4rescue.link.PipeLink;

/** The prompt is learned from what answers Ctrl-C, never from a boot log still streaming. */
@Tag("unit")
class LearnPromptTest {

    @Test
    void bl2LinesStillArrivingAreNotAPrompt() throws Exception {
        ScheduledExecutorService far = Executors.newSingleThreadScheduledExecutor();
        PipeLink[] link = new PipeLink[1];
        link[0] = new PipeLink("bl2", 115200, (d, o, l) -> { });
        byte[] log = "NOTICE:  BL2: v2.10.0   (release):OpenWrt\r\nNOTICE:  EMI: Using DDR4 settings\r\n"
                .repeat(200).getBytes(StandardCharsets.US_ASCII);
        AtomicInteger at = new AtomicInteger();
        try (Console c = new Console(link[0]); Tap tap = c.tap()) {
            c.open();
            // 23 bytes every 2 ms (about 115200 baud), so reads end mid-line, "NOTICE:  EMI" and the like.
            far.scheduleAtFixedRate(() -> {
                int from = at.getAndAdd(23) % (log.length - 23);
                link[0].deliver(log, from, 23);
            }, 0, 2, TimeUnit.MILLISECONDS);
            for (int i = 0; i < 3; i++) {
                assertNull(TakeHold.learnPrompt(c, tap));
            }
        } finally {
            far.shutdownNow();
        }
    }

    @Test
    void thePromptThatAnswersCtrlCIsLearned() throws Exception {
        PipeLink[] link = new PipeLink[1];
        link[0] = new PipeLink("uboot", 115200, (d, o, l) -> {
            if (d[o] == 3) {
                byte[] a = "<INTERRUPT>\r\nMT7988> ".getBytes(StandardCharsets.US_ASCII);
                link[0].deliver(a, 0, a.length);
            }
        });
        try (Console c = new Console(link[0]); Tap tap = c.tap()) {
            c.open();
            assertEquals("MT7988> ", TakeHold.learnPrompt(c, tap));
        }
    }
}
