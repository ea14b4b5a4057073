package r4rescue.util;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The words the user reads, in the user's language. A key names its bundle by its first part:
 * {@code cli.diagnose.fix} is in {@code r4rescue/i18n/cli.properties} (English, complete), with
 * {@code cli_zh.properties}, {@code cli_de.properties} beside it; Java reads them as UTF-8. One
 * bundle per area lets the window, the command line and the procedures grow their texts apart.
 *
 * <p>Arguments fill {@code {0}}, {@code {1}}, … literally: no {@code MessageFormat}, so an apostrophe
 * is just an apostrophe and numbers are formatted by the caller (with {@link #locale()}).
 * A key missing in the user's language falls back to English; one missing in English is a bug,
 * and shows as the key itself so that the program goes on (a test keeps that from shipping).
 */
public final class Texts {

    private static volatile Locale locale = Locale.getDefault();

    /** Ignores the JVM's default locale when looking for a bundle: English is the fallback. */
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Texts() {
    }

    /** The language texts are given in: the OS locale unless the settings override it. */
    public static Locale locale() {
        return locale;
    }

    /** Sets the language for the rest of the run (the settings' override, or a test's). */
    public static void useLocale(Locale l) {
        locale = Objects.requireNonNull(l);
    }

    /** {@code key}'s text in the user's language, arguments filled in. */
    public static String t(String key, Object... args) {
        return in(locale, key, args);
    }

    /** {@code key}'s English text: for {@code --json} output, which stays language-neutral. */
    public static String en(String key, Object... args) {
        return in(Locale.ROOT, key, args);
    }

    /** {@code key}'s text in {@code l}, falling back to English. */
    public static String in(Locale l, String key, Object... args) {
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(bundleOf(key), l, Texts.class.getClassLoader(), NO_FALLBACK)
                    .getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return fill(pattern, args);
    }

    /** Whether English has {@code key}. */
    public static boolean has(String key) {
        return !in(Locale.ROOT, key).equals(key);
    }

    /** The class-path bundle name of {@code key}: {@code r4rescue.i18n.<first part>}. */
    public static String bundleOf(String key) {
        int dot = key.indexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("A text key starts with its area, as in cli.name: " + key);
        }
        return "r4rescue.i18n." + key.substring(0, dot);
    }

    /** {@code pattern} with each {@code {n}} replaced by {@code args[n]}. */
    static String fill(String pattern, Object... args) {
        if (args.length == 0 || pattern.indexOf('{') < 0) {
            return pattern;
        }
        StringBuilder out = new StringBuilder(pattern.length() + 32);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int close = c == '{' ? pattern.indexOf('}', i) : -1;
            if (close > i + 1) {
                String n = pattern.substring(i + 1, close);
                if (n.length() <= 3 && n.chars().allMatch(Character::isDigit) && Integer.parseInt(n) < args.length) {
                    out.append(args[Integer.parseInt(n)]);
                    i = close + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
