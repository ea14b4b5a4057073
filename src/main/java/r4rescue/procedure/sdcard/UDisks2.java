package r4rescue.procedure.sdcard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/**
 * UDisks2 over D-Bus (dbus-java), as GNOME Disks and rpi-imager use it: the card's partitions are
 * unmounted by the daemon, which asks polkit, so the person at the desk needs no root. The device
 * is found with {@code Manager.ResolveDevice} (UDisks 2.7.3 and later) and each filesystem unmounted
 * with {@code Filesystem.Unmount}; a refusal comes back with UDisks2's own reason.
 */
public final class UDisks2 implements Unmounter, AutoCloseable {

    static final String BUS_NAME = "org.freedesktop.UDisks2";
    static final String MANAGER = "/org/freedesktop/UDisks2/Manager";

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

    private final DBusConnection bus;

    private UDisks2(DBusConnection bus) {
        this.bus = bus;
    }

    /** The system bus's UDisks2. @throws IOException no system bus here */
    public static UDisks2 system() throws IOException {
        return at(null);
    }

    /** UDisks2 on the bus at {@code address} (a test's own bus), or the system bus when null. */
    static UDisks2 at(String address) throws IOException {
        try {
            return new UDisks2((address == null ? DBusConnectionBuilder.forSystemBus() : DBusConnectionBuilder.forAddress(address)).build());
        } catch (DBusException e) {
            throw new IOException("No D-Bus system bus: " + e.getMessage(), e);
        }
    }

    @Override
    public void unmount(Path partition) throws IOException {
        try {
            Manager m = bus.getRemoteObject(BUS_NAME, MANAGER, Manager.class);
            List<DBusPath> objects = m.resolveDevice(Map.of("path", new Variant<>(partition.toString())), Map.of());
            if (objects.isEmpty()) {
                throw new SdcardException(SdcardException.Kind.REFUSED, "UDisks2 does not know " + partition + ". Nothing was written.");
            }
            bus.getRemoteObject(BUS_NAME, objects.get(0).getPath(), Filesystem.class).unmount(Map.of());
        } catch (DBusException e) {
            throw new SdcardException(SdcardException.Kind.REFUSED, "UDisks2 is not reachable (" + e.getMessage() + "): unmount "
                    + partition + " by hand. Nothing was written.", -1, e);
        } catch (DBusExecutionException e) {
            // org.freedesktop.UDisks2.Error.NotAuthorized, …CanObtain, …Dismissed: polkit said no
            String type = e.getType() == null ? "" : e.getType().replace('$', '.');
            boolean denied = type.matches(".*\\.NotAuthorized(CanObtain|Dismissed)?");
            throw new SdcardException(denied ? SdcardException.Kind.NO_PERMISSION : SdcardException.Kind.REFUSED,
                    "UDisks2 did not unmount " + partition + ": " + e.getMessage() + " (" + type + "). Nothing was written.", -1, e);
        }
    }

    @Override
    public void close() throws IOException {
        bus.close();
    }
}
