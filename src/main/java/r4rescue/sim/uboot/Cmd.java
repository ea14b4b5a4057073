package r4rescue.sim.uboot;

import java.util.List;
import java.util.function.BiFunction;

/** A {@link Command} made of a lambda and its help texts. */
public record Cmd(String summary, String usage, BiFunction<UBoot, List<String>, Integer> body) implements Command {

    @Override
    public int run(UBoot u, List<String> argv) {
        return body.apply(u, argv);
    }
}
