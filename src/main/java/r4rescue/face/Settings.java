package r4rescue.face;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import r4rescue.AppDirs;

/**
 * What the program remembers between runs: last port and baud, theme, window bounds, recent image
 * files. Kept as JSON in {@code settings.json} in the user's config folder. A missing or damaged
 * file gives the defaults (the program must start regardless); saving replaces the file
 * atomically, so a crash mid-write never leaves half a file.
 */
// Jackson reads the fields directly, so the setters' checks do not turn one bad value into a
// rejected file; sanitized() repairs such values instead.
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Settings {

    public static final int MAX_RECENT = 10;
    public static final int DEFAULT_BAUD = 115200;

    public enum Theme {
        @JsonProperty("light") LIGHT,
        @JsonProperty("dark") DARK
    }

    /** Window position and size in screen pixels. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private String lastPort;
    private int baud = DEFAULT_BAUD;
    private Theme theme = Theme.LIGHT;
    private WindowBounds window;
    private List<String> recentImages = new ArrayList<>();

    /** The file for this user: {@code <config>/settings.json}. */
    public static Path defaultFile() {
        return AppDirs.forThisUser().config().resolve("settings.json");
    }

    /** Reads {@code file}; defaults when it is missing, unreadable or not valid settings JSON. */
    public static Settings load(Path file) {
        try {
            Settings s = JSON.readValue(Files.readAllBytes(file), Settings.class);
            return s == null ? new Settings() : s.sanitized();
        } catch (NoSuchFileException e) {
            return new Settings();
        } catch (IOException | RuntimeException e) {
            System.err.println("r4-rescue: ignoring unreadable settings " + file + ": " + e.getMessage());
            return new Settings();
        }
    }

    /** Writes to a temporary file beside {@code file}, then moves it over {@code file}. */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "settings", ".tmp");
        try {
            Files.write(tmp, JSON.writeValueAsBytes(this));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // Values a hand-edited or older file may hold that the program cannot use fall back to defaults.
    private Settings sanitized() {
        if (baud <= 0) {
            baud = DEFAULT_BAUD;
        }
        if (theme == null) {
            theme = Theme.LIGHT;
        }
        if (window != null && (window.width() <= 0 || window.height() <= 0)) {
            window = null;
        }
        List<String> images = recentImages == null ? List.of() : recentImages;
        recentImages = new ArrayList<>();
        for (int i = images.size() - 1; i >= 0; i--) {
            if (images.get(i) != null && !images.get(i).isBlank()) {
                remember(images.get(i));
            }
        }
        return this;
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
