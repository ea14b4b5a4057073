package r4rescue.face.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import r4rescue.util.Texts;

/** Every command's and option's help text comes from the cli bundle, in English and in Chinese. */
@Tag("unit")
class HelpTextsTest {

    private final Locale before = Texts.locale();

    @AfterEach
    void restore() {
        Texts.useLocale(before);
    }

    /** "where: text" for every command and visible option or parameter (sdcard's texts are its own helper's). */
    private static List<String> texts(Locale l) {
        Texts.useLocale(l);
        List<String> out = new ArrayList<>();
        walk(MainCommand.commandLine(), out);
        return out;
    }

    private static void walk(CommandLine cl, List<String> out) {
        CommandSpec s = cl.getCommandSpec();
        if (s.name().equals("sdcard")) {
            return;
        }
        out.add(s.qualifiedName() + ": " + String.join(" ", s.usageMessage().description()));
        for (ArgSpec a : s.args()) {
            if (!a.hidden() && !(a instanceof CommandLine.Model.OptionSpec o && o.longestName().equals("--password"))) {
                out.add(s.qualifiedName() + " " + a + ": " + String.join(" ", a.description()));
            }
        }
        cl.getSubcommands().values().forEach(sub -> walk(sub, out));
    }

    @Test
    void everyCommandAndOptionHasItsTextInEnglishAndInChinese() {
        List<String> en = texts(Locale.ENGLISH);
        List<String> zh = texts(Locale.SIMPLIFIED_CHINESE);
        assertEquals(en.size(), zh.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < en.size(); i++) {
            if (en.get(i).endsWith(": ")) {
                problems.add("no text: " + en.get(i));
            } else if (zh.get(i).equals(en.get(i)) && !en.get(i).matches(".*: status \\| switch.*")) {
                problems.add("not Chinese: " + zh.get(i));
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(en.contains("r4-rescue diagnose: Reads a captured BPI-R4 console log and says which boot stages ran, the boot"
                + " device, versions, the root device, and where and why the boot stopped. Exit codes: 0 complete boot,"
                + " 1 failure or stopped early, 2 input unreadable."), "English as it was");
    }
}
