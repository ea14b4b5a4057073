package r4rescue.face.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import r4rescue.link.LinkException;
import r4rescue.procedure.core.Stopped;
import r4rescue.util.Texts;

/**
 * Base of the subcommands that work on the running Linux: opens the session, runs {@link #body},
 * and turns outcomes into the shared exit codes.
 */
abstract class ShellCommand implements Callable<Integer> {

    @Mixin
    ShellOptions opts;

    @Spec
    CommandSpec spec;

    /** Checks arguments before the port is opened; returns an error message or null. */
    String validate() {
        return null;
    }

    abstract int body(ShellSession s) throws IOException, Stopped;

    /** Asks on stderr, reads a line from stdin: only "y…" is yes. */
    boolean ask(String question) throws IOException {
        err().print(question);
        err().flush();
        String a = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return a != null && a.trim().toLowerCase().startsWith("y");
    }

    /** {@link #ask}, with a terminal that cannot be read taken as no (for a procedure's confirm callback). */
    boolean askQuietly(String question) {
        try {
            return ask(question);
        } catch (IOException e) {
            return false;
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public Integer call() {
        String bad = validate();
        if (bad != null) {
            err().println(bad);
            return MainCommand.BAD_INPUT;
        }
        try (ShellSession s = new ShellSession(opts, err())) {
            int rc = body(s);
            out().flush();
            return rc;
        } catch (LinkException e) {
            err().println(Texts.t("cli.no-link", e));
            return MainCommand.NO_LINK;
        } catch (IllegalArgumentException e) {
            // an unreadable --password-file, a value no shell line can carry: refused before it is typed
            err().println(e.getMessage());
            return MainCommand.BAD_INPUT;
        } catch (Stopped e) {
            err().println(ShellSession.describe(e));
            return e.exitCode();
        } catch (IOException e) {
            err().println(Texts.t("cli.unexpected-answer", e.getMessage()));
            return MainCommand.BOARD_SAID_NO;
        } finally {
            err().flush();
        }
    }
}
