package r4rescue.face.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The command line run as a user would run it, keeping what it printed on stdout and stderr. */
public final class CliRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code r4-rescue ARGS} and returns its exit code. */
    public int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line printing here, for a test that sets up a subcommand before it runs. */
    public picocli.CommandLine commandLine() {
        picocli.CommandLine cl = MainCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }

    /** Forgets what was printed so far. */
    public void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
