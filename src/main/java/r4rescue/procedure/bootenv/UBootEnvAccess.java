package r4rescue.procedure.bootenv;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import r4rescue.board.BoardProfile;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.uboot.HoldEvent;
import r4rescue.protocol.uboot.Hush;
import r4rescue.protocol.uboot.UBootSession;

/**
 * The boot loader's environment at U-Boot's own prompt, for builds without {@code fw_setenv}: the
 * first access reboots Linux and stops the next boot in U-Boot; {@code setenv} is read back,
 * {@code saveenv} checked and read back (by {@link UBootSession}); {@link #restart} then types
 * {@code boot}, and the shell driver waits for Linux again. Made with {@link #afterFailedBoot} it
 * does not reboot first: the board is hanging (a root that did not come up) and is stopped in
 * U-Boot at its next power-cycle or reset. The commands typed at U-Boot's prompt are told to
 * {@link #onCommand} (the shell's own {@code reboot} and {@code boot} go through the shell driver).
 */
public final class UBootEnvAccess implements BootloaderEnv {

    private final ShellDriver shell;
    private final BoardProfile board;
    private final Duration holdTimeout;
    private final Consumer<HoldEvent> events;
    private boolean linuxRunning;
    private UBootSession uboot;
    private Consumer<String> commands = c -> { };

    /** From a running Linux shell: the first access types {@code reboot} and takes hold of U-Boot. */
    public UBootEnvAccess(ShellDriver shell, BoardProfile board, Duration holdTimeout, Consumer<HoldEvent> events) {
        this(shell, board, holdTimeout, events, true);
    }

    private UBootEnvAccess(ShellDriver shell, BoardProfile board, Duration holdTimeout, Consumer<HoldEvent> events,
                           boolean linuxRunning) {
        this.shell = shell;
        this.board = board;
        this.holdTimeout = holdTimeout;
        this.events = events;
        this.linuxRunning = linuxRunning;
    }

    /** For a board whose boot failed: waits for its next start (HoldEvent POWER_CYCLE_NOW asks for it). */
    public static UBootEnvAccess afterFailedBoot(ShellDriver shell, BoardProfile board, Duration holdTimeout,
                                                 Consumer<HoldEvent> events) {
        return new UBootEnvAccess(shell, board, holdTimeout, events, false);
    }

    /** Tells {@code sent} each command line typed at U-Boot's prompt (for the window's Commands and the CLI). */
    public UBootEnvAccess onCommand(Consumer<String> sent) {
        commands = sent;
        return this;
    }

    /** The U-Boot session, taking hold of the board first if needed. */
    public UBootSession session() throws IOException {
        if (uboot == null) {
            if (linuxRunning) {
                shell.sendFinal("reboot");
                linuxRunning = false;
            }
            uboot = UBootSession.takeHold(shell.console(), holdTimeout, events);
        }
        return uboot;
    }

    @Override
    public Map<String, String> read() throws IOException {
        UBootSession u = session();
        commands.accept("printenv");
        return u.printenv().asMap();
    }

    @Override
    public void set(String name, String value) throws IOException {
        UBootSession u = session();
        String v = value == null ? "" : value;
        commands.accept(Hush.setenv(name, v));
        u.setenv(name, v);
    }

    @Override
    public void save() throws IOException {
        UBootSession u = session();
        commands.accept("saveenv");
        u.saveenv(board);
    }

    @Override
    public void restart(ShellDriver sh) throws IOException {
        if (uboot == null) {
            BootloaderEnv.super.restart(sh);
            return;
        }
        uboot.close();
        uboot = null;
        sh.sendFinal("boot");
    }

    @Override
    public void resume(ShellDriver sh, long timeoutMs) throws IOException {
        if (uboot != null) {
            restart(sh);
            sh.awaitReboot(timeoutMs, null);
        }
    }

    @Override
    public String describe() {
        return "U-Boot prompt: setenv, saveenv";
    }
}
