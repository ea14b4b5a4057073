package r4rescue.console.bootlog;

/**
 * Something the observer recognised.
 *
 * @param key         version name or mark key, where that applies
 * @param value       the version, boot device, root device...
 * @param finding     for SIGNATURE and FAILURE events
 * @param sinceBootMs time since power-on (the Boot ROM's first line) or since the first line seen
 */
public record BootEvent(Kind kind, Stage stage, String key, String value, long line, String text, long sinceBootMs,
                        Finding finding) {

    /** Event kinds; FAILURE means the boot's verdict changed (a fatal signature, a hang, silence, noise). */
    public enum Kind {
        POWER_ON, STAGE, MARK, BOOT_DEVICE, VERSION, AUTOBOOT, BOOT_MENU, UBOOT_PROMPT, SHELL_PROMPT,
        ROOT_DEVICE, ROOT_MOUNTED, SIGNATURE, FAILURE, RESET_LOOP
    }
}
