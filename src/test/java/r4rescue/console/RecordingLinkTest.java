package r4rescue.console;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import r4rescue.link.Link;
import r4rescue.link.PipeLink;

/**
 * A recorded session still shows its adapter: the faces look through the recorder to the link
 * beneath (the journal names a USB adapter by its serial, uartboot power-cycles a simulated board),
 * and what is sent lands in the steps file.
 */
@Tag("unit")
class RecordingLinkTest {

    @Test
    void theRecorderIsSeenThroughAndRecordsWhatIsSent(@TempDir Path dir) throws Exception {
        PipeLink pipe = new PipeLink("pipe:test", 115200, (d, o, n) -> { });
        SessionLog log = SessionLog.start(dir, "pipe:test");
        try (SessionSteps steps = SessionSteps.start(log)) {
            Link recorded = new RecordingLink(pipe, steps);
            assertSame(pipe, recorded.unwrapped());
            assertSame(pipe, pipe.unwrapped());
            recorded.open(new r4rescue.link.LinkListener() {
                @Override
                public void onBytes(byte[] data, int offset, int length) {
                }

                @Override
                public void onState(r4rescue.link.LinkState state, String detail) {
                }
            });
            recorded.write("printenv bootargs\r".getBytes(StandardCharsets.US_ASCII));
            recorded.close();
            assertTrue(Files.readString(steps.file()).contains("printenv bootargs"), Files.readString(steps.file()));
        }
        log.close();
    }
}
