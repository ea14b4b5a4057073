package r4rescue.sim.uboot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import r4rescue.board.Medium;
import r4rescue.sim.StageTexts;
import r4rescue.sim.SimBoard;
import r4rescue.sim.state.SimState;

/**
 * U-Boot 2024.10 as OpenWrt builds it for the BPI-R4 (or the MTK SDK one): banner, environment
 * load, autoboot / boot menu, and the command prompt with hush and the commands our procedures use.
 */
public final class UBoot {

    final SimBoard board;
    final Medium medium;
    final SimState s;
    final EnvStore store;
    TreeMap<String, String> env;
    final Map<String, String> locals = new HashMap<>();
    final HushInterpreter hush;
    final TreeMap<String, Command> commands = new TreeMap<>();
    final String prompt;
    final String version;
    /** UBI partition selected with {@code ubi part} (null: none). */
    String ubiPart;

    public UBoot(SimBoard board, Medium medium) {
        this.board = board;
        this.medium = medium;
        this.s = board.state();
        this.store = new EnvStore(s, medium);
        String flavour = s.mtkSdk() ? "mtk-sdk" : "openwrt";
        this.prompt = board.data().ubootPrompt(flavour);
        this.version = board.data().ubootVersion(flavour);
        this.hush = new HushInterpreter(this::lookup);
        CoreCommands.register(this);
        EnvCommands.register(this);
        MemCommands.register(this);
        FlashCommands.register(this);
        MmcCommands.register(this);
        BootCommands.register(this);
    }

    public SimBoard board() {
        return board;
    }

    public Medium medium() {
        return medium;
    }

    public TreeMap<String, String> env() {
        return env;
    }

    public String getenv(String name) {
        return env.get(name);
    }

    /** Sets (or with null, deletes) a variable, as {@code setenv} does. */
    public void setenv(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
    }

    void register(String name, Command c) {
        commands.put(name, c);
    }

    private String lookup(String name) {
        String v = locals.get(name);
        return v != null ? v : env.get(name);
    }

    // ---- boot -------------------------------------------------------------------------------

    public void run() {
        board.event("uboot");
        StageTexts t = board.text();
        for (String line : t.lines("uboot", "banner")) {
            board.println(line.replace("{version}", version).replace("{ramGiB}", Integer.toString(s.ramGiB)));
        }
        board.pause(200);
        if (s.nand != null) {
            t.lines("uboot", "snand").forEach(board::println);
        }
        t.lines("uboot", "mmc").forEach(board::println);
        loadEnv(t);
        t.lines("uboot", "console").forEach(board::println);
        t.lines("uboot", "net").forEach(board::println);
        board.pause(300);
        autoboot();
        promptLoop();
    }

    private void loadEnv(StageTexts t) {
        String kind = store.kind();
        EnvStore.Loaded l;
        if (kind.equals("UBI")) {
            board.print("Loading Environment from UBI... ");
            boolean attached = s.nand != null && s.nand.ubiAttached;
            if (attached) {
                int vols = s.nand.volumes.size();
                for (String line : t.lines("uboot", "envUbi")) {
                    String out = line.startsWith("Loading Environment") ? line.substring("Loading Environment from UBI... ".length()) : line;
                    board.println(out.replace("{volumes}", Integer.toString(vols)));
                }
                ubiPart = "ubi";
            } else {
                board.println("ubi0: attaching mtd2");
                board.println("ubi0 error: ubi_attach_mtd_dev: failed to attach mtd2, error -22");
                board.println("UBI error: cannot attach mtd2");
                board.println("UBI init error 22");
                board.println("Please check, if the correct MTD partition is used (size big enough?)");
                board.println("");
                board.println("** Cannot find mtd partition \"ubi\"");
            }
            l = store.load();
            if (attached) {
                for (String vol : new String[] {"ubootenv", "ubootenv2"}) {
                    if (s.nand.volumes.containsKey(vol)) {
                        board.println("Read " + EnvStore.UBI_ENV_SIZE + " bytes from volume " + vol + " to 000000007ff4f180");
                    } else {
                        board.println("Volume " + vol + " not found!");
                    }
                }
            }
        } else {
            board.print("Loading Environment from " + kind + "... ");
            l = store.load();
        }
        board.pause(100);
        if (l.env() != null) {
            env = l.env();
            board.println("OK");
        } else {
            board.println(t.text("uboot", "badCrc"));
            board.println("");
            env = Env.defaults(s.mtkSdk(), medium, version);
        }
        env.put("ver", version);
    }

    private void autoboot() {
        int bootdelay = intEnv("bootdelay", 30);
        boolean menu = env.containsKey("bootmenu_0");
        if (bootdelay >= 0 && board.uart().hasInput()) {
            board.read(0); // the key that stopped autoboot is consumed, as abortboot does
            board.event("prompt");
            return;
        }
        if (menu && !s.mtkSdk()) {
            String cmd = new BootMenu(this).show(intEnv("bootmenu_delay", 0));
            if (cmd != null) {
                runScript(cmd);
            }
            return;
        }
        if (bootdelay > 0 && countdown(bootdelay)) {
            board.event("prompt");
            return;
        }
        String bootcmd = env.get("bootcmd");
        if (bootcmd != null) {
            runScript(bootcmd);
        }
    }

    /** "Hit any key to stop autoboot: N" as U-Boot's abortboot prints it; true if a key stopped it. */
    boolean countdown(int seconds) {
        board.event("countdown");
        board.print(String.format("Hit any key to stop autoboot: %2d ", seconds));
        boolean abort = false;
        while (seconds > 0 && !abort) {
            --seconds;
            for (int i = 0; i < 10 && !abort; i++) {
                if (board.read(tickMs(10)) >= 0) {
                    abort = true;
                    seconds = 0;
                }
            }
            board.print(String.format("\b\b\b%2d ", seconds));
        }
        board.print("\r\n");
        return abort;
    }

    /**
     * Real time for 1/{@code perSecond} of a countdown second: scaled, with a floor so a host can
     * still see "Hit any key" and answer when the board runs without pauses.
     */
    long tickMs(int perSecond) {
        return Math.max((long) (1000 * board.timeScale()), board.countdownFloorMs()) / perSecond;
    }

    int intEnv(String name, int dflt) {
        String v = env.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    // ---- the prompt ---------------------------------------------------------------------------

    private void promptLoop() {
        board.event("prompt");
        while (true) {
            board.print(prompt);
            String line = readLine();
            if (line == null) {
                continue;
            }
            runScript(line);
        }
    }

    /** Runs a hush script (a command line or an env variable's value); returns its status. */
    public int runScript(String script) {
        try {
            return hush.run(script, new HushInterpreter.Executor() {
                @Override
                public int exec(List<String> argv) {
                    return execute(argv);
                }

                @Override
                public boolean interrupted() {
                    return ctrlc();
                }
            });
        } catch (HushInterpreter.SyntaxError e) {
            board.println("syntax error");
            hush.setLastStatus(1);
            return 1;
        }
    }

    int execute(List<String> argv) {
        String name = argv.get(0);
        int eq = name.indexOf('=');
        if (eq > 0 && name.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
            locals.put(name.substring(0, eq), name.substring(eq + 1));
            return 0;
        }
        Command c = name.equals(board.faults().ubootLacksCommand) ? null : find(name);
        if (c == null) {
            board.println("Unknown command '" + name + "' - try 'help'");
            return 1;
        }
        board.event("cmd:" + name);
        int r = c.run(this, argv);
        if (r == Command.USAGE) {
            board.println("Usage:");
            board.println(name + " " + c.usage().replace("\n", "\r\n"));
            return 1;
        }
        return r;
    }

    /** Exact name, or a unique abbreviation (U-Boot's find_cmd accepts those). */
    Command find(String full) {
        String name = full.contains(".") && !full.startsWith(".") ? full.substring(0, full.indexOf('.')) : full;
        Command c = commands.get(name);
        if (c != null) {
            return c;
        }
        List<String> hits = new ArrayList<>();
        for (String n : commands.keySet()) {
            if (n.startsWith(name)) {
                hits.add(n);
            }
        }
        return hits.size() == 1 ? commands.get(hits.get(0)) : null;
    }

    /** U-Boot's ctrlc(): true if Ctrl-C arrived (other keys are left alone). */
    boolean ctrlc() {
        while (board.uart().hasInput()) {
            int c = board.read(0);
            if (c == 3) {
                return true;
            }
        }
        return false;
    }

    /** U-Boot's cli_readline: echo, backspace, Ctrl-C; returns null after Ctrl-C. */
    String readLine() {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = board.read(60_000);
            if (c < 0) {
                continue;
            }
            switch (c) {
                case '\r', '\n' -> {
                    board.print("\r\n");
                    return b.toString();
                }
                case 3 -> {
                    board.print("<INTERRUPT>\r\n");
                    return null;
                }
                case 8, 127 -> {
                    if (b.length() > 0) {
                        b.setLength(b.length() - 1);
                        board.print("\b \b");
                    }
                }
                case 27 -> {
                    int n = board.read(20);
                    if (n == '[' || n == 'O') {
                        board.read(20);
                    }
                }
                case 21 -> { // Ctrl-U: erase line
                    while (b.length() > 0) {
                        b.setLength(b.length() - 1);
                        board.print("\b \b");
                    }
                }
                default -> {
                    if (c >= 32 && c < 256 && b.length() < 1024) {
                        b.append((char) c);
                        board.print(String.valueOf((char) c));
                    }
                }
            }
        }
    }

    // ---- RAM as the CPU sees it -----------------------------------------------------------------

    static final long RAM_BASE = 0x40000000L;

    /** Reads RAM at a physical address; outside RAM the CPU takes a synchronous abort and resets. */
    public byte[] ramRead(long addr, int len) {
        checkRam(addr, len);
        return board.ram().read(addr - RAM_BASE, len);
    }

    public void ramWrite(long addr, byte[] data, int off, int len) {
        checkRam(addr, len);
        board.ram().write(addr - RAM_BASE, data, off, len);
    }

    public void ramWrite(long addr, byte[] data) {
        ramWrite(addr, data, 0, data.length);
    }

    public r4rescue.sim.Sparse ram() {
        return board.ram();
    }

    /** The flash read-back fault ({@link r4rescue.sim.Faults#flashReadBackDiffers}) on what a read put at {@code addr}. */
    void readBackFault(long addr) {
        byte[] b = ram().read(addr - RAM_BASE, 1);
        board.faults().readBack(b);
        ram().write(addr - RAM_BASE, b);
    }

    void checkRam(long addr, long len) {
        long size = board.ram().size();
        if (addr < RAM_BASE || addr + len > RAM_BASE + size || len < 0) {
            board.println("\"Synchronous Abort\" handler, esr 0x96000045, far 0x" + Long.toHexString(addr));
            board.println("elr: 0000000000045b3c lr : 0000000000045ae8 (reloc)");
            board.println("Code: 54000120 aa1303e0 d2800002 f9400001 (b9000262)");
            board.println("Resetting CPU ...");
            board.println("");
            board.println("resetting ...");
            throw new r4rescue.sim.Reset();
        }
    }
}
