package r4rescue.face.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Passes whole lines to a shared writer with a prefix in front of each, so the output of several
 * boards running at once interleaves by line, never within one; also keeps what passed for the
 * caller ({@code each} reads a run's JSON result and last message from it).
 */
final class PrefixWriter extends Writer {

    private final String prefix;
    private final PrintWriter target;
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder all = new StringBuilder();

    PrefixWriter(String prefix, PrintWriter target) {
        this.prefix = prefix;
        this.target = target;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
        all.append(buf, off, len);
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (c == '\n') {
                emit();
            } else if (c != '\r') {
                line.append(c);
            }
        }
    }

    private void emit() {
        synchronized (target) {
            target.println(prefix + line);
            target.flush();
        }
        line.setLength(0);
    }

    /** Everything written so far. */
    synchronized String text() {
        return all.toString();
    }

    @Override
    public synchronized void flush() {
        // lines go out as they end; a partial line waits for its end or for close
    }

    @Override
    public synchronized void close() {
        if (!line.isEmpty()) {
            emit();
        }
    }
}
