package r4rescue.protocol.uboot;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import r4rescue.console.Tap;
import r4rescue.link.Link;
import r4rescue.protocol.ymodem.YmodemException;
import r4rescue.protocol.ymodem.YmodemLine;
import r4rescue.protocol.ymodem.YmodemSender;
import r4rescue.util.Hex;

/**
 * {@code loady ADDR [BAUD]}, the YMODEM transfer, then U-Boot's {@code crc32} over {@code ${filesize}}
 * compared with the host's CRC-32. With a faster rate it follows U-Boot's switch
 * ({@code ## Switch baudrate to N bps and press ENTER ...}, and back with ESC) and falls back to the
 * normal rate if the fast one fails.
 */
final class SerialLoad {

    private static final Pattern READY = Pattern.compile("## Ready for binary \\(ymodem\\) download|R4=[^=\\r\\n]*=");
    private static final Pattern SWITCH_UP = Pattern.compile("## Switch baudrate to (\\d+) bps and press ENTER|R4=[^=\\r\\n]*=");
    private static final Pattern SWITCH_BACK = Pattern.compile("## Switch baudrate to (\\d+) bps and press ESC");
    private static final Pattern TOTAL = Pattern.compile("## Total Size\\s*=\\s*0x([0-9a-fA-F]+)\\s*=\\s*(\\d+) Bytes");
    private static final byte[] ABORT = {0x18, 0x18, 0x18, 0x18, 0x18, 0x18, 0x18, 0x18};

    private final UBootSession s;
    private final LoadOptions o;

    SerialLoad(UBootSession session, LoadOptions options) {
        this.s = session;
        this.o = options;
    }

    LoadResult load(String name, byte[] data) throws IOException {
        long addr = address();
        CRC32 crc = new CRC32();
        crc.update(data);
        long hostCrc = crc.getValue();
        Link link = s.console().link();
        int normal = link.baud();
        String note = "";
        long t0 = System.nanoTime();
        YmodemSender.Result sent = null;
        int baud = normal;
        if (o.fastBaud() > 0 && o.fastBaud() != normal) {
            try {
                sent = transfer(addr, o.fastBaud(), name, data);
                baud = o.fastBaud();
            } catch (YmodemException | NoAnswerException e) {
                note = "Gave up " + o.fastBaud() + " bps (" + e.getMessage() + "); sent at " + normal + " bps.";
                recover(normal);
            }
        }
        if (sent == null) {
            sent = transfer(addr, 0, name, data);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long boardCrc = s.crc32(UBootSession.hex(addr), "${filesize}");
        if (boardCrc != hostCrc) {
            throw new UBootException(String.format("CRC mismatch after loading %s to 0x%x: board %08x, host %08x",
                    name, addr, boardCrc, hostCrc));
        }
        return new LoadResult(addr, data.length, hostCrc, boardCrc, millis, baud, sent.retransmits(), note);
    }

    private long address() throws IOException {
        if (o.address() != null) {
            return o.address();
        }
        String env = s.getenv("loadaddr").orElse(null);
        return env == null ? o.fallbackAddress() : Hex.parse(env);
    }

    private YmodemSender.Result transfer(long addr, int baud, String name, byte[] data) throws IOException {
        String cmd = "loady " + UBootSession.hex(addr) + (baud > 0 ? " " + baud : "");
        UBootSession.Pending p = s.begin(cmd);
        Tap tap = s.tap();
        Link link = s.console().link();
        int normal = link.baud();
        if (baud > 0) {
            Tap.Match up = tap.readUntil(SWITCH_UP, 5_000);
            if (up == null || up.group(1) == null) {
                throw new UBootException("loady did not offer to switch to " + baud + " bps"
                        + (up == null ? "" : ": " + up.before().strip()));
            }
            link.setBaud(baud);
        }
        Tap.Match ready = baud > 0 ? pressEnterUntilReady(tap) : tap.readUntil(READY, 10_000);
        if (ready == null && baud > 0) {
            throw new NoAnswerException("no answer from the board at " + baud + " bps");
        }
        if (ready == null || !ready.text().contains("## Ready")) {
            String said = ready == null ? "nothing" : ready.before().strip();
            throw new UBootException("'" + cmd + "' did not start a YMODEM download: " + said);
        }
        YmodemSender sender = new YmodemSender(YmodemLine.of(tap, s.console()))
                .startTimeout(baud > 0 ? Duration.ofSeconds(5) : o.startTimeout())
                .crcAfterHeader(Duration.ZERO);
        sender.onProgress(pr -> {
            o.progress().accept(pr);
            if (o.cancelled().getAsBoolean()) {
                sender.cancel();
            }
        });
        YmodemSender.Result r = sender.send(name, data, 0);
        // At a fast rate U-Boot prints its "Total Size" line before the switch back, so it is read here.
        String beforeSwitchBack = "";
        if (baud > 0) {
            Tap.Match back = tap.readUntil(SWITCH_BACK, 10_000);
            if (back == null) {
                throw new NoAnswerException("U-Boot did not switch back from " + baud + " bps after the transfer");
            }
            beforeSwitchBack = back.text();
            link.setBaud(normal);
            sleep(100);
            s.console().send(new byte[] {TakeHold.ESC});
        }
        CommandResult done = s.finish(p.echoConsumed(), Duration.ofSeconds(15));
        Matcher total = TOTAL.matcher(beforeSwitchBack + done.output());
        if (!done.ok() || !total.find()) {
            throw new UBootException("'" + cmd + "' failed: " + (done.ok() ? "no '## Total Size' line" : done.failure()), done);
        }
        long size = Long.parseLong(total.group(2));
        if (size != data.length) {
            throw new UBootException("U-Boot received " + size + " bytes, the file has " + data.length, done);
        }
        return r;
    }

    /**
     * U-Boot waits about 100 ms, drops what it received and switches its UART before it reads the
     * ENTER; so Enter is pressed a few times until the download starts.
     */
    private Tap.Match pressEnterUntilReady(Tap tap) throws IOException {
        for (int i = 0; i < 12; i++) {
            sleep(250);
            s.console().send("\r");
            Tap.Match m = tap.readUntil(READY, 500);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /** After a failed fast transfer: abort U-Boot's receive, go back to the normal rate and answer with ESC. */
    private void recover(int normal) throws IOException {
        Link link = s.console().link();
        s.console().send("\r");
        sleep(200);
        s.console().send(ABORT);
        sleep(1_000);
        link.setBaud(normal);
        long until = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < until) {
            s.console().send(new byte[] {TakeHold.ESC});
            if (s.tap().readUntil(Pattern.compile(Pattern.quote(s.prompt())), 500) != null) {
                sleep(300);
                s.tap().drain();
                return;
            }
        }
        throw new NoAnswerException("U-Boot did not come back to " + normal + " bps after the failed fast transfer;"
                + " power-cycle the board");
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("cancelled");
        }
    }
}
