package r4rescue.face.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import r4rescue.util.Texts;

/**
 * picocli's own parse errors (an unknown option, a missing option or parameter, an argument nothing takes, an
 * option given twice) in the user's language, then the hint to {@code --help}. picocli words them in English
 * only; here its exception's type and details choose a {@code cli.parse.*} text. In English, with
 * {@code --json}, and for the rarer errors not mapped here, picocli's own words are printed as before.
 */
final class ParseErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        boolean json = Arrays.asList(args).contains("--json");
        String words = json || Texts.locale().getLanguage().equals("en") ? null : translated(ex);
        if (words == null) {
            err.println(ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        } else {
            err.println(words);
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                err.println(Texts.t("cli.parse.suggestions", String.join(", ", u.getSuggestions())));
            }
        }
        String command = cl.getCommandSpec().qualifiedName();
        err.println(json ? Texts.en("cli.see-help", command) : Texts.t("cli.see-help", command));
        return MainCommand.BAD_INPUT;
    }

    /** The error in the user's language, or null for one picocli words better (type conversion and the like). */
    static String translated(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            return Texts.t(u.isUnknownOption() ? "cli.parse.unknownOption" : "cli.parse.unmatched", quoted(u.getUnmatched()));
        }
        if (ex instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
            ArgSpec first = m.getMissing().get(0);
            // an option given without its value; picocli says so only in its message
            if (first instanceof OptionSpec o && ex.getMessage().startsWith("Missing required parameter for option")) { // i18n-exempt: picocli's words, matched
                return Texts.t("cli.parse.missingValue", quote(o.longestName()), o.paramLabel());
            }
            List<String> names = m.getMissing().stream().map(ParseErrors::name).toList();
            return Texts.t(first.isOption() ? "cli.parse.missingOption" : "cli.parse.missingParameter", quoted(names));
        }
        if (ex instanceof CommandLine.OverwrittenOptionException o) {
            return Texts.t("cli.parse.overwritten", quote(name(o.getOverwritten())));
        }
        return null;
    }

    private static String name(ArgSpec a) {
        return a instanceof OptionSpec o ? o.longestName() : a.paramLabel();
    }

    private static String quoted(List<String> names) {
        return names.stream().map(ParseErrors::quote).collect(Collectors.joining(", "));
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }
}
