package r4rescue.procedure.sdcard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;

import r4rescue.procedure.sdcard.unix.UnixFd;

/**
 * A stand-in for udisksd on a private bus ({@code dbus-daemon --session}): Manager.ResolveDevice
 * for the devices it is given, Filesystem.Unmount, and Block.OpenDevice, which opens the device's
 * backing file with O_RDWR and the caller's flags, as udisksd does after polkit said yes, and
 * sends the descriptor back over the bus. {@link #refuse} makes the next calls fail as UDisks2
 * fails them. What it cannot show: polkit's own prompt and the real daemon's object paths.
 */
public final class UDisks2Double implements AutoCloseable {

    /** UDisks2's error when polkit's agent was asked and said no (dbus-java names the error by the class). */
    public static final class NotAuthorizedCanObtain extends DBusExecutionException {
        public NotAuthorizedCanObtain(String message) {
            super(message);
        }
    }

    /** UDisks2's error for a filesystem in use. */
    public static final class DeviceBusy extends DBusExecutionException {
        public DeviceBusy(String message) {
            super(message);
        }
    }

    public final String address;
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final Process daemon;
    private final DBusConnection server;
    private final Map<String, Path> backing = new ConcurrentHashMap<>();
    private final List<Integer> opened = new CopyOnWriteArrayList<>();
    private volatile RuntimeException refusal;

    private UDisks2Double(Process daemon, String address, DBusConnection server) {
        this.daemon = daemon;
        this.address = address;
        this.server = server;
    }

    /** Starts the bus and the stand-in; skips the test where dbus-daemon is missing. */
    public static UDisks2Double start() throws Exception {
        Process daemon;
        try {
            daemon = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1").start();
        } catch (IOException e) {
            assumeTrue(false, "no dbus-daemon here (Debian package dbus-daemon): " + e.getMessage());
            throw e;
        }
        String address = new BufferedReader(new InputStreamReader(daemon.getInputStream())).readLine();
        assumeTrue(address != null && address.startsWith("unix:"), "dbus-daemon printed no address");
        UDisks2Double d = new UDisks2Double(daemon, address, DBusConnectionBuilder.forAddress(address).build());
        d.server.requestBusName(UDisks2.BUS_NAME);
        d.server.exportObject(UDisks2.MANAGER, d.new Manager());
        return d;
    }

    /** Makes {@code device} known, its data kept in {@code file} (the device itself, a loop device, or a plain file). */
    public void add(String device, Path file) throws Exception {
        String name = Path.of(device).getFileName().toString();
        String object = "/org/freedesktop/UDisks2/block_devices/" + name;
        backing.put(device, file);
        server.exportObject(object, new Device(name, file));
    }

    /** The next calls fail with {@code e} (null: they succeed again). */
    public void refuse(RuntimeException e) {
        refusal = e;
    }

    private final class Manager implements UDisks2.Manager {
        @Override
        public List<DBusPath> resolveDevice(Map<String, Variant<?>> devspec, Map<String, Variant<?>> options) {
            String path = (String) devspec.get("path").getValue();
            calls.add("ResolveDevice " + path);
            return backing.containsKey(path)
                    ? List.of(new DBusPath("/org/freedesktop/UDisks2/block_devices/" + Path.of(path).getFileName())) : List.of();
        }

        @Override
        public String getObjectPath() {
            return UDisks2.MANAGER;
        }
    }

    private final class Device implements UDisks2.Block, UDisks2.Filesystem {
        private final String name;
        private final Path file;

        Device(String name, Path file) {
            this.name = name;
            this.file = file;
        }

        @Override
        public void unmount(Map<String, Variant<?>> options) {
            calls.add("Unmount " + name);
            if (refusal != null) {
                throw refusal;
            }
        }

        @Override
        public FileDescriptor openDevice(String mode, Map<String, Variant<?>> options) {
            int flags = (Integer) options.get("flags").getValue();
            calls.add("OpenDevice " + name + " " + mode + " flags=0" + Integer.toOctalString(flags));
            if (refusal != null) {
                throw refusal;
            }
            try {
                int fd = UnixFd.open(file.toString(), UnixFd.O_RDWR | flags);
                opened.add(fd);
                return new FileDescriptor(fd);
            } catch (IOException e) {
                throw new DBusExecutionException(e.getMessage());
            }
        }

        @Override
        public String getObjectPath() {
            return "/org/freedesktop/UDisks2/block_devices/" + name;
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        opened.forEach(UnixFd::close);
        daemon.destroy();
        daemon.waitFor();
    }
}
