package r4rescue.sim.uboot;

import java.util.ArrayList;
import java.util.List;

/**
 * U-Boot's {@code bootmenu} as OpenWrt configures it: title from {@code bootmenu_title} plus the
 * version, entries {@code bootmenu_N} shown as "1." ... "9.", "a.", "b." and a final "0. Exit",
 * drawn with U-Boot's ANSI cursor positioning (each line also ends in CR LF so a plain log
 * reads like the rendered screen), a countdown of {@code bootmenu_delay}, digits/letters,
 * UP/DOWN (ESC [ A / ESC [ B), ENTER; ESC or Ctrl-C quits to the prompt.
 */
final class BootMenu {

    private static final String ESC = "\u001b";

    private record Entry(char key, String title, String command) {
    }

    private final UBoot u;
    private final List<Entry> entries = new ArrayList<>();
    private int active;

    BootMenu(UBoot u) {
        this.u = u;
        for (int i = 0; ; i++) {
            String v = u.getenv("bootmenu_" + i);
            if (v == null) {
                break;
            }
            int eq = v.indexOf('=');
            char key = i < 9 ? (char) ('1' + i) : (char) ('a' + i - 9);
            entries.add(new Entry(key, eq < 0 ? v : v.substring(0, eq), eq < 0 ? "" : v.substring(eq + 1)));
        }
        entries.add(new Entry('0', "Exit", null));
        active = Math.max(0, Math.min(u.intEnv("bootmenu_default", 0), entries.size() - 1));
    }

    private String at(int row, int col) {
        return ESC + "[" + row + ";" + col + "H";
    }

    private void draw() {
        StringBuilder b = new StringBuilder();
        String title = u.getenv("bootmenu_title");
        title = title == null ? "*** U-Boot Boot Menu ***" : title + "       " + u.version;
        b.append(ESC).append("[2J").append(at(1, 1)).append(ESC).append("[2K\r\n");
        b.append(at(2, 3)).append(title).append(ESC).append("[K\r\n");
        b.append(at(3, 1)).append(ESC).append("[2K\r\n");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            b.append(at(i + 4, 7));
            if (i == active) {
                b.append(ESC).append("[7m");
            }
            b.append(e.key()).append(". ").append(e.title());
            if (i == active) {
                b.append(ESC).append("[0m");
            }
            b.append("\r\n");
        }
        int n = entries.size();
        b.append(at(n + 4, 1)).append(ESC).append("[2K\r\n");
        b.append(at(n + 5, 1)).append(ESC).append("[2K\r\n");
        b.append(at(n + 6, 3)).append("Press UP/DOWN to move, ENTER to select, ESC to quit").append(ESC).append("[K\r\n");
        b.append(at(n + 7, 1)).append(ESC).append("[2K");
        u.board.print(b.toString());
    }

    /** Shows the menu; returns the chosen entry's command, or null for the prompt. */
    String show(int delay) {
        u.board.event("menu");
        draw();
        int key = -2; // -2: none yet
        if (delay > 0) {
            int n = entries.size();
            while (delay > 0 && key == -2) {
                u.board.print(at(n + 5, 3) + "Hit any key to stop autoboot: " + delay + " ");
                for (int i = 0; i < 100; i++) {
                    int c = u.board.read(u.tickMs(100));
                    if (c >= 0) {
                        key = c;
                        break;
                    }
                }
                if (key == -2) {
                    delay--;
                }
            }
            u.board.print(at(n + 5, 1) + ESC + "[2K");
            if (key == -2) {
                return choose(active);
            }
            if (key == '\r' || key == '\n') {
                return choose(active);
            }
            if (key == 3) {
                return quit();
            }
            for (int i = 0; i < entries.size(); i++) {
                if (Character.toLowerCase(key) == entries.get(i).key()) {
                    active = i;
                    return choose(i);
                }
            }
            if (key == 27) {
                int n2 = u.board.read(50);
                if (n2 < 0) {
                    return quit(); // a lone ESC times out into "quit", as in bootmenu_loop
                }
                if (n2 == '[') {
                    u.board.read(50);
                }
            }
        } else if (delay == 0) {
            return choose(active);
        }
        u.board.event("menu-wait");
        while (true) {
            int c = u.board.read(60_000);
            if (c < 0) {
                continue;
            }
            if (c == '\r' || c == '\n') {
                return choose(active);
            }
            if (c == 3) {
                return quit();
            }
            if (c == 27) {
                int n2 = u.board.read(50);
                if (n2 < 0) {
                    return quit();
                }
                if (n2 == '[' || n2 == 'O') {
                    int d = u.board.read(50);
                    if (d == 'A' && active > 0) {
                        active--;
                    } else if (d == 'B' && active < entries.size() - 1) {
                        active++;
                    }
                    draw();
                }
                continue;
            }
            for (int i = 0; i < entries.size(); i++) {
                if (Character.toLowerCase(c) == entries.get(i).key()) {
                    active = i;
                    return choose(i);
                }
            }
        }
    }

    private String quit() {
        u.board.print(ESC + "[2J" + at(1, 1));
        return null;
    }

    private String choose(int i) {
        u.board.print(ESC + "[2J" + at(1, 1));
        Entry e = entries.get(i);
        return e.command();
    }
}
