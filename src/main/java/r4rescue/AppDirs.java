package r4rescue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the program keeps its files, as each platform expects: XDG base directories on Linux,
 * Application Support / Logs on macOS, %APPDATA% / %LOCALAPPDATA% on Windows. The environment
 * variable {@code R4RESCUE_HOME} (or the system property {@code r4rescue.home}), when set, puts all
 * of them under one folder (tests use it).
 */
public final class AppDirs {

    private static final String APP = "r4-rescue";

    private final Path config;
    private final Path state;
    private final Path data;

    public AppDirs(Path config, Path state, Path data) {
        this.config = config;
        this.state = state;
        this.data = data;
    }

    /** Settings (last port, theme, window size). */
    public Path config() {
        return config;
    }

    /** Session logs and other records of what happened. */
    public Path state() {
        return state;
    }

    /** Reports, backups copied from the board. */
    public Path data() {
        return data;
    }

    public Path logs() {
        return state.resolve("logs");
    }

    /** The procedures' write-ahead journals ({@code r4-rescue journal}). */
    public Path journals() {
        return state.resolve("journal");
    }

    public static AppDirs forThisUser() {
        Map<String, String> env = System.getenv();
        String home = System.getProperty("r4rescue.home"); // one per test JVM (surefire runs two side by side)
        if (home != null && !home.isBlank()) {
            env = new java.util.HashMap<>(env);
            env.put("R4RESCUE_HOME", home);
        }
        return of(System.getProperty("os.name", ""), env, Path.of(System.getProperty("user.home")));
    }

    static AppDirs of(String osName, Map<String, String> env, Path home) {
        String override = env.get("R4RESCUE_HOME");
        if (override != null && !override.isBlank()) {
            Path root = Path.of(override);
            return new AppDirs(root.resolve("config"), root.resolve("state"), root.resolve("data"));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path roaming = env.get("APPDATA") != null ? Path.of(env.get("APPDATA")) : home.resolve("AppData/Roaming");
            Path local = env.get("LOCALAPPDATA") != null ? Path.of(env.get("LOCALAPPDATA")) : home.resolve("AppData/Local");
            return new AppDirs(roaming.resolve("R4 Rescue"), local.resolve("R4 Rescue"), local.resolve("R4 Rescue"));
        }
        if (os.startsWith("mac")) {
            Path support = home.resolve("Library").resolve("Application Support").resolve("R4 Rescue");
            return new AppDirs(support, home.resolve("Library").resolve("Logs").resolve("R4 Rescue"), support);
        }
        Path config = pathOr(env.get("XDG_CONFIG_HOME"), home.resolve(".config"));
        Path state = pathOr(env.get("XDG_STATE_HOME"), home.resolve(".local").resolve("state"));
        Path data = pathOr(env.get("XDG_DATA_HOME"), home.resolve(".local").resolve("share"));
        return new AppDirs(config.resolve(APP), state.resolve(APP), data.resolve(APP));
    }

    private static Path pathOr(String value, Path fallback) {
        // XDG says relative paths are invalid and must be ignored.
        return value == null || value.isBlank() || !Path.of(value).isAbsolute() ? fallback : Path.of(value);
    }
}
