package r4rescue.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.link.LinkException;
import r4rescue.link.LinkState;

/**
 * A blocking reader of the console stream from the moment it was made, for protocols
 * (U-Boot, YMODEM, shell). Reads fail with {@link LinkException} once the link is gone and
 * everything received before was consumed.
 */
public final class Tap implements Console.Subscriber, AutoCloseable {

    private static final byte[] WAKE = new byte[0];

    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final Consumer<Tap> onClose;
    private byte[] current = WAKE;
    private int pos;
    private volatile LinkState linkState = LinkState.OPEN;
    private volatile String linkDetail;

    Tap(Consumer<Tap> onClose) {
        this.onClose = onClose;
    }

    @Override
    public void offer(byte[] chunk) {
        queue.add(chunk);
    }

    @Override
    public void state(LinkState state, String detail) {
        linkState = state;
        linkDetail = detail;
        queue.add(WAKE);
    }

    /** Next byte (0..255), or -1 if nothing came within {@code timeoutMs}. */
    public int read(long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (pos >= current.length) {
            long left = deadline - System.nanoTime();
            byte[] next = left <= 0 ? queue.poll() : poll(left);
            if (next == null) {
                checkLink();
                return -1;
            }
            current = next;
            pos = 0;
            if (next.length == 0) {
                checkLink();
            }
        }
        return current[pos++] & 0xff;
    }

    /** Reads what is available into {@code buf}, waiting up to {@code timeoutMs} for the first byte; 0 on timeout. */
    public int read(byte[] buf, int off, int len, long timeoutMs) throws IOException {
        int first = read(timeoutMs);
        if (first < 0) {
            return 0;
        }
        buf[off] = (byte) first;
        int n = 1;
        while (n < len) {
            if (pos >= current.length) {
                byte[] next = queue.peek();
                if (next == null || next.length == 0) {
                    break;
                }
                current = queue.poll();
                pos = 0;
            }
            int take = Math.min(len - n, current.length - pos);
            System.arraycopy(current, pos, buf, off + n, take);
            pos += take;
            n += take;
        }
        return n;
    }

    /**
     * Reads text until {@code pattern} is found, or until the timeout. The match must lie within
     * one line (it may be an unfinished line, such as a prompt): each search starts at the
     * beginning of the line that was last being read, which keeps long outputs linear. Returns
     * everything read including the match, or null on timeout (what was read is then consumed).
     */
    public Match readUntil(Pattern pattern, long timeoutMs) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        StringBuilder text = new StringBuilder();
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(8192);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(8192);
        byte[] buf = new byte[4096];
        int lineStart = 0;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            int n = read(buf, 0, buf.length, left);
            if (n == 0) {
                return null;
            }
            in.put(buf, 0, n).flip();
            decoder.decode(in, out, false);
            in.compact();
            out.flip();
            text.append(out);
            out.clear();
            Matcher m = pattern.matcher(text);
            if (m.find(lineStart)) {
                // Give back what came after the match, so the next read sees it.
                String all = text.toString();
                String rest = all.substring(m.end());
                byte[] restBytes = rest.getBytes(StandardCharsets.UTF_8);
                byte[] pendingBytes = new byte[in.position()];
                in.flip();
                in.get(pendingBytes);
                pushBack(concat(restBytes, pendingBytes));
                return new Match(all.substring(0, m.end()), m.toMatchResult());
            }
            int nl = text.lastIndexOf("\n");
            lineStart = Math.max(lineStart, nl + 1);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Puts bytes back in front of what is still unread. */
    private void pushBack(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        int remaining = current.length - pos;
        byte[] merged = new byte[bytes.length + remaining];
        System.arraycopy(bytes, 0, merged, 0, bytes.length);
        System.arraycopy(current, pos, merged, bytes.length, remaining);
        current = merged;
        pos = 0;
    }

    /** Discards what has arrived so far. */
    public void drain() {
        queue.clear();
        current = WAKE;
        pos = 0;
    }

    private byte[] poll(long nanos) throws IOException {
        try {
            return queue.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("cancelled");
        }
    }

    private void checkLink() throws LinkException {
        LinkState s = linkState;
        if (s == LinkState.DISCONNECTED || s == LinkState.CLOSED || s == LinkState.RECONNECTING) {
            if (queue.isEmpty()) {
                String why = linkDetail == null ? "" : " (" + linkDetail + ")";
                throw new LinkException(LinkException.Reason.DISCONNECTED,
                        "The serial link is " + s.name().toLowerCase() + why, "Check the adapter and cable");
            }
        }
    }

    @Override
    public void close() {
        onClose.accept(this);
    }

    /** Text read by {@link #readUntil} and the match in it. */
    public record Match(String text, java.util.regex.MatchResult result) {
        public String before() {
            return text.substring(0, result.start());
        }

        public String group(int i) {
            return result.group(i);
        }
    }
}
