package r4rescue.sim.uboot;

import java.util.List;

/** One U-Boot command: {@code argv[0]} is its name; returns 0 for success, 1 for failure. */
public interface Command {

    /** Returned to make U-Boot print the command's usage (CMD_RET_USAGE). */
    int USAGE = -1;

    int run(UBoot u, List<String> argv);

    /** The one-line description shown by {@code help}. */
    String summary();

    /** The usage text printed by {@code help NAME} and on bad arguments. */
    default String usage() {
        return "";
    }
}
