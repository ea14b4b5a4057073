package r4rescue.sim.uboot;

/** U-Boot's number parsing: command arguments are hex unless prefixed (hextoul / simple_strtoul base 16). */
public final class Numbers {

    private Numbers() {
    }

    /** Parses a hex number ("0x" optional, as U-Boot's hextoul); null if it is not one. */
    public static Long hex(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        String t = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(t, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Parses a number the way strtoul(s, 0) does: 0x hex, leading 0 octal, else decimal. */
    public static Long auto(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseLong(s.substring(2), 16);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
