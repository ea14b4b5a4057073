package r4rescue.face.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code interrupt}: wait for the board to start, stop it at the U-Boot prompt, print the prompt. */
@Command(name = "interrupt", mixinStandardHelpOptions = true)
public final class InterruptCommand implements Callable<Integer> {

    @Mixin
    BoardOptions board;

    @Override
    public Integer call() {
        return board.withSession(true, s -> {
            if (board.json) {
                board.printJson(Map.of("prompt", s.prompt()));
            } else {
                board.out().println(s.prompt());
            }
            return MainCommand.OK;
        });
    }
}
