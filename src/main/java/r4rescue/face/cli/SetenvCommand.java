package r4rescue.face.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import r4rescue.protocol.uboot.Hush;

/** {@code setenv NAME VALUE [--save]}: set, read back, optionally saveenv and check it. */
@Command(name = "setenv", mixinStandardHelpOptions = true,
        description = {"Set a U-Boot variable and read it back; with --save also store the environment",
                "and check that U-Boot said OK. An empty VALUE deletes the variable."})
public final class SetenvCommand implements Callable<Integer> {

    @Mixin
    BoardOptions board;

    @Parameters(index = "0", description = "Variable name")
    String name;

    @Parameters(index = "1", description = "Value (any text on one line; quoted for U-Boot's shell by the program)")
    String value;

    @Option(names = "--save", description = "Run saveenv afterwards: OK only if U-Boot says OK and the stored copy reads back equal to the running environment")
    boolean save;

    @Override
    public Integer call() {
        return board.guarded(() -> {
            Hush.setenv(name, value);
            return board.withSession(false, s -> {
                s.setenv(name, value);
                if (save) {
                    s.saveenv(board.link.profile());
                }
                if (board.json) {
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("name", name);
                    j.put("value", value);
                    j.put("saved", save);
                    board.printJson(j);
                } else {
                    board.out().println(name + "=" + value + (save ? " (read back, saved: OK)" : " (read back; not saved)"));
                }
                return MainCommand.OK;
            });
        });
    }
}
