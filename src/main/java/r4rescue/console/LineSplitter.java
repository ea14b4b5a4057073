package r4rescue.console;

import java.util.function.BiConsumer;

/**
 * Cuts console output that arrives in pieces into lines for parsing, each with the time its last
 * piece arrived: LF ends a line, CR is dropped, a line longer than {@code maxLine} is cut there.
 * Bytes are decoded as UTF-8 across chunk boundaries ({@link TerminalDecoder}). Escape sequences
 * are kept (see {@link Ansi}); the display's line assembly, with terminal semantics, is
 * {@link LineAssembler}. Feed it from one thread.
 */
public final class LineSplitter implements ByteSink {

    private final int maxLine;
    private final BiConsumer<String, Long> sink;
    private final StringBuilder line = new StringBuilder();
    private final TerminalDecoder decoder = new TerminalDecoder();
    private volatile boolean dropPartial;

    /** {@code sink} gets each finished line and the time (ms) it ended. */
    public LineSplitter(int maxLine, BiConsumer<String, Long> sink) {
        this.maxLine = maxLine;
        this.sink = sink;
    }

    /** Bytes as they arrive from the console, timed now. */
    @Override
    public void onBytes(byte[] chunk) {
        int n = decoder.decode(chunk, 0, chunk.length);
        feed(java.nio.CharBuffer.wrap(decoder.chars(), 0, n), System.currentTimeMillis());
    }

    /** Text as it arrives (any chunking), at {@code nowMs}. */
    public void feed(CharSequence text, long nowMs) {
        if (dropPartial) {
            dropPartial = false;
            line.setLength(0);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                end(nowMs);
            } else if (c != '\r') {
                line.append(c);
                if (line.length() >= maxLine) {
                    end(nowMs);
                }
            }
        }
    }

    /** The unfinished line so far (a prompt, or a line still being written). */
    public CharSequence partial() {
        return line;
    }

    /**
     * Forgets the unfinished line at the next feed (a prompt left on screen must not prefix the next
     * boot's first line); callable from any thread.
     */
    public void dropPartial() {
        dropPartial = true;
    }

    private void end(long nowMs) {
        String l = line.toString();
        line.setLength(0);
        sink.accept(l, nowMs);
    }
}
