package r4rescue.face.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import r4rescue.protocol.uboot.Hush;
import r4rescue.protocol.uboot.UBootEnv;
import r4rescue.util.Texts;

/** {@code env [NAME]}: print U-Boot's environment or one variable. */
@Command(name = "env", mixinStandardHelpOptions = true)
public final class EnvCommand implements Callable<Integer> {

    @Mixin
    BoardOptions board;

    @Parameters(index = "0", arity = "0..1")
    String name;

    @Override
    public Integer call() {
        return board.guarded(() -> {
            if (name != null) {
                Hush.checkName(name);
            }
            return board.withSession(false, s -> {
                if (name != null) {
                    var v = s.getenv(name);
                    if (v.isEmpty()) {
                        board.err().println(Texts.t("cli.env.not-set", name));
                        return MainCommand.BOARD_SAID_NO;
                    }
                    if (board.json) {
                        board.printJson(Map.of(name, v.get()));
                    } else {
                        board.out().println(v.get());
                    }
                    return MainCommand.OK;
                }
                UBootEnv env = s.printenv();
                if (board.json) {
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("variables", env.asMap());
                    j.put("usedBytes", env.usedBytes());
                    j.put("totalBytes", env.totalBytes());
                    board.printJson(j);
                } else {
                    env.asMap().forEach((k, v) -> board.out().println(k + "=" + v));
                }
                return MainCommand.OK;
            });
        });
    }
}
