package r4rescue.testbed;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import r4rescue.console.Console;
import r4rescue.protocol.shell.ShellDriver;
import r4rescue.sim.uboot.Env;

/**
 * Test bed 3 (testbeds.md): a real x86 Linux kernel with an OpenWrt-like BusyBox initramfs under
 * QEMU, console on a pty, one NVMe controller with three namespaces: nvme0n1 (the SSD to migrate
 * to), nvme0n2 (a second, small SSD) and nvme0n3 (the U-Boot environment, kept across reboots).
 */
public final class QemuLinux implements AutoCloseable {

    /** One copy of the redundant environment on nvme0n3 (the BPI-R4's eMMC/SD size; /etc/fw_env.config). */
    static final int ENV_COPY = 0x40000;

    public static final String ENV_DEFAULT = "bootargs=console=ttyS0,115200n1 pci=pcie_bus_perf root=/dev/fit0 rootwait\n"
            + "bootcmd=if pstore check ; then run boot_recovery ; else run boot_ubi ; fi\n";

    /**
     * How the guest's kernel drives NVMe (build-initramfs.sh): "builtin" (root= works) or "stock" (OpenWrt with
     * kmod-nvme, / an overlay of /rom and the flash's rootfs_data); STOCK_BLOCK_MOUNT is stock with block-mount
     * installed, whose preinit `block extroot` can put /overlay on the SSD.
     */
    public enum Variant {
        BUILTIN, STOCK, STOCK_BLOCK_MOUNT;

        boolean stock() {
            return this != BUILTIN;
        }
    }

    private final Path dir;
    private Variant variant = Variant.BUILTIN;
    private Process qemu;
    private Console console;
    private PullableLink link;
    private long bootMillis;
    private String ptyPath;

    public QemuLinux(Path dir) {
        this.dir = dir;
    }

    /** A fresh folder under target/ for one test class's images (removed by mvn clean). */
    public static Path workDir(String name) throws IOException {
        Path base = Path.of("target", "qemu");
        Files.createDirectories(base);
        return Files.createTempDirectory(base, name + "-");
    }

    /** Whether this machine can run the test bed (tests skip otherwise). */
    public static boolean available() {
        return kernel() != null && onPath("qemu-system-x86_64") && onPath("modprobe") && new File("/usr/sbin/mke2fs").exists()
                && new File("/usr/sbin/sfdisk").exists() && new File("/bin/busybox").exists() && new File("/usr/bin/lsblk").exists()
                && onPath("cpio") && new File("/usr/bin/fw_setenv").exists();
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(d, tool).canExecute()) {
                return true;
            }
        }
        return new File("/usr/sbin", tool).canExecute() || new File("/sbin", tool).canExecute();
    }

    static File kernel() {
        File[] k = new File("/boot").listFiles((d, n) -> n.startsWith("vmlinuz-"));
        if (k == null || k.length == 0) {
            return null;
        }
        Arrays.sort(k);
        File last = k[k.length - 1];
        return new File("/lib/modules/" + last.getName().substring("vmlinuz-".length())).isDirectory() ? last : null;
    }

    /** Boots the bed most test classes use: a 1 GiB main SSD, a 64 MiB small one, the default env, under target/qemu/NAME-*. */
    public static QemuLinux boot(String name) throws IOException, InterruptedException {
        return boot(name, Variant.BUILTIN);
    }

    /** The same with the given kernel variant. */
    public static QemuLinux boot(String name, Variant variant) throws IOException, InterruptedException {
        QemuLinux vm = new QemuLinux(workDir(name));
        vm.variant = variant;
        vm.createDisks(1L << 30, 64L << 20, ENV_DEFAULT);
        vm.start();
        return vm;
    }

    /** A shell driver on this bed's console, active (the guest's boot given 90 s). */
    public ShellDriver activeShell() throws IOException {
        ShellDriver shell = new ShellDriver(console);
        shell.activate(null, 90_000);
        return shell;
    }

    /** Test teardown: the shell, then the machine; those never made (skipped test) are passed over. */
    public static void stop(ShellDriver shell, QemuLinux vm) {
        if (shell != null) {
            shell.close();
        }
        if (vm != null) {
            vm.close();
        }
    }

    /** This test bed's folder (removed on close). */
    public Path dir() {
        return dir;
    }

    public Path image(String name) {
        return dir.resolve(name + ".img");
    }

    /** Creates the disks (main SSD, small SSD, env) unless present. */
    public void createDisks(long mainBytes, long smallBytes, String env) throws IOException {
        sparse(image("main"), mainBytes);
        sparse(image("small"), smallBytes);
        sparse(image("env"), 1 << 20);
        if (variant.stock()) {
            sparse(image("flash"), 32L << 20);
        }
        Map<String, String> vars = new TreeMap<>();
        for (String line : env.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                vars.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        // Both copies valid, the first current (flag 1 > 0), as after a saveenv.
        try (RandomAccessFile f = new RandomAccessFile(image("env").toFile(), "rw")) {
            f.write(Env.encode(vars, ENV_COPY, 1));
            f.write(Env.encode(vars, ENV_COPY, 0));
        }
    }

    /** The two copies of the redundant environment as the guest stored them (null where a CRC fails). */
    public List<Map<String, String>> envCopies() throws IOException {
        byte[] all = Files.readAllBytes(image("env"));
        List<Map<String, String>> copies = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            copies.add(Env.decode(Arrays.copyOfRange(all, i * ENV_COPY, (i + 1) * ENV_COPY), true));
        }
        return copies;
    }

    /** The flag byte of each copy: libubootenv writes the copy that is not current, with the higher flag. */
    public int[] envFlags() throws IOException {
        byte[] all = Files.readAllBytes(image("env"));
        return new int[] {all[4] & 0xff, all[ENV_COPY + 4] & 0xff};
    }

    private static void sparse(Path p, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(0);
            f.setLength(size);
        }
    }

    /** Builds the initramfs, boots QEMU and opens its console; returns after the pty is open. */
    public Console start() throws IOException, InterruptedException {
        File kernel = kernel();
        String kver = kernel.getName().substring("vmlinuz-".length());
        Path script = dir.resolve("build-initramfs.sh");
        try (InputStream in = QemuLinux.class.getResourceAsStream("/r4rescue/qemu/build-initramfs.sh")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path initrd = dir.resolve("initrd.gz");
        Process build = new ProcessBuilder("sh", script.toString(), kver, initrd.toString(), variant.name().toLowerCase()).redirectErrorStream(true).start();
        String buildOut = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (build.waitFor() != 0) {
            throw new IOException("initramfs build failed: " + buildOut);
        }
        long t0 = System.currentTimeMillis();
        List<String> cmd = new java.util.ArrayList<>(List.of("qemu-system-x86_64", "-machine", "accel=tcg", "-m", "512",
                "-kernel", kernel.getPath(), "-initrd", initrd.toString(),
                "-append", "console=ttyS0,115200 quiet",
                "-drive", "if=none,id=d1,format=raw,file=" + image("main"),
                "-drive", "if=none,id=d2,format=raw,file=" + image("small"),
                "-drive", "if=none,id=d3,format=raw,file=" + image("env"),
                "-device", "nvme,id=ctrl,serial=R4TESTSSD",
                "-device", "nvme-ns,drive=d1,nsid=1", "-device", "nvme-ns,drive=d2,nsid=2", "-device", "nvme-ns,drive=d3,nsid=3",
                "-nic", "none", "-serial", "pty", "-monitor", "none", "-display", "none"));
        if (variant.stock()) {
            // the flash's rootfs_data: not on the NVMe controller, which `rmmod nvme` takes away
            cmd.addAll(List.of("-drive", "if=none,id=d4,format=raw,file=" + image("flash"), "-device", "virtio-blk-pci,drive=d4"));
        }
        qemu = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(qemu.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> pty = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                Pattern p = Pattern.compile("char device redirected to (/dev/pts/\\d+)");
                while ((line = r.readLine()) != null) {
                    Matcher m = p.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            } catch (IOException e) {
                // falls through
            }
            return null;
        });
        String path;
        try {
            path = pty.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("QEMU did not report its pty", e);
        }
        if (path == null) {
            throw new IOException("QEMU did not start");
        }
        ptyPath = path;
        link = new PullableLink(new r4rescue.link.SerialLink(path, 115200));
        console = new Console(link);
        console.open();
        bootMillis = t0;
        return console;
    }

    /** The guest console's pty, e.g. /dev/pts/4. */
    public String ptyPath() {
        return ptyPath;
    }

    /** Closes this fixture's own console so another opener (the CLI) has the pty alone. */
    public void releaseConsole() {
        console.close();
        console = null;
    }

    /** When QEMU was started (for the boot-time figure). */
    public long startedAt() {
        return bootMillis;
    }

    public Console console() {
        return console;
    }

    public PullableLink link() {
        return link;
    }

    @Override
    public void close() {
        if (console != null) {
            console.close();
        }
        if (qemu != null) {
            qemu.destroy();

            try {
                if (!qemu.waitFor(5, TimeUnit.SECONDS)) {
                    qemu.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // The images are sparse but the initramfs and copies are not: leave nothing behind.
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
