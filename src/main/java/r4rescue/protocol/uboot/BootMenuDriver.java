package r4rescue.protocol.uboot;

import java.io.IOException;
import java.util.regex.Pattern;

import r4rescue.console.Tap;

/**
 * U-Boot's boot menu ({@code bootmenu}) driven from its prompt: opens it, reads the entries from
 * the drawn screen (with the menu texts of {@code autoboot.json}), presses the key of the entry
 * whose text is asked for, and leaves it for the prompt. The entry's text comes from the caller's
 * data (the board profile's menus), never a key number: the numbering differs between builds.
 */
public final class BootMenuDriver {

    private static final Pattern FOOTER = BootMenuScreen.FOOTER;
    private static final long MENU_MS = 15_000;

    private final UBootSession session;

    public BootMenuDriver(UBootSession session) {
        this.session = session;
    }

    /** The command line that opens the menu (shown to the user as sent). */
    public static String openCommand() {
        return "bootmenu -1";
    }

    /**
     * Opens the menu and finds the key of the entry titled {@code title}, without pressing it (the
     * caller says what pressing it will change first). Without such an entry the menu is left for
     * the prompt and {@link UBootException} lists the entries it has.
     */
    public String open(String title) throws IOException {
        Tap tap = session.tap();
        tap.drain();
        session.console().send(openCommand() + "\r");
        Tap.Match menu = tap.readUntil(FOOTER, MENU_MS);
        if (menu == null) {
            throw new UBootException("The boot menu did not appear after '" + openCommand() + "'.");
        }
        BootMenuScreen screen = BootMenuScreen.parse(menu.text());
        String key = screen.keyOf(title);
        if (key == null) {
            leave();
            throw new UBootException("This menu has no entry '" + title + "' (it lists: "
                    + String.join(", ", screen.entries().values()) + ").");
        }
        return key;
    }

    /** Presses an entry's key in the open menu; the session's tap then holds what the entry prints. */
    public void press(String key) throws IOException {
        session.console().send(key);
    }

    /** Answers an entry's "Press ENTER to return to menu" and leaves the menu for the prompt. */
    public void returnToPrompt() throws IOException {
        session.console().send("\r");
        leave();
    }

    /** Leaves the menu for the prompt (Ctrl-C quits U-Boot's bootmenu) and makes sure the prompt answers. */
    public void leave() throws IOException {
        session.tap().readUntil(FOOTER, 5_000);
        session.console().send(new byte[] {3});
        session.tap().readUntil(Pattern.compile(Pattern.quote(session.prompt())), 3_000);
        session.run("true");
    }

    /** The text as the screen shows it (cursor moves to a column become indented new lines, escapes removed). */
    public static String screenText(String raw) {
        return BootMenuScreen.clean(raw);
    }
}
