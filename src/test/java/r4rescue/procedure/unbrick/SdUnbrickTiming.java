package r4rescue.procedure.unbrick;

import java.util.Locale;
import java.util.Map;

import r4rescue.protocol.uboot.UBootSession;

/**
 * Times the whole SD unbrick of a bl2-corrupt board on the simulator paced at 115200 baud, from
 * connect to "boots from NAND, verified"; prints {@code NAME VALUE UNIT} lines per phase.
 * Run: {@code java -cp target/test-classes:target/classes:DEPS r4rescue.procedure.unbrick.SdUnbrickTiming [spec]}.
 */
public final class SdUnbrickTiming {

    private SdUnbrickTiming() {
    }

    public static void main(String[] args) throws Exception {
        String spec = args.length > 0 ? args[0] : "sim:bl2-corrupt@paced";
        long t0 = System.currentTimeMillis();
        try (SdUnbrickDriver d = new SdUnbrickDriver(spec, e -> {
            if (e.kind() != r4rescue.procedure.core.Event.Kind.PROGRESS && e.kind() != r4rescue.procedure.core.Event.Kind.COMMAND) {
                System.err.printf(Locale.ROOT, "%7.1f s  %s%n", (System.currentTimeMillis() - t0) / 1000.0, e.message());
            }
        })) {
            UBootSession s = d.bootFromSd();
            var checks = d.installFromCard(s, -1, -1);
            if (!checks.stream().allMatch(MenuInstall.Check::ok)) {
                throw new IllegalStateException("read-back differs: " + checks);
            }
            s.close();
            var seen = d.bootFromNand();
            System.err.println("NAND boot: device " + seen.bootDevice() + ", reached " + seen.stage() + ", last line: " + seen.lastText());
            for (Map.Entry<String, Long> e : d.phasesMs.entrySet()) {
                System.out.printf(Locale.ROOT, "sd_unbrick_%s %.1f s%n", e.getKey().replace('-', '_'), e.getValue() / 1000.0);
            }
            System.out.printf(Locale.ROOT, "sd_unbrick_total %.1f s%n", (System.currentTimeMillis() - t0) / 1000.0);
            System.out.printf(Locale.ROOT, "sd_unbrick_console_bytes %d bytes%n", d.board.uart().sentBytes());
        }
        System.exit(0);
    }
}
