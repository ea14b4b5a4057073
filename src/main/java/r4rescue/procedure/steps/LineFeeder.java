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

    LineFeeder(BiConsumer<String, Long> sink) {
        this.sink = sink;
    }

    @Override
    public void onBytes(byte[] chunk) {
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
