package r4rescue.protocol.uboot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;

import r4rescue.console.Console;
import r4rescue.console.Tap;

/**
 * Stops the board in U-Boot while it starts: answers the autoboot countdown, leaves a boot menu
 * (ESC, Ctrl-C, then its Exit/console entry), and for {@code bootdelay=0} keeps sending a space and
 * Ctrl-C from the first byte of output on, a burst every {@value #KEY_INTERVAL_MS} ms. Never sends
 * Enter while a menu may be on screen (that would boot the default entry).
 */
final class TakeHold {

    static final int KEY_INTERVAL_MS = 100;
    static final byte CTRL_C = 0x03;
    static final byte ESC = 0x1b;
    private static final byte[] BREAK_KEYS = {' ', CTRL_C};
    private static final byte[] DOWN = {ESC, '[', 'B'};
    private static final int MENU_SETTLE_MS = 700;
    private static final int KEEP_CHARS = 16_384;
    private static final int QUIET_MS = 100;

    private final Console console;
    private final Tap tap;
    private final Consumer<HoldEvent> events;
    private final AutobootTexts texts = AutobootTexts.standard();

    TakeHold(Console console, Tap tap, Consumer<HoldEvent> events) {
        this.console = console;
        this.tap = tap;
        this.events = events;
    }

    /** Waits for the board to start and stops it; returns the prompt. */
    String run(long timeoutMs) throws IOException {
        events.accept(new HoldEvent(HoldEvent.Kind.POWER_CYCLE_NOW, "Power-cycle the board now"));
        long deadline = System.currentTimeMillis() + timeoutMs;
        StringBuilder recent = new StringBuilder();
        String lastOutput = "";
        boolean seen = false;
        boolean countdown = false;
        boolean breaking = false;
        int menuRounds = 0;
        long lastKeys = 0;
        long lastMenuAction = 0;
        byte[] buf = new byte[4096];
        while (System.currentTimeMillis() < deadline) {
            int n = tap.read(buf, 0, buf.length, 50);
            if (n > 0) {
                recent.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                if (recent.length() > KEEP_CHARS) {
                    recent.delete(0, recent.length() - KEEP_CHARS);
                }
                if (!seen) {
                    seen = true;
                    events.accept(new HoldEvent(HoldEvent.Kind.OUTPUT_SEEN, "The board is starting"));
                }
            }
            if (!seen) {
                continue;
            }
            long now = System.currentTimeMillis();
            String clean = ConsoleText.clean(recent);
            lastOutput = clean;
            if (!countdown && texts.countdown().matcher(clean).find()) {
                countdown = true;
                events.accept(new HoldEvent(HoldEvent.Kind.AUTOBOOT_COUNTDOWN, "Autoboot countdown seen; stopping it"));
            }
            if (texts.menuFooter().matcher(clean).find()) {
                if (now - lastMenuAction >= MENU_SETTLE_MS) {
                    if (menuRounds == 0) {
                        events.accept(new HoldEvent(HoldEvent.Kind.BOOT_MENU, "Boot menu seen; leaving it for the console"));
                    }
                    leaveMenu(clean, menuRounds++);
                    lastMenuAction = now;
                    recent.setLength(0);
                }
                continue;
            }
            if (ConsoleText.repeatedPrompt(clean) != null) {
                String prompt = learnPrompt(console, tap);
                if (prompt != null) {
                    events.accept(new HoldEvent(HoldEvent.Kind.PROMPT, "Stopped at the prompt '" + prompt + "'"));
                    return prompt;
                }
            }
            if (now - lastKeys >= KEY_INTERVAL_MS && now - lastMenuAction >= MENU_SETTLE_MS) {
                if (!breaking) {
                    breaking = true;
                    events.accept(new HoldEvent(HoldEvent.Kind.BREAKING_IN, "Sending keys to stop the boot"));
                }
                console.send(BREAK_KEYS);
                lastKeys = now;
            }
        }
        if (!seen) {
            throw new NoAnswerException("Nothing came from the board within " + timeoutMs / 1000
                    + " s. Check the power, the cable (board TX to adapter RX, RX to TX, GND) and the port.");
        }
        String tail = lastOutput.strip();
        tail = tail.substring(Math.max(0, tail.length() - 200));
        throw new NoAnswerException("The board started but U-Boot could not be stopped within " + timeoutMs / 1000
                + " s. Last output: " + tail);
    }

    /** First ESC, then Ctrl-C, then the menu's own Exit/console entry (by its key or by moving down to it). */
    private void leaveMenu(String clean, int round) throws IOException {
        if (round == 0) {
            console.send(new byte[] {ESC});
            return;
        }
        if (round == 1) {
            console.send(new byte[] {CTRL_C});
            return;
        }
        List<String[]> entries = new ArrayList<>();
        Matcher m = texts.menuEntry().matcher(clean);
        while (m.find()) {
            entries.add(new String[] {m.group(1), m.group(2)});
        }
        for (String[] e : entries) {
            if (texts.consoleEntry().matcher(e[1]).matches()) {
                if (e[0] != null) {
                    console.send(e[0]);
                    return;
                }
                // Unnumbered: the console entry is the last one; moving down stops there.
                for (int i = 0; i < entries.size(); i++) {
                    console.send(DOWN);
                }
                console.send("\r");
                return;
            }
        }
        console.send(new byte[] {ESC});
    }

    /** Sends Ctrl-C three times and returns the line the board repeats each time, or null. */
    static String learnPrompt(Console console, Tap tap) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buf = new byte[4096];
        long lastByte = 0;
        for (int i = 0; i < 3; i++) {
            console.send(new byte[] {CTRL_C});
            long until = System.currentTimeMillis() + 250;
            long left;
            boolean answered = false;
            while ((left = until - System.currentTimeMillis()) > 0) {
                int n = tap.read(buf, 0, buf.length, Math.min(left, QUIET_MS));
                if (n > 0) {
                    text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    lastByte = System.currentTimeMillis();
                    answered = true;
                } else if (answered && System.currentTimeMillis() - lastByte >= QUIET_MS) {
                    break; // answered and quiet again: no need to sit out the rest of the 250 ms (load's start-up)
                }
            }
        }
        // A prompt answers Ctrl-C at once and then waits; a board still printing (BL2's NOTICE lines
        // cut mid-line) would otherwise pass a repeated line start such as "NOTICE:  " for a prompt.
        if (System.currentTimeMillis() - lastByte < QUIET_MS) {
            return null;
        }
        return ConsoleText.repeatedPrompt(ConsoleText.clean(text));
    }
}
