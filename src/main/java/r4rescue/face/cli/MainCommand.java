package r4rescue.face.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import r4rescue.Version;
import r4rescue.procedure.core.ExitCodes;
import r4rescue.util.Texts;

/** The command line: {@code r4-rescue SUBCOMMAND ...}. */
@Command(name = "r4-rescue",
        mixinStandardHelpOptions = true,
        versionProvider = MainCommand.VersionProvider.class,
        subcommands = {
                CommandLine.HelpCommand.class,
                PortsCommand.class,
                ConsoleCommand.class,
                DiagnoseCommand.class,
                BenchCommand.class,
                FlashCommand.class,
                JournalCommand.class,
                ResumeCommand.class,
                SimulateCommand.class,
                MigrateCommand.class,
                SlotCommand.class,
                UpgradeCommand.class,
                ChecklistCommand.class,
                BackupCommand.class,
                InterruptCommand.class,
                EnvCommand.class,
                SetenvCommand.class,
                BootargsCommand.class,
                LoadCommand.class,
                UartbootCommand.class,
                SdcardCommand.class,
                EachCommand.class,
                ImagesCommand.class,
                PreflightCommand.class,
                TranscriptCommand.class,
                UnbrickCommand.class,
        })
public final class MainCommand implements Runnable {

    /** Exit codes shared by every subcommand (the procedures' own mapping is {@link ExitCodes}). */
    public static final int OK = ExitCodes.OK;
    public static final int BOARD_SAID_NO = ExitCodes.FAILED;
    public static final int BAD_INPUT = ExitCodes.REFUSED;
    public static final int NO_LINK = ExitCodes.NO_LINK;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static int run(String... args) {
        CliLocale.apply();
        return commandLine().execute(args);
    }

    /**
     * The command line as the program runs it. picocli's own {@code @FILE} expansion is off:
     * {@code each -p @FILE} reads a list of ports, one a line.
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MainCommand());
        cl.setExpandAtFiles(false);
        cl.setResourceBundle(new HelpTexts(Texts.locale()));
        cl.setExitCodeExceptionMapper(e -> BAD_INPUT);
        cl.setParameterExceptionHandler(new ParseErrors());
        return cl;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"r4-rescue " + Version.get()};
        }
    }
}
