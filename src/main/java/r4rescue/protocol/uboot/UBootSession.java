package r4rescue.protocol.uboot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.board.BoardProfile;
import r4rescue.console.Console;
import r4rescue.console.Tap;

/**
 * A U-Boot console taken hold of: runs commands and knows when each finished and whether it failed.
 * Each command is sent as {@code CMD; echo R4"="$?=N}: the board prints {@code R4=STATUS=N}, which
 * its echo of the typed line ({@code R4"="$?=N}) can never look like, so the end and hush's exit
 * status are certain. Lines are typed in chunks paced by the board's echo, so a small UART FIFO
 * does not overflow, and lines longer than the board's buffer are refused before anything is sent.
 */
public final class UBootSession implements AutoCloseable {

    /** Longest line sent: CONFIG_SYS_CBSIZE is 256..2048; 511 fits the common 512. */
    public static final int DEFAULT_MAX_LINE = 511;
    private static final int CHUNK = 32;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Console console;
    private final Tap tap;
    private final String prompt;
    private final UBootErrors errors = UBootErrors.standard();
    private int maxLine = DEFAULT_MAX_LINE;
    private int seq;

    private UBootSession(Console console, Tap tap, String prompt) {
        this.console = console;
        this.tap = tap;
        this.prompt = prompt;
    }

    /**
     * Waits for the board to (re)start — {@code events} gets {@link HoldEvent.Kind#POWER_CYCLE_NOW}
     * first, the moment to tell the user — and stops it at the U-Boot prompt.
     *
     * @throws NoAnswerException if nothing came, or the boot could not be stopped, within {@code timeout}
     * @throws UBootException if the prompt found is not U-Boot's (the boot was missed)
     */
    public static UBootSession takeHold(Console console, Duration timeout, Consumer<HoldEvent> events) throws IOException {
        Tap tap = console.tap();
        try {
            String prompt = new TakeHold(console, tap, events).run(timeout.toMillis());
            return verified(console, tap, prompt);
        } catch (IOException | RuntimeException e) {
            tap.close();
            throw e;
        }
    }

    /** Takes over a board already sitting at the U-Boot prompt (after {@code interrupt}). */
    public static UBootSession attach(Console console) throws IOException {
        Tap tap = console.tap();
        try {
            String prompt = TakeHold.learnPrompt(console, tap);
            if (prompt == null) {
                throw new NoAnswerException("No U-Boot prompt on " + console.link().describe()
                        + " (the board is off, booting, or running Linux)");
            }
            return verified(console, tap, prompt);
        } catch (IOException | RuntimeException e) {
            tap.close();
            throw e;
        }
    }

    /** Attaches if the board is at U-Boot's prompt, otherwise asks for a power cycle and takes hold. */
    public static UBootSession attachOrTakeHold(Console console, Duration timeout, Consumer<HoldEvent> events)
            throws IOException {
        try {
            return attach(console);
        } catch (NoAnswerException | UBootException e) {
            // Off, booting, or a Linux shell (its prompt is not U-Boot's): start it again and stop it.
            return takeHold(console, timeout, events);
        }
    }

    private static UBootSession verified(Console console, Tap tap, String prompt) throws IOException {
        UBootSession s = new UBootSession(console, tap, prompt);
        CommandResult v = s.run("version", Duration.ofSeconds(5));
        if (!v.output().contains("U-Boot")) {
            throw new UBootException("The prompt '" + prompt + "' is not U-Boot's (the boot was missed?): "
                    + "'version' printed " + v.output().strip(), v);
        }
        return s;
    }

    /** The prompt this build prints, e.g. {@code "=> "} or {@code "MT7988> "}. */
    public String prompt() {
        return prompt;
    }

    public Console console() {
        return console;
    }

    /** The reader this session uses; for protocols that take over the line (YMODEM). */
    public Tap tap() {
        return tap;
    }

    public int maxLineLength() {
        return maxLine;
    }

    /** Sets the longest line this board takes (its CONFIG_SYS_CBSIZE minus one). */
    public void setMaxLineLength(int n) {
        maxLine = n;
    }

    /** Runs {@code command} (10 s timeout); see {@link #run(String, Duration)}. */
    public CommandResult run(String command) throws IOException {
        return run(command, DEFAULT_TIMEOUT);
    }

    /**
     * Runs one command line and returns its output, exit status and error lines; never throws for
     * a command that failed on the board (see {@link #check}).
     *
     * @throws IllegalArgumentException if the line is too long or has control characters (nothing sent)
     * @throws NoAnswerException if the board did not finish within {@code timeout}
     */
    public CommandResult run(String command, Duration timeout) throws IOException {
        Pending p = begin(command);
        return finish(p, timeout);
    }

    /** A command typed but not yet finished (for interactive ones such as {@code loady}). */
    record Pending(String command, int seq, String echo) {
        /** The same command once its echo line and some output were read by someone else. */
        Pending echoConsumed() {
            return new Pending(command, seq, "\n");
        }
    }

    /** Types {@code command} with its status marker and Enter; {@link #finish} collects the result. */
    Pending begin(String command) throws IOException {
        int n = ++seq;
        String line = command + "; echo R4\"=\"$?=" + n;
        checkLine(line);
        tap.drain();
        return new Pending(command, n, type(line));
    }

    /** Reads up to the status marker and the prompt after it. */
    CommandResult finish(Pending p, Duration timeout) throws IOException {
        // Any status text ends the wait: a U-Boot command may return a negative errno, and an
        // unexpected $? must be reported as such, not waited out as "no answer".
        Tap.Match m = tap.readUntil(Pattern.compile("R4=([^=\r\n]*)=" + p.seq() + "\r?\n"), timeout.toMillis());
        if (m == null) {
            throw new NoAnswerException("U-Boot did not finish '" + p.command() + "' within " + timeout.toSeconds() + " s");
        }
        awaitPrompt();
        String output = outputOf(p.echo() + m.before());
        List<String> errorLines = errors.errorLines(output);
        String status = m.group(1).strip();
        if (!status.matches("-?\\d{1,9}")) {
            errorLines = new java.util.ArrayList<>(errorLines);
            errorLines.add("U-Boot reported the exit status '" + status + "', which is not a number");
            return new CommandResult(p.command(), output, CommandResult.UNKNOWN_STATUS, List.copyOf(errorLines));
        }
        return new CommandResult(p.command(), output, Integer.parseInt(status), errorLines);
    }

    /** Runs {@code command} and throws {@link UBootException} with U-Boot's words if it failed. */
    public CommandResult check(String command, Duration timeout) throws IOException {
        CommandResult r = run(command, timeout);
        if (!r.ok()) {
            throw new UBootException("'" + command + "' failed: " + r.failure(), r);
        }
        return r;
    }

    public CommandResult check(String command) throws IOException {
        return check(command, DEFAULT_TIMEOUT);
    }

    /** CRC-32 of {@code length} bytes of RAM at {@code addr}, by U-Boot's {@code crc32}. */
    public long crc32(long addr, long length) throws IOException {
        return crc32(hex(addr), hex(length));
    }

    /** The same with U-Boot expressions, e.g. {@code crc32("${loadaddr}", "${filesize}")}. */
    public long crc32(String addr, String length) throws IOException {
        CommandResult r = check("crc32 " + addr + " " + length, Duration.ofSeconds(60));
        Matcher m = Pattern.compile("==>\\s*([0-9a-fA-F]{8})").matcher(r.output());
        if (!m.find()) {
            throw new UBootException("crc32 printed no checksum: " + r.output().strip(), r);
        }
        return Long.parseLong(m.group(1), 16);
    }

    // ---- environment ----

    /** The whole environment, in the order {@code printenv} lists it. */
    public UBootEnv printenv() throws IOException {
        CommandResult r = run("printenv", Duration.ofSeconds(20));
        if (r.status() != 0) {
            throw new UBootException("printenv failed: " + r.failure(), r);
        }
        return UBootEnv.parse(r.output());
    }

    /** One variable, or empty if it is not set. */
    public Optional<String> getenv(String name) throws IOException {
        CommandResult r = run("printenv " + Hush.checkName(name));
        if (r.status() != 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(UBootEnv.parse(r.output()).get(name));
    }

    /**
     * Sets a variable (an empty value deletes it) and reads it back.
     *
     * @throws IllegalArgumentException for a name or value U-Boot's command line cannot carry (nothing sent)
     * @throws UBootException if U-Boot refused or the value read back differs
     */
    public void setenv(String name, String value) throws IOException {
        check(Hush.setenv(name, value));
        Optional<String> back = getenv(name);
        String expected = value.isEmpty() ? null : value;
        if (!java.util.Objects.equals(back.orElse(null), expected)) {
            throw new UBootException("setenv " + name + " did not stick: read back "
                    + back.map(v -> "'" + v + "'").orElse("nothing") + ", expected '" + value + "'");
        }
    }

    /**
     * {@code saveenv}, checked: U-Boot must end with {@code OK} and report no error, then the copy
     * it stored is read back from where it says it wrote it and compared byte for byte with the
     * running environment ({@link StoredEnv}). On failure the message carries U-Boot's words; the
     * stored environment may then be damaged (U-Boot falls back to its default one after a reset).
     *
     * @throws UBootException if saving failed, the stored copy differs, or it is kept where this
     *         program cannot read it back (nothing is then claimed as saved)
     */
    public UBootEnv saveenv(BoardProfile board) throws IOException {
        UBootEnv before = printenv();
        CommandResult r = run("saveenv", Duration.ofSeconds(60));
        List<String> lines = r.lines().stream().filter(l -> !l.isBlank()).toList();
        // env_save() ends with "OK" on success and "Failed (N)" otherwise.
        boolean okLine = !lines.isEmpty() && lines.get(lines.size() - 1).strip().endsWith("OK");
        if (!r.ok() || !okLine) {
            throw new UBootException("saveenv failed: " + (r.ok() ? "no OK from U-Boot" : r.failure())
                    + ". The saved environment may now be damaged; the running one is unchanged until a reset.", r);
        }
        StoredEnv.Place place = StoredEnv.placeOf(r.output(), board);
        if (place == null) {
            throw new UBootException("saveenv answered OK, but it stores the environment where this program cannot read it back ("
                    + r.output().strip().replace('\n', ' ') + "), so the saved copy is not verified.", r);
        }
        StoredEnv.verify(this, place);
        UBootEnv after = printenv();
        if (!after.equals(before)) {
            throw new UBootException("The environment changed while saving: " + after.diff(before));
        }
        return after;
    }

    // ---- loading ----

    /** Sends {@code data} to RAM with YMODEM and checks U-Boot's crc32 against the host's. */
    public LoadResult loadToRam(String name, byte[] data, LoadOptions options) throws IOException {
        return new SerialLoad(this, options).load(name, data);
    }

    /** Loads {@code file} to {@code addr} at the current rate; the result carries the verified CRC. */
    public LoadResult loadToRam(java.nio.file.Path file, long addr) throws IOException {
        return loadToRam(file.getFileName().toString(), java.nio.file.Files.readAllBytes(file),
                LoadOptions.at(addr));
    }

    // ---- the line ----

    private void checkLine(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("Control character 0x" + Integer.toHexString(c)
                        + " cannot be typed at U-Boot's prompt");
            }
        }
        int len = line.getBytes(StandardCharsets.UTF_8).length;
        if (len > maxLine) {
            throw new IllegalArgumentException("Command too long for U-Boot's line buffer: " + len
                    + " bytes with the status marker, the limit is " + maxLine + " (CONFIG_SYS_CBSIZE)");
        }
    }

    /** Types a line in echo-paced chunks, then Enter; returns the echo read so far. */
    String type(String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream echo = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        for (int off = 0; off < bytes.length; off += CHUNK) {
            int len = Math.min(CHUNK, bytes.length - off);
            console.send(java.util.Arrays.copyOfRange(bytes, off, off + len));
            long until = System.currentTimeMillis() + 500;
            while (echo.size() < off + len && System.currentTimeMillis() < until) {
                int n = tap.read(buf, 0, Math.min(buf.length, off + len - echo.size()), 50);
                echo.write(buf, 0, n);
            }
        }
        console.send("\r");
        return echo.toString(StandardCharsets.UTF_8);
    }

    /** After the status marker the prompt follows; wait for it so the next command is not typed too early. */
    private void awaitPrompt() throws IOException {
        if (tap.readUntil(Pattern.compile(Pattern.quote(prompt)), 3_000) == null) {
            throw new NoAnswerException("U-Boot printed no prompt after the command");
        }
    }

    /** What the command printed: after the echoed line, without the final line end. */
    private static String outputOf(String raw) {
        int nl = raw.indexOf('\n');
        String out = nl < 0 ? "" : raw.substring(nl + 1);
        out = out.replace("\r", "");
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    @Override
    public void close() {
        tap.close();
    }
}
