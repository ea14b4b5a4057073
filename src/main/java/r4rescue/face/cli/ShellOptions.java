package r4rescue.face.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options every shell-side subcommand shares: the shared {@link PortOptions} (port, baud, log,
 * timeout — here how long one board command may take, 60 s unless given; copies get longer) and
 * what a shell session needs besides.
 */
public final class ShellOptions {

    @Mixin
    PortOptions link;

    @Mixin
    PasswordOptions password;

    @Option(names = "--json", descriptionKey = "shell-options.json")
    boolean json;

    @Option(names = "--device", defaultValue = "/dev/nvme0n1")
    String device;

    String port() {
        return link.port;
    }

    long timeoutMillis() {
        return link.timeoutMillis(60_000);
    }
}
