package r4rescue.protocol.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.console.Console;
import r4rescue.console.Tap;

/**
 * A root shell on the board's console (OpenWrt/BusyBox ash, or any POSIX shell). It gets from
 * "Please press Enter to activate this console." or a login prompt to a prompt it learns, then runs
 * commands framed by markers the terminal echo cannot produce: the command text carries
 * {@code echo R4xx''7S} while only the command's output contains {@code R4xx7S}. Output is returned
 * cleaned of ANSI codes and kernel messages, with the command's exit status.
 */
public final class ShellDriver implements AutoCloseable {

    /** BusyBox line editing keeps at most 512 characters in OpenWrt's build (FEATURE_EDITING_MAX_LEN). */
    public static final int MAX_LINE = 500;
    private static final String ACTIVATE = "Please press Enter to activate this console.";
    private static final Pattern LOGIN = Pattern.compile("(?m)(login|Login): ?$");
    private static final Pattern PASSWORD = Pattern.compile("(?m)Password: ?$");
    private static final Pattern PROMPT_END = Pattern.compile("[#$] $");
    private static final long QUIET_MS = 400;
    private static final long BOOT_QUIET_MS = 2000;

    private final Console console;
    private final Tap tap;
    private final String token;
    private final List<Consumer<String>> sentListeners = new CopyOnWriteArrayList<>();
    private int seq;
    private String prompt;
    private Pattern promptPattern;
    private Pattern promptAnywhere;
    private long timeoutMs = 30_000;
    /** A command was cut off (link lost, timeout): the shell may still be inside it. */
    private boolean dirty;

    public ShellDriver(Console console) {
        this.console = console;
        this.tap = console.tap();
        SecureRandom r = new SecureRandom();
        this.token = "R4" + Integer.toString(36 * 36 * 36 + r.nextInt(36 * 36 * 36 * 35), 36);
    }

    public Console console() {
        return console;
    }

    /** Called with every command line sent to the board, exactly as sent (for the console pane and reports). */
    public void onSent(Consumer<String> listener) {
        sentListeners.add(listener);
    }

    public void setTimeoutMs(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public long timeoutMs() {
        return timeoutMs;
    }

    /** The prompt learned by {@link #activate}, e.g. {@code root@OpenWrt:~# }. */
    public String prompt() {
        return prompt;
    }

    /**
     * Gets to a shell prompt: presses Enter (activating OpenWrt's console), logs in as root when asked
     * (with {@code password} if one is asked for), and learns the prompt once it shows twice alike.
     */
    public String activate(String password, long timeout) throws IOException {
        return activateWith(() -> password, timeout);
    }

    /** The same, with the password asked of {@code password} only if the board asks for one (a prompt, for instance). */
    public String activateWith(java.util.function.Supplier<String> password, long timeout) throws IOException {
        String typed = null;
        long deadline = System.currentTimeMillis() + timeout;
        String candidate = null;
        boolean loggedIn = false;
        // After a login name or password, the answer is read before Enter is pressed again: that Enter
        // would be taken as an empty password.
        boolean enter = true;
        letBootFinish(deadline);
        while (System.currentTimeMillis() < deadline) {
            if (enter) {
                sendRaw("\r");
            }
            enter = true;
            String seen = ShellText.clean(readQuiet(deadline));
            String last = lastLine(seen);
            if (LOGIN.matcher(last).find() && loggedIn && typed != null) {
                throw new ShellException("The board did not accept the root password (it asks for the login again)");
            }
            if (LOGIN.matcher(last).find() && !loggedIn) {
                sendRaw("root\r");
                loggedIn = true;
                candidate = null;
                enter = false;
                continue;
            }
            if (PASSWORD.matcher(last).find()) {
                typed = typed != null ? typed : password.get();
                if (typed == null) {
                    throw new ShellException("The board asks for a password; give it with --password-file FILE or "
                            + "R4_RESCUE_PASSWORD, or type it when asked on a terminal");
                }
                sendRaw(typed + "\r");
                candidate = null;
                enter = false;
                continue;
            }
            if (seen.contains(ACTIVATE) || !PROMPT_END.matcher(last).find()) {
                candidate = null;
                continue;
            }
            if (last.equals(candidate)) {
                learn(last);
                return prompt;
            }
            candidate = last;
        }
        throw new ShellException("No shell prompt within " + timeout / 1000 + " s (is the board running Linux?)");
    }

    /**
     * A key pressed while the board boots would stop U-Boot's autoboot: while the console is busy,
     * wait until Linux asks for Enter (or a login), or until it has been quiet for {@link #BOOT_QUIET_MS}
     * (longer than a countdown second), before pressing anything.
     */
    private void letBootFinish(long deadline) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buf = new byte[4096];
        long quiet = QUIET_MS;
        while (System.currentTimeMillis() < deadline) {
            int got = tap.read(buf, 0, buf.length, Math.min(quiet, Math.max(1, deadline - System.currentTimeMillis())));
            if (got == 0) {
                return;
            }
            seen.append(new String(buf, 0, got, StandardCharsets.ISO_8859_1));
            if (seen.indexOf(ACTIVATE) >= 0 || LOGIN.matcher(seen).find()) {
                return;
            }
            quiet = BOOT_QUIET_MS;
        }
    }

    private void learn(String p) {
        prompt = p;
        // The working directory in the prompt changes with cd: keep what is before ':' and the end.
        int colon = p.indexOf(':');
        String end = p.substring(p.length() - 2);
        String body = (colon > 0 ? Pattern.quote(p.substring(0, colon + 1)) : "") + "[^\n]*" + Pattern.quote(end);
        promptPattern = Pattern.compile(body + "$");
        promptAnywhere = Pattern.compile(body);
    }

    /** Waits until the prompt shows again (after a reboot, for instance) without pressing keys first. */
    public boolean isPrompt(String line) {
        return promptPattern != null && promptPattern.matcher(line).find();
    }

    /** Runs a command; a non-zero exit status is returned, not thrown. */
    public ShellResult run(String command) throws IOException {
        return run(command, null, timeoutMs);
    }

    public ShellResult run(String command, long timeout) throws IOException {
        return run(command, null, timeout);
    }

    /** Runs a command and throws with its output if its exit status is not 0. */
    public ShellResult check(String command) throws IOException {
        return check(command, timeoutMs);
    }

    public ShellResult check(String command, long timeout) throws IOException {
        ShellResult r = run(command, null, timeout);
        if (!r.ok()) {
            throw new ShellException("`" + command + "` failed (exit " + r.exitStatus() + "): " + r.text().strip(), r);
        }
        return r;
    }

    /**
     * Runs a command that reads its standard input from the console: {@code input} is typed after the
     * command started, ended by Ctrl-D. The tty echoes it, so callers must find their answer in the
     * output by a pattern of their own. Each input line must stay under the tty's 4096-byte line limit.
     * Programs that turn interactive on a tty (sfdisk) should read it through {@code cat |}.
     */
    public ShellResult run(String command, String input, long timeout) throws IOException {
        if (prompt == null) {
            throw new IllegalStateException("activate() first");
        }
        if (dirty) {
            resync();
        }
        dirty = true;
        ShellResult r = exchange(command, input, timeout);
        dirty = false;
        return r;
    }

    /**
     * Brings the shell back to its prompt after a command was cut off (a pulled cable, a timeout):
     * Ctrl-C stops whatever still runs (a half-received chunk is never kept), then Enter and the
     * prompt is learned again.
     */
    public void resync() throws IOException {
        tap.drain();
        sendRaw("\u0003");
        activate(null, 15_000);
        dirty = false;
    }

    private ShellResult exchange(String command, String input, long timeout) throws IOException {
        int n = ++seq;
        String start = token + n + "S";
        String end = token + n + "E";
        String line = "echo " + split(start) + "; " + command + "; echo " + split(end) + " $?";
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("Command too long for the board's line editor (" + line.length() + " > " + MAX_LINE + ")");
        }
        for (Consumer<String> l : sentListeners) {
            l.accept(command);
        }
        sendRaw(line + "\r");
        long deadline = System.currentTimeMillis() + timeout;
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        Pattern startP = Pattern.compile("(?m)^" + Pattern.quote(start) + "\n");
        Pattern endP = Pattern.compile("(?m)" + Pattern.quote(end) + " (\\d+)\n");
        boolean inputSent = input == null;
        byte[] buf = new byte[8192];
        while (true) {
            String text = ShellText.clean(raw.toString(StandardCharsets.UTF_8));
            Matcher sm = startP.matcher(text);
            if (sm.find()) {
                if (!inputSent) {
                    sendRaw(input.endsWith("\n") || input.isEmpty() ? input : input + "\n");
                    sendRaw("\u0004");
                    inputSent = true;
                }
                Matcher em = endP.matcher(text);
                if (em.find(sm.end())) {
                    String out = text.substring(sm.end(), em.start());
                    waitPrompt(text.substring(em.end()));
                    return new ShellResult(command, out, Integer.parseInt(em.group(1)));
                }
            }
            long left = deadline - System.currentTimeMillis();
            int got = left <= 0 ? 0 : tap.read(buf, 0, buf.length, left);
            if (got == 0) {
                interrupt();
                String partial = sm.find(0) ? text.substring(sm.end()) : "";
                throw new ShellException("`" + command + "` gave no answer within " + timeout / 1000.0
                        + " s; sent Ctrl-C", new ShellResult(command, partial, -1));
            }
            raw.write(buf, 0, got);
        }
    }

    /** {@code R4abc7S} written so that its echo is {@code R4abc''7S}. */
    private String split(String marker) {
        return token + "''" + marker.substring(token.length());
    }

    /** Consumes the prompt after a command (it may already be in {@code after}). */
    private void waitPrompt(String after) throws IOException {
        if (isPrompt(lastLine(after))) {
            return;
        }
        // A late prompt is harmless: the next command looks for its own marker.
        tap.readUntil(promptAnywhere, 3000);
    }

    /** Sends Ctrl-C and waits for the prompt, to leave the shell usable after a timeout. */
    public void interrupt() throws IOException {
        sendRaw("\u0003");
        tap.readUntil(promptAnywhere == null ? PROMPT_END : promptAnywhere, 2000);
    }

    /**
     * Types a command that ends this shell (reboot, reset) without waiting for an answer: there is
     * none to wait for, and whatever the board prints next is the boot {@link #awaitReboot} reads.
     */
    public void sendFinal(String command) throws IOException {
        if (prompt == null) {
            throw new IllegalStateException("activate() first");
        }
        for (Consumer<String> l : sentListeners) {
            l.accept(command);
        }
        tap.drain();
        sendRaw(command + "\r");
        dirty = false;
    }

    /**
     * After the board rebooted: waits for the console to come back, presses Enter and learns the
     * prompt again. Returns everything seen meanwhile (the boot log), cleaned of ANSI codes only.
     */
    public String awaitReboot(long timeout, StringBuilder bootLog) throws IOException {
        return awaitReboot(timeout, bootLog, line -> null);
    }

    /**
     * The same, with {@code giveUp} asked about every complete line of the boot (and with null every
     * half second while none comes): a non-null answer (why) stops the wait with a ShellException,
     * e.g. when the kernel waits for a root device that will not come.
     */
    public String awaitReboot(long timeout, StringBuilder bootLog, java.util.function.Function<String, String> giveUp)
            throws IOException {
        long deadline = System.currentTimeMillis() + timeout;
        byte[] buf = new byte[8192];
        StringBuilder raw = new StringBuilder();
        int fed = 0;
        String why = null;
        try {
            while (System.currentTimeMillis() < deadline && why == null) {
                int got = tap.read(buf, 0, buf.length, Math.max(1, Math.min(500, deadline - System.currentTimeMillis())));
                if (got == 0) {
                    why = giveUp.apply(null);
                    continue;
                }
                raw.append(new String(buf, 0, got, StandardCharsets.ISO_8859_1));
                for (int nl = raw.indexOf("\n", fed); nl >= 0 && why == null; nl = raw.indexOf("\n", fed)) {
                    why = giveUp.apply(raw.substring(fed, nl).replace("\r", ""));
                    fed = nl + 1;
                }
                if (raw.indexOf(ACTIVATE) >= 0 || LOGIN.matcher(raw).find()) {
                    break;
                }
            }
        } finally {
            if (bootLog != null) {
                bootLog.append(raw.toString().replace("\r", ""));
            }
        }
        if (why != null) {
            throw new ShellException("The boot did not reach a shell: " + why);
        }
        String p = activate(null, Math.max(1000, deadline - System.currentTimeMillis()));
        dirty = false;
        return p;
    }

    /** Reads until nothing came for a short while (or the deadline). */
    private String readQuiet(long deadline) throws IOException {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        while (System.currentTimeMillis() < deadline) {
            int got = tap.read(buf, 0, buf.length, Math.min(QUIET_MS, Math.max(1, deadline - System.currentTimeMillis())));
            if (got == 0) {
                break;
            }
            sb.append(new String(buf, 0, got, StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }

    private static String lastLine(String text) {
        int nl = text.lastIndexOf('\n');
        return nl < 0 ? text : text.substring(nl + 1);
    }

    private void sendRaw(String s) throws IOException {
        console.send(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        tap.close();
    }
}
