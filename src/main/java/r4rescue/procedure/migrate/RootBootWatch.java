package r4rescue.procedure.migrate;

import java.util.function.Function;

import r4rescue.console.bootlog.BootEvent;
import r4rescue.console.bootlog.BootLogObserver;
import r4rescue.console.bootlog.Stage;
import r4rescue.util.Texts;

/**
 * Watches a reboot's console lines with the boot-log observer and says when to stop waiting for a
 * shell: a kernel failure (panic), or the kernel still "Waiting for root device" after a grace
 * period without a root mounted. Used as {@code ShellDriver.awaitReboot}'s give-up rule.
 */
final class RootBootWatch implements Function<String, String> {

    private final BootLogObserver observer = new BootLogObserver();
    private final long graceMs;
    private volatile String failure;
    private volatile long waitingSince = -1;
    private volatile String waitingLine;
    private volatile boolean mounted;

    RootBootWatch(long graceMs) {
        this.graceMs = graceMs;
        observer.start(System.currentTimeMillis());
        observer.addListener(this::onEvent);
    }

    private void onEvent(BootEvent e) {
        switch (e.kind()) {
            case FAILURE -> {
                if (e.finding() != null && !e.stage().isBefore(Stage.KERNEL)) {
                    failure = e.finding().summary() + " (\"" + e.text().strip() + "\")";
                }
            }
            case MARK -> {
                if ("waiting-root".equals(e.key()) && waitingSince < 0) {
                    waitingSince = System.currentTimeMillis();
                    waitingLine = e.text().strip();
                }
            }
            case ROOT_MOUNTED -> mounted = true;
            case POWER_ON -> {
                waitingSince = -1;
                mounted = false;
            }
            default -> {
            }
        }
    }

    @Override
    public String apply(String line) {
        long now = System.currentTimeMillis();
        if (line != null) {
            observer.accept(line, now);
        } else {
            observer.tick(now);
        }
        if (failure != null) {
            return failure;
        }
        if (waitingSince >= 0 && !mounted && now - waitingSince >= graceMs) {
            return Texts.t("proc.nvme.theKernelIsStill", waitingLine, graceMs / 1000);
        }
        return null;
    }
}
