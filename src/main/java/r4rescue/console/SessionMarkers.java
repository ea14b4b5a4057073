package r4rescue.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import r4rescue.link.LinkState;

/**
 * The lines the program writes into the console and the session log when the link changes state,
 * so a reader sees when the cable was pulled and when it came back. Tracks the previous state to
 * tell a reconnect from the first connect and to drop repeated events.
 */
public final class SessionMarkers {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final String name;
    private LinkState last = LinkState.CLOSED;
    private boolean wasDown;

    /** Markers for a session on {@code name} (a port), or an unnamed one if null. */
    public SessionMarkers(String name) {
        this.name = name;
    }

    /** The marker text for this state change, or null if it deserves none. */
    public String onState(LinkState state, String detail, long timeMillis) {
        String at = TIME.format(Instant.ofEpochMilli(timeMillis));
        String why = detail == null || detail.isBlank() ? "" : ": " + detail;
        LinkState previous = last;
        last = state;
        if (state == previous) {
            return null;
        }
        switch (state) {
            case DISCONNECTED -> {
                wasDown = true;
                return line("disconnected at " + at + why);
            }
            case OPEN -> {
                if (wasDown) {
                    wasDown = false;
                    return line("reconnected at " + at);
                }
                return line((name == null ? "connected" : "connected to " + name) + " at " + at);
            }
            case CLOSED -> {
                wasDown = false;
                return line("closed at " + at);
            }
            default -> {
                return null;
            }
        }
    }

    /** Frames {@code text} as a marker line. */
    public static String line(String text) {
        return "\u2014 " + text + " \u2014";
    }

    public static String time(long timeMillis) {
        return TIME.format(Instant.ofEpochMilli(timeMillis));
    }
}
