package r4rescue.procedure.sdcard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import r4rescue.board.BoardProfile;
import r4rescue.util.Texts;

/**
 * How this process gets at a card. Where UDisks2 is on the system bus (any desktop): it unmounts
 * the partitions and opens the card ({@link UDisks2}, polkit asks the person at the desk), whoever
 * runs the program. Where it is absent: root (benches, CI) opens the device itself and unmounts
 * with umount(8); a user re-runs this same program through {@code pkexec}. Windows and macOS are
 * not supported yet, and say so.
 */
public final class HostPrivilege {

    private HostPrivilege() {
    }

    /** Null when writing cards is supported here, else why not. */
    public static String unsupported() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") ? null : Texts.t("sdcard.unsupportedOs", System.getProperty("os.name"));
    }

    /**
     * The card writer for this computer: through UDisks2 when it is there ({@code udisks} receives it,
     * to be closed after the write), else by the device's path with umount(8).
     */
    public static CardWriter writer(BoardProfile board, BlockDisks disks, UDisks2 udisks) {
        return udisks != null ? new CardWriter(board, disks, udisks) : new CardWriter(board, disks, Unmounter.umount());
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
            throw new IOException(Texts.t("sdcard.pkexec.interrupted"), e);
        }
    }
}
