package r4rescue.sim.linux;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A command's standard streams: stdin bytes (from a pipe, a file, a here-document, or read from
 * the console until Ctrl-D when there is none), stdout and stderr buffers.
 */
public final class Io {
    private byte[] stdin;
    private final Shell shell;
    public final ByteArrayOutputStream out = new ByteArrayOutputStream();
    public final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** True when stdout goes to the console (ls prints columns, etc.). */
    public final boolean tty;

    Io(Shell shell, byte[] stdin, boolean tty) {
        this.shell = shell;
        this.stdin = stdin;
        this.tty = tty;
    }

    public byte[] stdin() {
        if (stdin == null) {
            stdin = shell.readUntilEof();
        }
        return stdin;
    }

    public String stdinText() {
        return new String(stdin(), StandardCharsets.UTF_8);
    }

    public void print(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    public void println(String s) {
        print(s + "\n");
    }

    public void error(String s) {
        byte[] b = (s + "\n").getBytes(StandardCharsets.UTF_8);
        err.write(b, 0, b.length);
    }

    private int stdinPos;

    /**
     * Prints {@code prompt} and reads one answer: the next line of piped input when there is
     * some (as fdisk or mke2fs read a pipe), else a line typed on the console. Null at end of input.
     */
    public String askLine(String prompt) {
        if (stdin != null) {
            print(prompt);
            String all = stdinText();
            if (stdinPos >= all.length()) {
                return null;
            }
            int nl = all.indexOf('\n', stdinPos);
            String line = nl < 0 ? all.substring(stdinPos) : all.substring(stdinPos, nl);
            stdinPos = nl < 0 ? all.length() : nl + 1;
            println("");
            return line;
        }
        shell.flush(this);
        shell.board().print(prompt);
        return shell.readLine();
    }
}
