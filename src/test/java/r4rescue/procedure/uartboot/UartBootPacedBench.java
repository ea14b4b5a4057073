package r4rescue.procedure.uartboot;

import java.time.Duration;

import r4rescue.board.Boards;
import r4rescue.procedure.unbrick.BootloaderFlasher;
import r4rescue.sim.SimImages;

/**
 * The bench figure of issue #16: on the simulated uart-only board paced at 115200 baud (bytes at
 * the line rate, real boot pauses), the time from "start" to U-Boot's prompt and to "boots from
 * NAND, verified", with and without the fast rates. Run: {@code java -cp ... r4rescue.procedure.uartboot.UartBootPacedBench [fast|slow]}.
 */
public final class UartBootPacedBench {

    public static void main(String[] args) throws Exception {
        boolean[] modes = args.length == 0 ? new boolean[] {true, false} : new boolean[] {args[0].equals("fast")};
        for (boolean fast : modes) {
            try (UartBootBench b = new UartBootBench("uart-only", true)) {
                UartBoot.Options d = UartBoot.Options.defaults(Boards.R4);
                UartBoot.Options o = new UartBoot.Options(fast ? d.bromFastBaud() : 0, fast ? d.bl2FastBaud() : 0,
                        Duration.ofSeconds(60), Duration.ofSeconds(300));
                long t0 = System.currentTimeMillis();
                UartRecovery.Outcome r = new UartRecovery(Boards.R4, b.console, b.listener(), b.procedure()).run(SimImages.ramBl2(),
                        SimImages.snandFip(), new BootloaderFlasher.Image("snand-bl2.img", SimImages.snandBl2()), o, () -> true);
                long total = System.currentTimeMillis() - t0;
                System.out.printf("%s: BL2 running after %.1f s, U-Boot prompt after %.1f s, boots from NAND verified after %.1f s "
                                + "(RAM BL2 %,d bytes at %d, FIP %,d bytes at %d)%n", fast ? "fast rates" : "115200 only",
                        r.uartBoot().millisToBl2() / 1000.0, r.uartBoot().millisToPrompt() / 1000.0, total / 1000.0,
                        SimImages.ramBl2().length, r.uartBoot().bl2Baud(), SimImages.snandFip().length, r.uartBoot().fipBaud());
            }
        }
        System.exit(0);
    }
}
