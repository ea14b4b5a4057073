package r4rescue.procedure.sdcard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How this process gets at a card. As root (benches, CI): directly, umount(8) for the partitions.
 * As a user: UDisks2 over the system D-Bus unmounts them (polkit asks the person at the desk); the
 * device itself is opened by this same program run through {@code pkexec}, because UDisks2's
 * {@code OpenDevice} hands back a file descriptor over the bus, and the D-Bus transport served to
 * this project (dbus-java's native unix socket) cannot receive one. Windows and macOS are not
 * supported yet, and say so.
 */
public final class HostPrivilege {

    private HostPrivilege() {
    }

    /** Null when writing cards is supported here, else why not. */
    public static String unsupported() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") ? null
                : "Writing the card from the program is supported on Linux only for now; on " + System.getProperty("os.name")
                + " use balenaEtcher or Rufus with the .img.gz file as it is.";
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static Unmounter unmounter() {
        if (root()) {
            return Unmounter.umount();
        }
        return partition -> {
            try (UDisks2 u = UDisks2.system()) {
                u.unmount(partition);
            }
        };
    }

    /**
     * The command that runs {@code r4-rescue ARGS} as root through pkexec (polkit asks for the
     * password), or empty where pkexec is missing. The child is this same program: the java binary
     * with this class path, or the packaged launcher.
     */
    public static Optional<List<String>> pkexec(List<String> args) {
        Optional<Path> pkexec = onPath("pkexec");
        String self = ProcessHandle.current().info().command().orElse(null);
        if (pkexec.isEmpty() || self == null) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>(List.of(pkexec.get().toString(), self));
        if (Path.of(self).getFileName().toString().equals("java")) {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "r4rescue.Launcher"));
        }
        cmd.addAll(args);
        return Optional.of(cmd);
    }

    private static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** pkexec's own exit codes: 126 the person said no (or no polkit agent), 127 not authorised. */
    public static boolean pkexecRefused(int exit) {
        return exit == 126 || exit == 127;
    }

    /** Runs {@code cmd} with this terminal's stdin, stdout and stderr; returns its exit code. */
    public static int runInherited(List<String> cmd) throws IOException {
        try {
            return new ProcessBuilder(cmd).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while the privileged writer ran.", e);
        }
    }
}
