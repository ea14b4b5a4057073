package r4rescue;

import r4rescue.face.cli.MainCommand;

/**
 * Entry point of {@code java -jar r4-rescue.jar}: no arguments opens the window, anything else is
 * the command line. Kept free of JavaFX (only {@code face} may use it), so the jar starts without JavaFX
 * on the module path.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            r4rescue.face.fx.R4RescueApp.open();
            return;
        }
        System.exit(MainCommand.run(args));
    }
}
