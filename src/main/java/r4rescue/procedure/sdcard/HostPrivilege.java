package r4rescue.procedure.sdcard;

/**
 * How this process gets at a card: as root directly (benches, CI); as a user, UDisks2 over the
 * system D-Bus unmounts the card's partitions (polkit lets the person at the desk do that). Windows
 * and macOS are not supported yet, and say so.
 */
public final class HostPrivilege {

    private HostPrivilege() {
    }

    /** Null when writing cards is supported here, else why not. */
    public static String unsupported() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return os.contains("linux") ? null
                : "Writing the card from the program is supported on Linux only for now; on " + System.getProperty("os.name")
                + " use balenaEtcher or Rufus with the .img.gz file as it is.";
    }

    public static Unmounter unmounter() {
        return Unmounter.umount();
    }
}
