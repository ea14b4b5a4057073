package r4rescue.face.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Options every shell-side subcommand shares: where the board is and how patient to be. */
public final class ShellOptions {

    @Option(names = {"-p", "--port"}, required = true, description = "Serial port (/dev/ttyUSB0, COM3), tcp:HOST:PORT, or sim:SCENARIO")
    String port;

    @Option(names = {"-b", "--baud"}, defaultValue = "115200", description = "Line rate (default ${DEFAULT-VALUE})")
    int baud;

    @Option(names = "--log", description = "Append everything the console shows to this file")
    Path log;

    @Option(names = "--timeout", defaultValue = "60", description = "Seconds one board command may take (default ${DEFAULT-VALUE}; copies get longer)")
    int timeoutSeconds;

    @Option(names = "--password", description = "Root password, if the board asks for one")
    String password;

    @Option(names = "--json", description = "Print the result as JSON on stdout")
    boolean json;

    @Option(names = "--device", defaultValue = "/dev/nvme0n1", description = "The NVMe SSD (default ${DEFAULT-VALUE})")
    String device;
}
