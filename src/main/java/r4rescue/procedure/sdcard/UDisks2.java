package r4rescue.procedure.sdcard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

import r4rescue.procedure.sdcard.unix.UnixFd;
import r4rescue.util.Message;
import r4rescue.util.Texts;

/**
 * UDisks2 over D-Bus (dbus-java), as GNOME Disks and rpi-imager use it: the daemon unmounts the
 * card's partitions and opens the card for us, asking polkit, so the person at the desk needs no
 * root. The device is found with {@code Manager.ResolveDevice} (UDisks 2.7.3 and later), each
 * filesystem unmounted with {@code Filesystem.Unmount}, the card opened with
 * {@code Block.OpenDevice("rw", {flags})}, whose answer is a file descriptor (our own D-Bus
 * transport, {@code sdcard.unix}, receives it). A refusal comes back with UDisks2's own reason.
 */
public final class UDisks2 implements Unmounter, CardTarget.Opener, AutoCloseable {

    static final String BUS_NAME = "org.freedesktop.UDisks2";
    static final String MANAGER = "/org/freedesktop/UDisks2/Manager";
    private static final String SYSTEM_BUS_SOCKET = "/var/run/dbus/system_bus_socket";
    /** Another bus than the system one for UDisks2 (tests, benches): its D-Bus address. */
    public static final String BUS_PROPERTY = "r4rescue.udisks2.bus";
    /**
     * OpenDevice's flags: O_DIRECT as rpi-imager asks (it adds O_SYNC; we fsync once at the end instead,
     * which keeps the write at the device's pace), O_EXCL so a card mounted meanwhile is refused, O_CLOEXEC.
     * udisksd opens the device with {@code mode | flags} after polkit's "org.freedesktop.udisks2.open-device"
     * (…-system for a system disk) and refuses only O_RDWR/O_RDONLY/O_WRONLY in flags (udisks
     * src/udiskslinuxblock.c, handle_open_device and open_device; its own writable OpenForBenchmark uses O_EXCL too).
     */
    static final int OPEN_FLAGS = UnixFd.O_DIRECT | UnixFd.O_EXCL | UnixFd.O_CLOEXEC;

    @DBusInterfaceName("org.freedesktop.UDisks2.Manager")
    public interface Manager extends DBusInterface {
        @DBusMemberName("ResolveDevice")
        List<DBusPath> resolveDevice(Map<String, Variant<?>> devspec, Map<String, Variant<?>> options);
    }

    @DBusInterfaceName("org.freedesktop.UDisks2.Filesystem")
    public interface Filesystem extends DBusInterface {
        @DBusMemberName("Unmount")
        void unmount(Map<String, Variant<?>> options);
    }

    @DBusInterfaceName("org.freedesktop.UDisks2.Block")
    public interface Block extends DBusInterface {
        @DBusMemberName("OpenDevice")
        FileDescriptor openDevice(String mode, Map<String, Variant<?>> options);
    }

    private final DBusConnection bus;

    private UDisks2(DBusConnection bus) {
        this.bus = bus;
    }

    /**
     * UDisks2 on the system bus (or the bus {@link #BUS_PROPERTY} names), or null when there is no
     * such bus or no UDisks2 on it (neither running nor activatable): then the caller falls back.
     */
    public static UDisks2 find() {
        String address = System.getProperty(BUS_PROPERTY);
        if (address == null && System.getenv("DBUS_SYSTEM_BUS_ADDRESS") == null && !Files.exists(Path.of(SYSTEM_BUS_SOCKET))) {
            return null; // no system bus (containers, CI): no need to wait for a connect to fail
        }
        UDisks2 u;
        try {
            u = at(address);
        } catch (IOException e) {
            return null;
        }
        try {
            DBus dbus = u.bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            if (dbus.NameHasOwner(BUS_NAME) || Arrays.asList(dbus.ListActivatableNames()).contains(BUS_NAME)) {
                return u;
            }
        } catch (DBusException | DBusExecutionException e) {
            // a bus that does not answer these has no UDisks2 for us either
        }
        u.close();
        return null;
    }

    /** UDisks2 on the bus at {@code address} (a test's own bus), or the system bus when null. */
    static UDisks2 at(String address) throws IOException {
        try {
            return new UDisks2((address == null ? DBusConnectionBuilder.forSystemBus() : DBusConnectionBuilder.forAddress(address)).build());
        } catch (DBusException e) {
            throw new IOException(Texts.t("sdcard.udisks.nobus", e.getMessage()), e);
        }
    }

    private String object(Path device) throws DBusException, SdcardException {
        Manager m = bus.getRemoteObject(BUS_NAME, MANAGER, Manager.class);
        List<DBusPath> objects = m.resolveDevice(Map.of("path", new Variant<>(device.toString())), Map.of());
        if (objects.isEmpty()) {
            throw new SdcardException(SdcardException.Kind.REFUSED, Message.of("sdcard.udisks.unknown", device));
        }
        return objects.get(0).getPath();
    }

    @Override
    public void unmount(Path partition) throws IOException {
        try {
            bus.getRemoteObject(BUS_NAME, object(partition), Filesystem.class).unmount(Map.of());
        } catch (DBusException e) {
            throw new SdcardException(SdcardException.Kind.REFUSED, Message.of("sdcard.udisks.unreachable", e.getMessage(), partition), -1, e);
        } catch (DBusExecutionException e) {
            throw refusal(e, Message.of("sdcard.udisks.unmountRefused", partition, e.getMessage(), type(e)));
        }
    }

    /** Opens the whole card for writing and reading back; the descriptor is ours to close. */
    @Override
    public CardTarget open(Path device) throws IOException {
        FileDescriptor fd;
        try {
            fd = bus.getRemoteObject(BUS_NAME, object(device), Block.class)
                    .openDevice("rw", Map.of("flags", new Variant<>(OPEN_FLAGS)));
        } catch (DBusException e) {
            throw new SdcardException(SdcardException.Kind.REFUSED, Message.of("sdcard.udisks.unreachableOpen", e.getMessage(), device), -1, e);
        } catch (DBusExecutionException e) {
            throw refusal(e, Message.of("sdcard.udisks.openRefused", device, e.getMessage(), type(e)));
        }
        if (fd == null || fd.getIntFileDescriptor() < 0) {
            throw new SdcardException(SdcardException.Kind.FAILED, Message.of("sdcard.udisks.noFd", device));
        }
        return CardTarget.fd(fd.getIntFileDescriptor());
    }

    private static String type(DBusExecutionException e) {
        return e.getType() == null ? "" : e.getType().replace('$', '.');
    }

    /** org.freedesktop.UDisks2.Error.NotAuthorized, …CanObtain, …Dismissed: polkit said no (exit 3); else refused. */
    private static SdcardException refusal(DBusExecutionException e, Message message) {
        boolean denied = type(e).matches(".*\\.NotAuthorized(CanObtain|Dismissed)?");
        return new SdcardException(denied ? SdcardException.Kind.NO_PERMISSION : SdcardException.Kind.REFUSED, message, -1, e);
    }

    @Override
    public void close() {
        bus.disconnect();
    }
}
