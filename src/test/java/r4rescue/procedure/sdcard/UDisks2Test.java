package r4rescue.procedure.sdcard;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The UDisks2 client against a test double of the daemon on a real bus ({@code dbus-daemon --session}):
 * the partition is resolved by path, its filesystem unmounted, and the daemon's refusals become
 * "no permission" (polkit said no) or "refused" with UDisks2's reason. Proven only against the double:
 * that the real daemon answers the same way (its object paths, polkit's prompt).
 */
@Tag("qemu")
class UDisks2Test {

    private Process daemon;
    private String address;
    private DBusConnection server;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile RuntimeException unmountFails;

    /** UDisks2's error (…Error.NotAuthorizedCanObtain) when polkit's agent was asked and said no. */
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

    @BeforeEach
    void bus() throws Exception {
        try {
            daemon = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1").start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no dbus-daemon here (Debian package dbus-daemon): " + e.getMessage());
        }
        address = new BufferedReader(new InputStreamReader(daemon.getInputStream())).readLine();
        assumeTrue(address != null && address.startsWith("unix:"), "dbus-daemon printed no address");
        server = DBusConnectionBuilder.forAddress(address).build();
        server.requestBusName(UDisks2.BUS_NAME);
        server.exportObject(UDisks2.MANAGER, new UDisks2.Manager() {
            @Override
            public List<DBusPath> resolveDevice(Map<String, Variant<?>> devspec, Map<String, Variant<?>> options) {
                String path = (String) devspec.get("path").getValue();
                calls.add("ResolveDevice " + path);
                return path.equals("/dev/sdx1") ? List.of(new DBusPath("/org/freedesktop/UDisks2/block_devices/sdx1")) : List.of();
            }

            @Override
            public String getObjectPath() {
                return UDisks2.MANAGER;
            }
        });
        server.exportObject("/org/freedesktop/UDisks2/block_devices/sdx1", new UDisks2.Filesystem() {
            @Override
            public void unmount(Map<String, Variant<?>> options) {
                calls.add("Unmount sdx1");
                if (unmountFails != null) {
                    throw unmountFails;
                }
            }

            @Override
            public String getObjectPath() {
                return "/org/freedesktop/UDisks2/block_devices/sdx1";
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (daemon != null) {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    @Test
    void unmountsThePartitionTheDaemonResolves() throws Exception {
        try (UDisks2 u = UDisks2.at(address)) {
            u.unmount(Path.of("/dev/sdx1"));
        }
        assertEquals(List.of("ResolveDevice /dev/sdx1", "Unmount sdx1"), calls);
    }

    @Test
    void refusalsSayWhy() throws Exception {
        try (UDisks2 u = UDisks2.at(address)) {
            SdcardException unknown = assertThrows(SdcardException.class, () -> u.unmount(Path.of("/dev/sdy1")));
            assertEquals(SdcardException.Kind.REFUSED, unknown.kind());
            assertTrue(unknown.getMessage().contains("does not know /dev/sdy1"), unknown.getMessage());

            unmountFails = new NotAuthorizedCanObtain("Not authorized to perform operation");
            SdcardException no = assertThrows(SdcardException.class, () -> u.unmount(Path.of("/dev/sdx1")));
            assertEquals(SdcardException.Kind.NO_PERMISSION, no.kind(), no.getMessage());
            assertTrue(no.getMessage().contains("Not authorized"), no.getMessage());

            unmountFails = new DeviceBusy("Error unmounting /dev/sdx1: target is busy");
            SdcardException busy = assertThrows(SdcardException.class, () -> u.unmount(Path.of("/dev/sdx1")));
            assertEquals(SdcardException.Kind.REFUSED, busy.kind());
            assertTrue(busy.getMessage().contains("target is busy"), busy.getMessage());
        }
    }
}
