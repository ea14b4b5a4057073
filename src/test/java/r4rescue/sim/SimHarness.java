package r4rescue.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.link.LinkListener;
import r4rescue.link.PipeLink;
import r4rescue.sim.state.SimState;

/** A simulated board on a PipeLink with everything it prints collected, for tests. */
final class SimHarness implements AutoCloseable {

    final SimBoard board;
    final PipeLink link;
    private final StringBuilder out = new StringBuilder();
    private int mark;

    SimHarness(String scenario) throws IOException {
        this(ScenarioBuilder.load(scenario));
    }

    SimHarness(SimState state) throws IOException {
        board = new SimBoard(state);
        board.setTimeScale(0);
        link = new PipeLink("test", 115200, board);
        board.attach(link);
        link.open(new LinkListener() {
            @Override
            public void onBytes(byte[] data, int offset, int length) {
                synchronized (out) {
                    out.append(new String(data, offset, length, StandardCharsets.ISO_8859_1));
                    out.notifyAll();
                }
            }
        });
    }

    String output() {
        synchronized (out) {
            return out.toString();
        }
    }

    /** Output since the last {@link #expect} match. */
    String recent() {
        synchronized (out) {
            return out.substring(mark);
        }
    }

    /** Waits until {@code regex} appears after the last match; returns the text up to and including it. */
    String expect(String regex, long timeoutMs) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long end = System.currentTimeMillis() + timeoutMs;
        synchronized (out) {
            while (true) {
                Matcher m = p.matcher(out);
                if (m.find(mark)) {
                    String s = out.substring(mark, m.end());
                    mark = m.end();
                    return s;
                }
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no /" + regex + "/ within " + timeoutMs + " ms; output after mark:\n" + out.substring(mark));
                }
                out.wait(left);
            }
        }
    }

    String expect(String regex) throws InterruptedException {
        return expect(regex, 10_000);
    }

    void send(String s) throws IOException {
        link.write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Powers on with a key already waiting, so U-Boot stops at its prompt. */
    void bootToPrompt() throws Exception {
        long floor = board.countdownFloorMs();
        board.setCountdownFloorMs(3000); // if the key loses the race with autoboot, the menu countdown waits for it
        board.powerOn();
        send("\u0003");
        expect("MT7988> ");
        board.setCountdownFloorMs(floor);
    }

    /**
     * Keeps sending Ctrl-C, as a driver would, until U-Boot's prompt shows. Set a countdown floor
     * before the reset, or the board may boot through at time scale 0 before the first key.
     */
    void interruptToPrompt() throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            send("\u0003");
            try {
                expect("MT7988> ", 20);
                board.setCountdownFloorMs(0);
                return;
            } catch (AssertionError e) {
                // not yet
            }
        }
        throw new AssertionError("no U-Boot prompt:\n" + recent());
    }

    /** Sends a command line to U-Boot and returns what it printed before the next prompt. */
    String uboot(String cmd) throws Exception {
        send(cmd + "\r");
        String s = expect("\r\nMT7988> ");
        return s.substring(Math.min(s.length(), cmd.length() + 2), s.length() - "\r\nMT7988> ".length() + 2);
    }

    /** Sends a shell command and returns its output (without the echo and the next prompt). */
    String sh(String cmd) throws Exception {
        send(cmd + "\r");
        String s = expect("root@OpenWrt:[^#]*# ");
        int start = cmd.length() + 2;
        int end = s.lastIndexOf("root@OpenWrt:");
        return start <= end ? s.substring(start, end) : "";
    }

    @Override
    public void close() {
        board.powerOff();
        link.close();
    }
}
