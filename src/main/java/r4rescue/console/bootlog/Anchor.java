package r4rescue.console.bootlog;

import java.util.regex.Pattern;

/**
 * A line the boot chain is known to print (from stages.json): where it belongs and what it tells.
 *
 * @param contains literal that must be in the line (the cheap prefilter)
 * @param regex    optional further test; group 1, if any, is the value
 * @param value    fixed value (boot device names)
 * @param key      version name, or the mark it sets for the stop rules
 * @param weak     a hint that a later strong anchor may override
 * @param before   only applies while the boot is still before this stage
 */
public record Anchor(Kind kind, Stage stage, String contains, Pattern regex, String value, String key,
                     boolean weak, Stage before, String source) {

    /** What an anchor reports. */
    public enum Kind {
        POWER_ON, STAGE, MARK, BOOT_DEVICE, VERSION, BOOT_MENU, AUTOBOOT, UBOOT_PROMPT, ROOT_DEVICE,
        ROOT_MOUNTED, SHELL_PROMPT,
        /** The board announces its own restart: the boot ends here, the next one begins with the next anchor. */
        RESET,
        /**
         * A BL2 built to run from RAM, which only the host sends (the Boot ROM's serial download):
         * a new boot starts at this line, unless the current one is still in its Boot ROM, which
         * then took the download itself. After a halt the power cycle for the download printed nothing.
         */
        RAM_BOOT
    }
}
