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
    private final Map<String, Program> commands;

    public Shell(SimBoard board, LinuxSystem sys) {
        this.board = board;
        this.sys = sys;
        this.commands = Programs.all();
        sys.attach(this);
    }

    boolean knows(String program) {
        return commands.containsKey(program);
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
        ShellParser.Node tree;
        try {
            tree = new ShellParser(line).parse(heredocs);
        } catch (ShellParser.SyntaxError e) {
            board.println("-ash: syntax error: " + e.getMessage());
            sys.lastStatus = 2;
            return 2;
        }
        return run(tree, new Ctx(null, capture, null));
    }

    /**
     * Where a command's streams go: {@code in} null reads the console (until Ctrl-D), {@code out}
     * null writes the console, {@code err} null writes the console ({@link #DISCARD} drops it).
     */
    private record Ctx(Io.In in, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    }

    private static final ByteArrayOutputStream DISCARD = new ByteArrayOutputStream();

    private int run(ShellParser.Node n, Ctx ctx) {
        int st;
        if (n instanceof ShellParser.Seq seq) {
            st = sys.lastStatus;
            for (ShellParser.Node item : seq.items()) {
                st = run(item, ctx);
            }
        } else if (n instanceof ShellParser.AndOr ao) {
            st = run(ao.pipelines().get(0), ctx);
            for (int i = 1; i < ao.pipelines().size(); i++) {
                boolean and = ao.ops().get(i - 1).equals("&&");
                if ((and && st == 0) || (!and && st != 0)) {
                    st = run(ao.pipelines().get(i), ctx);
                }
            }
        } else if (n instanceof ShellParser.Pipe pipe) {
            st = runPipe(pipe, ctx);
        } else if (n instanceof ShellParser.Simple simple) {
            st = runSimple(simple, ctx);
        } else if (n instanceof ShellParser.Group g) {
            st = withRedirs(g.redirs(), ctx, c -> g.subshell() ? subshell(g.body(), c) : run(g.body(), c));
        } else if (n instanceof ShellParser.Loop loop) {
            st = withRedirs(loop.redirs(), ctx, c -> {
                int r = 0;
                while (run(loop.cond(), c) == 0 != loop.until()) {
                    r = run(loop.body(), c);
                }
                return r;
            });
        } else if (n instanceof ShellParser.For f) {
            st = withRedirs(f.redirs(), ctx, c -> {
                List<String> words = new ArrayList<>();
                for (String w : f.words()) {
                    words.addAll(expandWord(w));
                }
                int r = 0;
                for (String w : words) {
                    sys.vars.put(f.var(), w);
                    r = run(f.body(), c);
                }
                return r;
            });
        } else {
            ShellParser.If f = (ShellParser.If) n;
            st = withRedirs(f.redirs(), ctx, c -> {
                for (int i = 0; i < f.conds().size(); i++) {
                    if (run(f.conds().get(i), c) == 0) {
                        return run(f.bodies().get(i), c);
                    }
                }
                return f.elseBody() == null ? 0 : run(f.elseBody(), c);
            });
        }
        sys.lastStatus = st;
        return st;
    }

    /** A subshell: cd, variables and options set inside do not outlive it. */
    private int subshell(ShellParser.Node body, Ctx c) {
        String cwd = sys.cwd;
        Map<String, String> vars = new java.util.TreeMap<>(sys.vars);
        List<String> args = new ArrayList<>(sys.args);
        boolean pipefail = sys.pipefail;
        try {
            return run(body, c);
        } finally {
            sys.cwd = cwd;
            sys.vars.clear();
            sys.vars.putAll(vars);
            sys.args.clear();
            sys.args.addAll(args);
            sys.pipefail = pipefail;
        }
    }

    private List<String> expandWord(String w) {
        return ShellParser.expand(w, this::expandVar, this::substitute, this::glob);
    }

    private int runPipe(ShellParser.Pipe pipe, Ctx ctx) {
        List<ShellParser.Node> cmds = pipe.commands();
        Io.In in = ctx.in();
        int status = 0;
        int failed = 0;
        for (int i = 0; i < cmds.size(); i++) {
            boolean last = i == cmds.size() - 1;
            ByteArrayOutputStream out = last ? ctx.out() : new ByteArrayOutputStream();
            status = run(cmds.get(i), new Ctx(in, out, ctx.err()));
            if (status != 0) {
                failed = status;
            }
            if (!last) {
                in = new Io.In(out.toByteArray());
            }
        }
        if (sys.pipefail && status == 0) {
            status = failed;
        }
        return pipe.negate() ? (status == 0 ? 1 : 0) : status;
    }

    /** Applies a command's redirections around {@code body}: input from files, output to files. */
    private int withRedirs(ShellParser.Redirs raw, Ctx ctx, java.util.function.ToIntFunction<Ctx> body) {
        if (raw == ShellParser.Redirs.NONE) {
            return body.applyAsInt(ctx);
        }
        ShellParser.Redirs r = raw.expand(this::expandVar, this::substitute);
        Io.In in = ctx.in();
        if (r.stdinFile() != null) {
            String abs = sys.abs(r.stdinFile());
            FileEntry e = sys.lookup(abs);
            if (e == null) {
                errorLine(ctx, "-ash: can't open '" + r.stdinFile() + "': No such file or directory");
                return 1;
            }
            in = new Io.In(readFile(abs, e));
        }
        if (r.heredoc() != null) {
            in = new Io.In(r.heredoc().getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = r.stdoutFile() != null ? new ByteArrayOutputStream() : ctx.out();
        ByteArrayOutputStream err = ctx.err();
        if (r.stderrToStdout()) {
            err = out == null ? null : out;
        } else if (r.stderrFile() != null) {
            err = r.stderrFile().equals("/dev/null") ? DISCARD : new ByteArrayOutputStream();
        }
        int status = body.applyAsInt(new Ctx(in, out, err));
        if (r.stdoutFile() != null) {
            String problem = writeFile(r.stdoutFile(), out.toByteArray(), r.append());
            if (problem != null) {
                errorLine(ctx, "-ash: can't create " + r.stdoutFile() + ": " + problem);
                status = 1;
            }
        }
        if (r.stderrFile() != null && !r.stderrFile().equals("/dev/null") && err != DISCARD) {
            writeFile(r.stderrFile(), err.toByteArray(), false);
        }
        DISCARD.reset();
        return status;
    }

    private void errorLine(Ctx ctx, String line) {
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        emit(ctx.err(), b);
    }

    private void emit(ByteArrayOutputStream sink, byte[] b) {
        if (sink == null) {
            writeConsole(b);
        } else {
            sink.write(b, 0, b.length);
        }
    }

    private int runSimple(ShellParser.Simple simple, Ctx ctx) {
        List<String> argv = new ArrayList<>();
        for (String w : simple.argv()) {
            argv.addAll(expandWord(w));
        }
        return withRedirs(simple.redirs(), ctx, c -> {
            Io io = new Io(this, c.in(), c.out() == null);
            int status = runOne(argv, io);
            emit(c.err(), io.err.toByteArray());
            emit(c.out(), io.out.toByteArray());
            return status;
        });
    }

    private String expandVar(String name) {
        switch (name) {
            case "?" -> {
                return Integer.toString(sys.lastStatus);
            }
            case "PWD" -> {
                return sys.cwd;
            }
            case "#" -> {
                return Integer.toString(sys.args.size());
            }
            case "@", "*" -> {
                return String.join(" ", sys.args);
            }
            default -> {
                if (name.matches("[1-9]")) {
                    int i = Integer.parseInt(name);
                    return i <= sys.args.size() ? sys.args.get(i - 1) : "";
                }
                return sys.vars.getOrDefault(name, "");
            }
        }
    }

    private String substitute(String inner) {
        ByteArrayOutputStream cap = new ByteArrayOutputStream();
        int saved = sys.lastStatus;
        ShellParser.Node tree;
        try {
            tree = new ShellParser(inner).parse(List.of());
        } catch (ShellParser.SyntaxError e) {
            board.println("-ash: syntax error: " + e.getMessage());
            return "";
        }
        String cwd = sys.cwd;
        run(tree, new Ctx(null, cap, null));
        sys.cwd = cwd;
        sys.lastStatus = saved;
        return new String(cap.toByteArray(), StandardCharsets.UTF_8).replaceAll("\n+$", "");
    }

    /** Paths matching a glob pattern (backslash-escaped literals), sorted; empty when none. */
    private List<String> glob(String pattern) {
        boolean absolute = pattern.startsWith("/");
        String[] segs = (absolute ? pattern.substring(1) : pattern).split("/");
        List<String> found = new ArrayList<>(List.of(absolute ? "/" : ""));
        for (String seg : segs) {
            java.util.regex.Pattern re = java.util.regex.Pattern.compile(ShellParser.globRegex(seg));
            List<String> next = new ArrayList<>();
            for (String base : found) {
                String dir = base.isEmpty() ? sys.cwd : sys.abs(base);
                for (String name : sys.list(dir)) {
                    if (re.matcher(name).matches() && (!name.startsWith(".") || seg.startsWith("."))) {
                        next.add(base.isEmpty() ? name : base.endsWith("/") ? base + name : base + "/" + name);
                    }
                }
            }
            found = next;
        }
        found.sort(null);
        return found;
    }

    private int runOne(List<String> argv, Io io) {
        if (argv.isEmpty()) {
            return sys.lastStatus;
        }
        String name = argv.get(0);
        if (name.contains("=") && name.indexOf('=') > 0 && name.substring(0, name.indexOf('=')).matches("[A-Za-z_][A-Za-z0-9_]*")
                && argv.size() == 1) {
            sys.vars.put(name.substring(0, name.indexOf('=')), name.substring(name.indexOf('=') + 1));
            return 0;
        }
        String base = name.contains("/") ? name.substring(name.lastIndexOf('/') + 1) : name;
        Program c = commands.get(base);
        if (c == null) {
            io.error("-ash: " + name + ": not found");
            return 127;
        }
        if (sys.missingProgram(base)) {
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
        if (sys.writableVirtual(abs)) {
            return sys.writeVirtual(abs, data);
        }
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
