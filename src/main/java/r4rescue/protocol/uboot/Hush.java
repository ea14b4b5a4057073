package r4rescue.protocol.uboot;

import java.util.regex.Pattern;

/**
 * Quoting for U-Boot's hush shell, checked against real U-Boot (2023.01 under QEMU): inside single
 * quotes nothing expands, but a later pass still removes backslashes, so a backslash is doubled;
 * a single quote is written as {@code '\''}. Control characters cannot be typed at the prompt
 * (newline ends the line, Ctrl-C cancels it, tab completes, backspace edits) and are refused.
 */
public final class Hush {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]*");

    private Hush() {
    }

    /** {@code value} as one hush word that hush turns back into exactly {@code value}. */
    public static String quote(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("U-Boot's command line cannot carry the control character 0x"
                        + Integer.toHexString(c) + (c == '\n' ? " (newline)" : "") + " at position " + i);
            }
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "'\\''") + "'";
    }

    /** Refuses a variable name hush or the environment cannot hold. */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a usable U-Boot variable name: '" + name
                    + "' (letters, digits, _ . : - ; not starting with a digit)");
        }
        return name;
    }

    /** {@code setenv NAME 'VALUE'}; an empty value deletes the variable, as in U-Boot. */
    public static String setenv(String name, String value) {
        return "setenv " + checkName(name) + (value.isEmpty() ? "" : " " + quote(value));
    }
}
