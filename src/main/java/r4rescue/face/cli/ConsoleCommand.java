package r4rescue.face.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import r4rescue.console.ByteSink;
import r4rescue.console.Console;
import r4rescue.console.Subscription;
import r4rescue.link.LinkException;
import r4rescue.link.LinkState;
import r4rescue.util.Texts;

/** {@code console -p PORT}: a terminal on the board's console on stdin/stdout, like picocom or tio. */
@Command(name = "console", mixinStandardHelpOptions = true)
public final class ConsoleCommand implements Callable<Integer> {

    /** Ctrl-]: leaves the console, as in telnet, picocom and tio. */
    static final int EXIT_KEY = 0x1d;

    @Mixin
    PortOptions port;

    @Spec
    CommandSpec spec;

    /** Where keys come from and board output goes; replaceable for tests. */
    InputStream in = System.in;
    OutputStream out = System.out;

    @Override
    public Integer call() throws Exception {
        return port.withConsole(this::session);
    }

    private int session(Console console) throws IOException, InterruptedException {
        RawTerminal raw = in == System.in ? RawTerminal.enterIfTerminal() : null;
        String nl = raw == null ? "\n" : "\r\n";
        PrintWriter err = spec.commandLine().getErr();
        AtomicLong lastByte = new AtomicLong(System.nanoTime());
        Subscription shown = console.subscribe("stdout", new ByteSink() {
            @Override
            public void onBytes(byte[] chunk) {
                lastByte.set(System.nanoTime());
                try {
                    out.write(chunk);
                    out.flush();
                } catch (IOException e) {
                    // stdout closed: nothing to show it on
                }
            }

            @Override
            public void onState(LinkState state, String detail) {
                if (state != LinkState.CLOSED) {
                    note(err, nl, state.name().toLowerCase() + (detail == null ? "" : ": " + detail));
                }
            }
        });
        try {
            if (raw != null) {
                note(err, nl, Texts.t("cli.console.connected", console.link().describe(), console.link().baud()));
            }
            forward(console, raw != null, err, nl);
            if (raw == null) {
                long quietNanos = port.timeoutMillis(1000) * 1_000_000L;
                while (System.nanoTime() - lastByte.get() < quietNanos || shown.pendingBytes() > 0) {
                    Thread.sleep(20);
                }
            }
            return MainCommand.OK;
        } finally {
            shown.close();
            if (raw != null) {
                raw.close();
                err.println();
                err.flush();
            }
        }
    }

    /** Sends stdin to the board until Ctrl-] (terminal) or end of input (pipe). */
    private void forward(Console console, boolean terminal, PrintWriter err, String nl) throws IOException {
        byte[] buf = new byte[4096];
        boolean warned = false;
        int n;
        while ((n = in.read(buf)) >= 0) {
            int len = n;
            boolean leave = false;
            if (terminal) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == EXIT_KEY) {
                        len = i;
                        leave = true;
                        break;
                    }
                }
            }
            if (len > 0) {
                try {
                    console.link().write(buf, 0, len);
                    warned = false;
                } catch (LinkException e) {
                    if (e.reason() != LinkException.Reason.DISCONNECTED) {
                        throw e;
                    }
                    // Typing into an unplugged adapter: say so once, keep the session.
                    if (!warned) {
                        note(err, nl, Texts.t("cli.console.not-sent", e.getMessage()));
                        warned = true;
                    }
                }
            }
            if (leave) {
                return;
            }
        }
    }

    private static void note(PrintWriter err, String nl, String text) {
        err.print(nl + "[r4-rescue: " + text + "]" + nl);
        err.flush();
    }
}
