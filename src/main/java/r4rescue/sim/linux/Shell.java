package r4rescue.sim.linux;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import r4rescue.sim.SimBoard;
import r4rescue.sim.state.FileEntry;

/**
 * BusyBox ash on the serial console: prompt {@code root@OpenWrt:~# }, line editing echo, words
 * with quotes, {@code $VAR ${VAR} $? $(cmd)}, pipes, {@code && || ;}, redirections
 * {@code > >> < 2> 2>&1} and here-documents. Like ash it has no brace expansion. Unknown
 * programs answer {@code -ash: X: not found} with status 127.
 */
public final class Shell {

    /** Kernel messages that interrupt the console on a live router (the kernel-chatter fault). */
    private static final String[] CHATTER = {
        "mtk_soc_eth 15100000.ethernet wan: Link is Down",
        "mt7530-mdio mdio-bus:1f lan1: Link is Up - 1Gbps/Full - flow control rx/tx",
        "br-lan: port 1(lan1) entered forwarding state",
        "nvme nvme0: I/O tag 12 (100c) QID 2 timeout, completion polled",
    };

    private final SimBoard board;
    private final LinuxSystem sys;
    private final Map<String, ShellCommand> commands;

    public Shell(SimBoard board, LinuxSystem sys) {
        this.board = board;
        this.sys = sys;
        this.commands = Programs.all();
        sys.attach(this);
    }

    SimBoard board() {
        return board;
    }

    public void run() {
        board.event("shell");
        while (true) {
            board.print(prompt());
            String line = readLine();
            if (line == null) {
                continue;
            }
            List<String> heredocs = new ArrayList<>();
            for (String delim : ShellParser.heredocDelimiters(line)) {
                StringBuilder body = new StringBuilder();
                while (true) {
                    board.print("> ");
                    String l = readLine();
                    if (l == null) {
                        break;
                    }
                    if (l.equals(delim) || l.strip().equals(delim)) {
                        break;
                    }
                    body.append(l).append('\n');
                }
                heredocs.add(body.toString());
            }
            execute(line, heredocs, null);
        }
    }

    private String prompt() {
        String dir = sys.cwd.equals("/root") ? "~" : sys.cwd.startsWith("/root/") ? "~" + sys.cwd.substring(5) : sys.cwd;
        return board.text().text("linux", "prompt").replace("{cwd}", dir);
    }

    /** Runs a command line; output goes to the console, or into {@code capture} for $(...). */
    int execute(String line, List<String> heredocs, ByteArrayOutputStream capture) {
        List<ShellParser.AndOr> list;
        try {
            list = new ShellParser(line).parse(heredocs);
        } catch (ShellParser.SyntaxError e) {
            board.println("-ash: syntax error: " + e.getMessage());
            sys.lastStatus = 2;
            return 2;
        }
        for (ShellParser.AndOr ao : list) {
            int st = runPipeline(ao.pipelines().get(0), capture);
            for (int i = 1; i < ao.pipelines().size(); i++) {
                boolean and = ao.ops().get(i - 1).equals("&&");
                if ((and && st == 0) || (!and && st != 0)) {
                    st = runPipeline(ao.pipelines().get(i), capture);
                }
            }
            sys.lastStatus = st;
        }
        return sys.lastStatus;
    }

    private String expandVar(String name) {
        if (name.equals("?")) {
            return Integer.toString(sys.lastStatus);
        }
        if (name.equals("PWD")) {
            return sys.cwd;
        }
        return sys.vars.getOrDefault(name, "");
    }

    private String substitute(String inner) {
        ByteArrayOutputStream cap = new ByteArrayOutputStream();
        execute(inner, List.of(), cap);
        return new String(cap.toByteArray(), StandardCharsets.UTF_8).replaceAll("\n+$", "");
    }

    private int runPipeline(List<ShellParser.Simple> cmds, ByteArrayOutputStream capture) {
        byte[] pipe = null;
        int status = 0;
        for (int i = 0; i < cmds.size(); i++) {
            ShellParser.Simple c = cmds.get(i).expand(this::expandVar, this::substitute);
            boolean last = i == cmds.size() - 1;
            byte[] stdin = i == 0 ? null : pipe;
            if (c.stdinFile() != null) {
                FileEntry e = sys.lookup(sys.abs(c.stdinFile()));
                if (e == null) {
                    board.println("-ash: can't open '" + c.stdinFile() + "': No such file or directory");
                    return 1;
                }
                stdin = readFile(sys.abs(c.stdinFile()), e);
            }
            if (c.heredoc() != null) {
                stdin = c.heredoc().getBytes(StandardCharsets.UTF_8);
            }
            if (i == 0 && stdin == null && cmds.size() > 1) {
                stdin = null;
            }
            boolean toConsole = last && c.stdoutFile() == null && capture == null;
            Io io = new Io(this, stdin, toConsole);
            status = runOne(c.argv(), io);
            byte[] out = io.out.toByteArray();
            if (c.stderrToStdout()) {
                io.out.write(io.err.toByteArray(), 0, io.err.size());
                out = io.out.toByteArray();
            } else if (c.stderrFile() == null || !c.stderrFile().equals("/dev/null")) {
                writeConsole(io.err.toByteArray());
            }
            if (c.stdoutFile() != null) {
                String err = writeFile(c.stdoutFile(), out, c.append());
                if (err != null) {
                    board.println("-ash: can't create " + c.stdoutFile() + ": " + err);
                    status = 1;
                }
                pipe = new byte[0];
            } else if (!last) {
                pipe = out;
            } else if (capture != null) {
                capture.write(out, 0, out.length);
            } else {
                writeConsole(out);
            }
        }
        return status;
    }

    private int runOne(List<String> argv, Io io) {
        if (argv.isEmpty()) {
            return sys.lastStatus;
        }
        String name = argv.get(0);
        if (name.contains("=") && name.indexOf('=') > 0 && argv.size() == 1) {
            sys.vars.put(name.substring(0, name.indexOf('=')), name.substring(name.indexOf('=') + 1));
            return 0;
        }
        String base = name.contains("/") ? name.substring(name.lastIndexOf('/') + 1) : name;
        ShellCommand c = commands.get(base);
        if (c == null) {
            io.error("-ash: " + name + ": not found");
            return 127;
        }
        board.event("sh:" + base);
        return c.run(sys, argv, io);
    }

    byte[] readFile(String abs, FileEntry e) {
        byte[] v = sys.virtualFile(abs);
        return v != null ? v : e.bytes();
    }

    private String writeFile(String path, byte[] data, boolean append) {
        if (path.equals("/dev/null")) {
            return null;
        }
        if (path.equals("/dev/console") || path.equals("/dev/ttyS0")) {
            writeConsole(data);
            return null;
        }
        String abs = sys.abs(path);
        FileEntry old = sys.lookup(abs);
        if (old != null && old.kind == 'd') {
            return "Is a directory";
        }
        byte[] content = data;
        if (append && old != null) {
            byte[] prev = old.bytes();
            content = new byte[prev.length + data.length];
            System.arraycopy(prev, 0, content, 0, prev.length);
            System.arraycopy(data, 0, content, prev.length, data.length);
        }
        return sys.put(abs, FileEntry.file(content));
    }

    void flush(Io io) {
        writeConsole(io.out.toByteArray());
        io.out.reset();
        writeConsole(io.err.toByteArray());
        io.err.reset();
    }

    /** Writes program output to the console, with the tty's LF to CR LF translation. */
    void writeConsole(byte[] data) {
        if (data.length == 0) {
            return;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(data.length + 64);
        for (byte x : data) {
            if (x == '\n') {
                b.write('\r');
            }
            b.write(x);
        }
        board.write(b.toByteArray());
    }

    /**
     * Line editing as ash's: echo, backspace, Ctrl-C (returns null). Echo of input that arrives
     * in a burst (a pasted here-document) goes out in one write, as a tty would batch it.
     */
    String readLine() {
        StringBuilder b = new StringBuilder();
        StringBuilder echo = new StringBuilder();
        while (true) {
            if (echo.length() > 0 && !board.uart().hasInput()) {
                board.print(echo.toString());
                echo.setLength(0);
            }
            long chatter = board.faults().kernelChatterMs;
            int c = board.read(chatter > 0 ? chatter : 500); // wakes up to notice the chatter fault being switched on
            if (c < 0) {
                if (chatter > 0) {
                    sys.kernelLine(CHATTER[(int) (sys.uptime() * 7) % CHATTER.length]);
                }
                continue;
            }
            switch (c) {
                case '\r', '\n' -> {
                    board.print(echo + "\r\n");
                    return b.toString();
                }
                case 3 -> {
                    board.print(echo + "^C\r\n");
                    return null;
                }
                case 8, 127 -> {
                    if (b.length() > 0) {
                        b.setLength(b.length() - 1);
                        echo.append("\b \b");
                    }
                }
                case 27 -> {
                    int n = board.read(20);
                    if (n == '[' || n == 'O') {
                        board.read(20);
                    }
                }
                default -> {
                    if (c >= 32) {
                        b.append((char) c);
                        echo.append((char) c);
                    }
                }
            }
        }
    }

    /** Stdin from the console for a program run without input: lines until Ctrl-D. */
    byte[] readUntilEof() {
        StringBuilder all = new StringBuilder();
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = board.read(60_000);
            if (c < 0) {
                continue;
            }
            if (c == 4) {
                if (line.length() == 0) {
                    break;
                }
                all.append(line);
                line.setLength(0);
            } else if (c == '\r' || c == '\n') {
                board.print("\r\n");
                all.append(line).append('\n');
                line.setLength(0);
            } else if (c == 3) {
                board.print("^C\r\n");
                break;
            } else if (c >= 32) {
                line.append((char) c);
                board.print(String.valueOf((char) c));
            }
        }
        return all.toString().getBytes(StandardCharsets.UTF_8);
    }
}
