package r4rescue.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import r4rescue.console.ConsoleModel;
import r4rescue.console.LineAssembler;

/** Throughput of bytes → decoder → ANSI/line assembler → styled model, without a window. */
public final class ConsoleBench {

    private ConsoleBench() {
    }

    /**
     * Pushes {@code megabytes} MiB per round in {@code chunk}-byte feeds, {@code rounds} times after a
     * warm-up; returns the figures ({@code NAME VALUE UNIT}), median and best.
     */
    public static List<String> measure(int megabytes, int rounds, int chunk) {
        byte[] input = bootLog(8 << 20);
        long total = (long) megabytes << 20;
        run(input, 16L << 20, chunk); // warm-up so the JIT has compiled the pipeline
        double[] mbps = new double[rounds];
        long lines = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            lines = run(input, total, chunk);
            long ns = System.nanoTime() - t0;
            mbps[r] = total / 1e6 / (ns / 1e9);
        }
        Arrays.sort(mbps);
        double median = mbps[rounds / 2];
        double linesPerByte = (double) lines / total;
        List<String> out = new ArrayList<>();
        out.add(figure("console.throughput", median, "MB/s"));
        out.add(figure("console.throughput.best", mbps[rounds - 1], "MB/s"));
        out.add(figure("console.lines_per_second", median * 1e6 * linesPerByte, "lines/s"));
        out.add(figure("console.headroom_at_1.5Mbaud", median / 0.15, "x"));
        return out;
    }

    private static String figure(String name, double value, String unit) {
        return name + " " + String.format(Locale.ROOT, "%.1f", value) + " " + unit;
    }

    /** Feeds {@code total} bytes of {@code input} (repeated) through a fresh pipeline; returns the lines made. */
    private static long run(byte[] input, long total, int chunk) {
        ConsoleModel model = new ConsoleModel();
        LineAssembler assembler = new LineAssembler(model);
        long left = total;
        int pos = 0;
        while (left > 0) {
            int n = (int) Math.min(Math.min(chunk, left), input.length - pos);
            assembler.feed(input, pos, n);
            pos = (pos + n) % input.length;
            left -= n;
        }
        return model.endSeq();
    }

    /** U-Boot, kernel and systemd-style lines, some coloured, some with CR progress, CRLF line ends. */
    static byte[] bootLog(int size) {
        Random r = new Random(42);
        String[] kernel = {
            "mtk-soc-eth 15100000.ethernet eth0: mediatek frame engine at 0xffffffc082a00000, irq 104",
            "mtk-pcie-gen3 11300000.pcie: PCI host bridge to bus 0000:00",
            "nvme nvme0: pci function 0000:01:00.0",
            "spi-nand spi0.0: Winbond SPI NAND was found.",
            "ubi0: attached mtd5 (name \"ubi\", size 250 MiB)",
            "EXT4-fs (nvme0n1p1): mounted filesystem with ordered data mode. Quota mode: none.",
            "mt7996e 0000:01:00.0: HW/SW Version: 0x8a108a10, Build Time: 20240823160223a",
        };
        String[] units = {"Network Manager", "Dropbear SSH", "uhttpd", "odhcpd", "Log daemon"};
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 256);
        double t = 0;
        while (out.size() < size) {
            t += r.nextDouble() * 0.01;
            String line;
            int kind = r.nextInt(20);
            if (kind < 12) {
                line = String.format(Locale.ROOT, "[%12.6f] %s", t, kernel[r.nextInt(kernel.length)]);
            } else if (kind < 16) {
                line = "[  \u001b[0;32mOK  \u001b[0m] Started \u001b[0;1;39m" + units[r.nextInt(units.length)] + "\u001b[0m.";
            } else if (kind < 17) {
                line = "[\u001b[0;1;31mFAILED\u001b[0m] Failed to start \u001b[0;1;39mwpad\u001b[0m.";
            } else if (kind < 19) {
                line = "Reading from 0x" + Integer.toHexString(r.nextInt()) + ", size 0x100000 ... "
                        + "\r" + "\u001b[K" + "   50%" + "\r" + "  100% done";
            } else {
                line = "MT7988> mmc read 0x50000000 0x4000 0x2000";
            }
            out.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
