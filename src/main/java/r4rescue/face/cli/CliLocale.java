package r4rescue.face.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import r4rescue.util.Texts;

/**
 * The command line speaks the language of {@code LC_ALL}, {@code LC_MESSAGES} or {@code LANG} (POSIX's
 * order) and writes UTF-8 when they say so. Java derives its locale from the C library, which falls
 * back to English when the named locale is not installed (containers, minimal systems) although the
 * terminal shows Chinese well; reading the variables ourselves follows what the user asked for.
 */
final class CliLocale {

    private CliLocale() {
    }

    /** The locale the variables name; empty for none, {@code C} or {@code POSIX}. */
    static Optional<Locale> of(UnaryOperator<String> env) {
        String value = setting(env);
        String name = value.replaceFirst("[.@].*", "");
        if (name.isEmpty() || name.equals("C") || name.equals("POSIX")) {
            return Optional.empty();
        }
        String[] parts = name.split("_", 2);
        return Optional.of(parts.length == 2 ? new Locale(parts[0], parts[1]) : new Locale(parts[0]));
    }

    /** Whether the variables ask for UTF-8 ({@code zh_CN.UTF-8}, {@code C.utf8}). */
    static boolean utf8(UnaryOperator<String> env) {
        return setting(env).toLowerCase(Locale.ROOT).matches("[^.]*\\.utf-?8(@.*)?");
    }

    private static String setting(UnaryOperator<String> env) {
        for (String var : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String v = env.apply(var);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    /** Applies the environment's language and, when the JVM would write another charset, UTF-8 to stdout/stderr. */
    static void apply() {
        of(System::getenv).ifPresent(Texts::useLocale);
        if (utf8(System::getenv) && !Charset.defaultCharset().equals(StandardCharsets.UTF_8)) {
            // picocli reads these for its own writers; System.out for the commands that print directly.
            System.setProperty("sun.stdout.encoding", "UTF-8");
            System.setProperty("sun.stderr.encoding", "UTF-8");
            System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        }
    }
}
