package r4rescue.procedure.steps;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

import r4rescue.console.ByteSink;

/** Cuts the console's bytes into lines (LF ends a line, CR dropped) with their arrival time. */
final class LineFeeder implements ByteSink {

    private static final int MAX_LINE = 4096;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final BiConsumer<String, Long> sink;
    private volatile boolean dropPartial;

    LineFeeder(BiConsumer<String, Long> sink) {
        this.sink = sink;
    }

    /** Forgets the unfinished line (a prompt left on screen) so it does not prefix the next boot's first line. */
    void dropPartialLine() {
        dropPartial = true;
    }

    @Override
    public void onBytes(byte[] chunk) {
        if (dropPartial) {
            dropPartial = false;
            line.reset();
        }
        long now = System.currentTimeMillis();
        for (byte b : chunk) {
            if (b == '\n' || line.size() >= MAX_LINE) {
                sink.accept(line.toString(StandardCharsets.UTF_8), now);
                line.reset();
            } else if (b != '\r') {
                line.write(b);
            }
        }
    }
}
