package r4rescue.face;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

import r4rescue.AppDirs;

/**
 * What the program remembers between runs: last port and baud, theme, language, window bounds,
 * recent image files. Kept in {@code settings.properties} in the user's config folder: the JDK reads that format
 * at no cost, where Jackson's first use would hold up the window's start by about 100 ms. A missing
 * or damaged file gives the defaults (the program must start regardless), and a value the program
 * cannot use falls back to its default alone; saving replaces the file atomically, so a crash
 * mid-write never leaves half a file.
 */
public final class Settings {

    public static final int MAX_RECENT = 10;
    public static final int DEFAULT_BAUD = 115200;
    /** The languages the window can be set to (their bundles are complete or partial), by tag. */
    public static final List<String> LANGUAGES = List.of("en", "zh", "de");

    public enum Theme {
        LIGHT,
        DARK
    }

    /** Window position and size in screen pixels. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    private String lastPort;
    private int baud = DEFAULT_BAUD;
    private Theme theme = Theme.LIGHT;
    private String language;
    private WindowBounds window;
    private List<String> recentImages = new ArrayList<>();

    /** The file for this user: {@code <config>/settings.properties}. */
    public static Path defaultFile() {
        return AppDirs.forThisUser().config().resolve("settings.properties");
    }

    /** Reads {@code file}; defaults when it is missing or unreadable, and for each value that is unusable. */
    public static Settings load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return new Settings();
        } catch (IOException | RuntimeException e) {
            System.err.println("r4-rescue: ignoring unreadable settings " + file + ": " + e.getMessage());
            return new Settings();
        }
        Settings s = new Settings();
        String port = p.getProperty("lastPort");
        s.lastPort = port == null || port.isBlank() ? null : port;
        long baud = number(p, "baud");
        s.baud = baud > 0 && baud <= Integer.MAX_VALUE ? (int) baud : DEFAULT_BAUD;
        s.theme = "dark".equals(p.getProperty("theme")) ? Theme.DARK : Theme.LIGHT;
        String language = p.getProperty("language");
        s.language = language != null && LANGUAGES.contains(language) ? language : null;
        double w = decimal(p, "window.width");
        double h = decimal(p, "window.height");
        if (w > 0 && h > 0) {
            double x = decimal(p, "window.x");
            double y = decimal(p, "window.y");
            s.window = new WindowBounds(Double.isNaN(x) ? 0 : x, Double.isNaN(y) ? 0 : y, w, h,
                    Boolean.parseBoolean(p.getProperty("window.maximized")));
        }
        for (int i = MAX_RECENT; i >= 1; i--) {
            String image = p.getProperty("recentImage." + i);
            if (image != null && !image.isBlank()) {
                s.remember(image);
            }
        }
        return s;
    }

    private static long number(Properties p, String key) {
        try {
            return Long.parseLong(p.getProperty(key, "").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static double decimal(Properties p, String key) {
        try {
            double d = Double.parseDouble(p.getProperty(key, "").trim());
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private String text() throws IOException {
        Properties p = new Properties();
        if (lastPort != null) {
            p.setProperty("lastPort", lastPort);
        }
        p.setProperty("baud", Integer.toString(baud));
        p.setProperty("theme", theme.name().toLowerCase(Locale.ROOT));
        if (language != null) {
            p.setProperty("language", language);
        }
        if (window != null) {
            p.setProperty("window.x", Double.toString(window.x()));
            p.setProperty("window.y", Double.toString(window.y()));
            p.setProperty("window.width", Double.toString(window.width()));
            p.setProperty("window.height", Double.toString(window.height()));
            p.setProperty("window.maximized", Boolean.toString(window.maximized()));
        }
        for (int i = 0; i < recentImages.size(); i++) {
            p.setProperty("recentImage." + (i + 1), recentImages.get(i));
        }
        StringWriter out = new StringWriter();
        p.store(out, "R4 Rescue settings");
        return out.toString();
    }

    /** Writes to a temporary file beside {@code file}, then moves it over {@code file}. */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        r4rescue.util.PrivateFiles.directories(dir); // 0700; the temp file below is 0600 already
        Path tmp = Files.createTempFile(dir, "settings", ".tmp");
        try {
            Files.writeString(tmp, text(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public String getLastPort() {
        return lastPort;
    }

    public void setLastPort(String lastPort) {
        this.lastPort = lastPort;
    }

    public int getBaud() {
        return baud;
    }

    public void setBaud(int baud) {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be positive: " + baud);
        }
        this.baud = baud;
    }

    public Theme getTheme() {
        return theme;
    }

    public void setTheme(Theme theme) {
        this.theme = Objects.requireNonNull(theme, "theme");
    }

    /** The language chosen in the window ({@link #LANGUAGES}), or null to follow the OS. */
    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        if (language != null && !LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("language must be one of " + LANGUAGES + " or null: " + language);
        }
        this.language = language;
    }

    /** The language texts are given in: the chosen one, else {@code system} (the OS's). */
    public Locale locale(Locale system) {
        return language == null ? system : Locale.forLanguageTag(language);
    }

    /** Null until a window was closed once. */
    public WindowBounds getWindow() {
        return window;
    }

    public void setWindow(WindowBounds window) {
        this.window = window;
    }

    /** Most recent first, at most {@link #MAX_RECENT}. */
    public List<Path> recentImages() {
        return recentImages.stream().map(Path::of).toList();
    }

    /** Puts {@code image} first, dropping an older entry for the same file and the oldest beyond the limit. */
    public void addRecentImage(Path image) {
        remember(image.toAbsolutePath().normalize().toString());
    }

    private void remember(String image) {
        recentImages.remove(image);
        recentImages.add(0, image);
        while (recentImages.size() > MAX_RECENT) {
            recentImages.remove(recentImages.size() - 1);
        }
    }
}
