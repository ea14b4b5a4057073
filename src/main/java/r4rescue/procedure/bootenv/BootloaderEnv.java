package r4rescue.procedure.bootenv;

import java.io.IOException;
import java.util.Map;

import r4rescue.protocol.shell.ShellDriver;

/**
 * The boot loader's environment, however it is reached: {@code fw_printenv}/{@code fw_setenv} from
 * Linux ({@link FwEnv}), or U-Boot's {@code printenv}/{@code setenv}/{@code saveenv} at its prompt
 * (implemented by the U-Boot driver). {@link #set} may be buffered until {@link #save}.
 */
public interface BootloaderEnv {

    /** Every variable, name to value. */
    Map<String, String> read() throws IOException;

    /** Sets (or with a null value, deletes) one variable. */
    void set(String name, String value) throws IOException;

    /** Makes the changes permanent (U-Boot: {@code saveenv}; fw_setenv: already written). */
    void save() throws IOException;

    /** Starts the board again from where this environment left it (Linux: {@code reboot}). */
    default void restart(ShellDriver shell) throws IOException {
        shell.sendFinal("reboot");
    }

    /** Leaves the board running Linux again if reaching this environment left it elsewhere (U-Boot's prompt). */
    default void resume(ShellDriver shell, long timeoutMs) throws IOException {
    }

    /** Where this environment is reached, for messages: "fw_setenv (Linux)", "U-Boot prompt". */
    String describe();
}
