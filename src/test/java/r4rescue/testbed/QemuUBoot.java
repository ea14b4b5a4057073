package r4rescue.testbed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import r4rescue.console.Console;
import r4rescue.link.SerialLink;
import r4rescue.protocol.uboot.HoldEvent;
import r4rescue.protocol.uboot.UBootSession;

/**
 * Real U-Boot (Debian u-boot-qemu, qemu_arm64) under qemu-system-aarch64 with its UART on a pty
 * (testbeds.md §2). The machine starts paused; {@link #powerOn} lets it run, {@link #powerCycle}
 * resets it through the monitor. The environment in flash1 is written before start.
 */
public final class QemuUBoot implements AutoCloseable {

    public static final Path UBOOT = Path.of("/usr/lib/u-boot/qemu_arm64/u-boot.bin");
    private static final int ENV_SIZE = 0x40000;

    private final Path dir;
    private final Process qemu;
    private final OutputStream monitor;
    private final Path pty;

    public static boolean available() {
        return Files.isReadable(UBOOT) && onPath("qemu-system-aarch64");
    }

    public static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Starts QEMU paused with {@code env} ("name=value" strings) in flash1. */
    public QemuUBoot(String... env) throws IOException {
        dir = Files.createTempDirectory("qemu-uboot");
        Path f0 = dir.resolve("flash0.img");
        Path f1 = dir.resolve("flash1.img");
        for (Path f : new Path[] {f0, f1}) {
            try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
                r.setLength(64L << 20);
            }
        }
        try (RandomAccessFile r = new RandomAccessFile(f0.toFile(), "rw")) {
            r.write(Files.readAllBytes(UBOOT));
        }
        try (RandomAccessFile r = new RandomAccessFile(f1.toFile(), "rw")) {
            r.write(envImage(env));
        }
        qemu = new ProcessBuilder("qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a53", "-m", "512",
                "-display", "none", "-drive", "if=pflash,format=raw,file=" + f0,
                "-drive", "if=pflash,format=raw,file=" + f1, "-nic", "none", "-serial", "pty",
                "-monitor", "stdio", "-S").redirectErrorStream(true).start();
        monitor = qemu.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(qemu.getInputStream(), StandardCharsets.UTF_8));
        Pattern p = Pattern.compile("char device redirected to (/dev/pts/\\d+)");
        Path found = null;
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                found = Path.of(m.group(1));
                break;
            }
        }
        if (found == null) {
            qemu.destroyForcibly();
            throw new IOException("QEMU printed no pty");
        }
        pty = found;
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // monitor chatter
                }
            } catch (IOException e) {
                // gone
            }
        }, "qemu-out");
        drain.setDaemon(true);
        drain.start();
    }

    public Path pty() {
        return pty;
    }

    public void powerOn() throws IOException {
        monitor("cont");
    }

    public void powerCycle() throws IOException {
        monitor("system_reset");
        monitor("cont");
    }

    /** Opens a console on the UART at 115200, everything it reads logged by {@link ConsoleLog} under {@code logName}. */
    public Console openConsole(String logName) throws IOException {
        Console console = new Console(new SerialLink(pty.toString(), 115200));
        console.subscribe("log", ConsoleLog.to(logName));
        console.open();
        return console;
    }

    /** A {@link UBootSession#takeHold} listener: resets the machine when the driver asks for a power cycle. */
    public void powerCycleWhenAsked(HoldEvent e) {
        whenAsked(e, this::powerCycle);
    }

    /** A {@link UBootSession#takeHold} listener: lets the paused machine run when the driver asks for power. */
    public void powerOnWhenAsked(HoldEvent e) {
        whenAsked(e, this::powerOn);
    }

    private interface Switch {
        void flip() throws IOException;
    }

    private static void whenAsked(HoldEvent e, Switch power) {
        if (e.kind() == HoldEvent.Kind.POWER_CYCLE_NOW) {
            try {
                power.flip();
            } catch (IOException x) {
                throw new IllegalStateException(x);
            }
        }
    }

    /** Test teardown: the session, then the console, then QEMU; those never made (skipped test) are passed over. */
    public static void stop(UBootSession session, Console console, QemuUBoot qemu) throws IOException {
        if (session != null) {
            session.close();
        }
        if (console != null) {
            console.close();
        }
        if (qemu != null) {
            qemu.close();
        }
    }

    private void monitor(String cmd) throws IOException {
        monitor.write((cmd + "\n").getBytes(StandardCharsets.US_ASCII));
        monitor.flush();
    }

    /** The env block: CRC-32 (little endian) of the rest, then name=value\0 ... \0, zero padded. */
    static byte[] envImage(String... env) {
        ByteBuffer data = ByteBuffer.allocate(ENV_SIZE - 4);
        for (String e : env) {
            data.put(e.getBytes(StandardCharsets.UTF_8)).put((byte) 0);
        }
        CRC32 crc = new CRC32();
        crc.update(data.array());
        ByteBuffer all = ByteBuffer.allocate(ENV_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        all.putInt((int) crc.getValue()).put(data.array());
        return all.array();
    }

    @Override
    public void close() throws IOException {
        try {
            monitor("quit");
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!qemu.waitFor(3, TimeUnit.SECONDS)) {
                qemu.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            qemu.destroyForcibly();
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
