package r4rescue.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import r4rescue.console.bootlog.BootLogObserver;

/** Lines per second through the boot-log observer, over the shipped sample boot plus failure lines, repeated. */
public final class DiagnoseBench {

    private static final String[] FAILURE_LINES = {
        "ERROR:   BL2: Failed to load image id 3 (-2)",
        "Volume fit not found!",
        "[    2.104551] VFS: Cannot open root device \"/dev/nvme0n1p1\" or unknown-block(0,0): error -6",
        "[    3.518112] UBI error: cannot attach mtd1",
        "[    1.811211] mtk-pcie-gen3 11300000.pcie: PCIe link down, current LTSSM state: detect.quiet (0x0)",
        "\u001b[1;32mPlease press Enter to activate this console.\u001b[0m\r",
    };

    private DiagnoseBench() {
    }

    /** Feeds {@code lines} lines after a warm-up; returns lines per second. */
    public static long linesPerSecond(long lines) throws IOException {
        List<String> log = sampleLog();
        BootLogObserver warm = new BootLogObserver();
        for (int i = 0; i < 200_000; i++) {
            warm.accept(log.get(i % log.size()), i);
        }
        BootLogObserver o = new BootLogObserver();
        long start = System.nanoTime();
        for (long i = 0; i < lines; i++) {
            o.accept(log.get((int) (i % log.size())), i);
        }
        long nanos = System.nanoTime() - start;
        o.finish();
        return (long) (lines / (nanos / 1e9));
    }

    static List<String> sampleLog() throws IOException {
        String text;
        try (InputStream in = DiagnoseBench.class.getResourceAsStream("/r4rescue/bootlog/baud-reference.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> log = new ArrayList<>();
        log.add("F0: 102B 0000");
        log.add("EC: 0000 0000 [1000]");
        log.add("Jump to BL");
        log.addAll(List.of(text.split("\n")));
        log.addAll(List.of(FAILURE_LINES));
        return log;
    }
}
