package r4rescue.face.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import r4rescue.util.Texts;

/**
 * The board's root password, for a shell that asks for one. Never an argument: a command line is
 * visible to every user in {@code ps} and stays in the shell history. From, in this order:
 * {@code --password-file FILE} (its first line), {@code $R4_RESCUE_PASSWORD}, else typed without echo
 * at a prompt, asked only when the board shows {@code Password:} and only on a terminal.
 */
public final class PasswordOptions {

    static final String ENV = "R4_RESCUE_PASSWORD";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--password-file", paramLabel = "FILE")
    Path file;

    /** The environment, replaceable by tests. */
    Function<String, String> environment = System::getenv;

    @Option(names = "--password", hidden = true, paramLabel = "PASSWORD")
    void commandLinePassword(String ignored) {
        throw new ParameterException(spec.commandLine(), Texts.t("cli.password.refused", ENV));
    }

    /**
     * Where {@code ShellDriver.activateWith} gets the password when the board asks (null when there is
     * none). Called before the port is opened: an unreadable file is refused at once.
     */
    Supplier<String> source() {
        if (file != null) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException(Texts.t("cli.password.unreadable", file, e.getMessage()));
            }
            int nl = text.indexOf('\n');
            String line = (nl < 0 ? text : text.substring(0, nl)).replace("\r", "");
            return () -> line;
        }
        String env = environment.apply(ENV);
        if (env != null && !env.isEmpty()) {
            return () -> env;
        }
        return () -> {
            java.io.Console terminal = System.console();
            char[] typed = terminal == null ? null : terminal.readPassword("%s", Texts.t("cli.password.ask"));
            return typed == null ? null : new String(typed);
        };
    }
}
