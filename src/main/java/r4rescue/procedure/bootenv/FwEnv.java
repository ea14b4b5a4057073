package r4rescue.procedure.bootenv;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import r4rescue.protocol.shell.Sh;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.protocol.shell.ShellException;
import r4rescue.protocol.shell.ShellResult;

/** The U-Boot environment through uboot-envtools' {@code fw_printenv} / {@code fw_setenv} on the running system. */
public final class FwEnv implements BootloaderEnv {

    private final ShellDriver shell;

    public FwEnv(ShellDriver shell) {
        this.shell = shell;
    }

    /** Whether both tools are on the board (OpenWrt builds without uboot-envtools have neither). */
    public static boolean available(ShellDriver shell) throws IOException {
        return shell.run("which fw_printenv fw_setenv").ok();
    }

    @Override
    public Map<String, String> read() throws IOException {
        ShellResult r = shell.check("fw_printenv");
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : r.output().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    @Override
    public void set(String name, String value) throws IOException {
        ShellResult r = shell.run("fw_setenv " + Sh.quote(name) + (value == null ? "" : " " + Sh.quote(value)));
        if (r.notFound()) {
            throw new ShellException("fw_setenv is not on this board: set the variable from the U-Boot prompt instead", r);
        }
        if (!r.ok()) {
            throw new ShellException("fw_setenv " + name + " failed (exit " + r.exitStatus() + "): " + r.text(), r);
        }
    }

    @Override
    public void save() {
        // fw_setenv has stored the environment before it returns (with a redundant environment, into
        // the copy that was not current, then marked current), so there is nothing left to save.
    }

    @Override
    public String describe() {
        return "fw_setenv (Linux)";
    }
}
