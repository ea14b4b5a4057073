package r4rescue.face.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import r4rescue.protocol.uboot.Hush;
import r4rescue.util.Texts;

/** {@code setenv NAME VALUE [--save]}: set, read back, optionally saveenv and check it. */
@Command(name = "setenv", mixinStandardHelpOptions = true)
public final class SetenvCommand implements Callable<Integer> {

    @Mixin
    BoardOptions board;

    @Parameters(index = "0")
    String name;

    @Parameters(index = "1")
    String value;

    @Option(names = "--save")
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
                    board.out().println(name + "=" + value + Texts.t(save ? "cli.setenv.saved" : "cli.setenv.not-saved"));
                }
                return MainCommand.OK;
            });
        });
    }
}
