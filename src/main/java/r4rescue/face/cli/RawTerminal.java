package r4rescue.face.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Puts the terminal on stdin in raw mode (every key straight through, no echo) with {@code stty},
 * and restores it on close or at JVM shutdown (Ctrl-C from outside, kill).
 */
final class RawTerminal implements AutoCloseable {

    private final String saved;
    private final Thread restoreAtExit;
    private boolean restored;

    private RawTerminal(String saved) {
        this.saved = saved;
        this.restoreAtExit = new Thread(this::restore, "restore-tty");
    }

    /**
     * Raw mode when stdin is a terminal; null when it is not (a pipe, a file, or no stty as on
     * Windows): then the caller just pipes. stty runs with our stdin, so it acts on exactly that
     * terminal and fails when stdin is not one.
     */
    static RawTerminal enterIfTerminal() {
        try {
            Process p = stty("-g");
            String settings = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor() != 0 || settings.isEmpty()) {
                return null;
            }
            RawTerminal t = new RawTerminal(settings);
            Runtime.getRuntime().addShutdownHook(t.restoreAtExit);
            if (stty("raw", "-echo").waitFor() != 0) {
                t.close();
                return null;
            }
            return t;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Process stty(String... args) throws IOException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "stty";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private synchronized void restore() {
        if (restored) {
            return;
        }
        restored = true;
        try {
            stty(saved).waitFor();
        } catch (IOException e) {
            // The terminal is gone; nothing to restore.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreAtExit);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs and finds it restored.
        }
    }
}
