package r4rescue.protocol.shell;

/** What one command printed (stdout and stderr, cleaned) and its exit status. */
public record ShellResult(String command, String output, int exitStatus) {

    public boolean ok() {
        return exitStatus == 0;
    }

    /** The output without its final newline. */
    public String text() {
        return output.endsWith("\n") ? output.substring(0, output.length() - 1) : output;
    }

    /** "command not found" in ash and bash. */
    public boolean notFound() {
        return exitStatus == 127;
    }
}
